import { sentencesOf } from './message-text.js';

/**
 * Merchant boilerplate: text a sender prints on every mail whatever the case (no-reply notices,
 * security warnings, legal and privacy footers, unsubscribe and survey lines, marketing, tracking
 * links, preheader filler). It is set aside before any rule reads a sentence, so it can never
 * decide a resolution, a next step or a summary.
 */
export const BOILERPLATE_CLASSES = [
  'no_reply',
  'security',
  'legal',
  'privacy',
  'unsubscribe',
  'survey',
  'marketing',
  'tracking',
  'preheader',
] as const;
export type BoilerplateClass = (typeof BOILERPLATE_CLASSES)[number];

/**
 * Fingerprints (`sentenceFingerprint`) of the sentences a sender has printed in mails about
 * different cases: that sender's template text, learnt from the case store by the worker and
 * passed in, so the rules stay pure. Empty when nothing is known (e.g. `analyze` on a file).
 */
export type SenderTemplate = ReadonlySet<string>;
export const NO_TEMPLATE: SenderTemplate = new Set<string>();

/**
 * What stays of a sentence when what changes from case to case is folded away: case, digits,
 * amounts and identifiers, punctuation and spacing. Two mails' `Your refund of $12.00 for order
 * 123-456 …` and `Your refund of $99.10 for order 789-012 …` give the same fingerprint.
 */
export function sentenceFingerprint(sentence: string): string {
  return sentence
    .toLowerCase()
    .replace(/\p{N}+/gu, '0')
    .replace(/[^\p{L}0 ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const NO_REPLY = /\b(?:notification-only|do not reply|do-not-reply|cannot accept incoming e-?mail)\b/iu;

/** The class of boilerplate a sentence belongs to, or null when it may carry news. */
export function boilerplateClassOf(sentence: string): BoilerplateClass | null {
  if (NO_REPLY.test(sentence)) return 'no_reply';
  return null;
}

/** Whether a sentence is set aside: recognised boilerplate, or the sender's learnt template. */
export function isSetAside(sentence: string, template: SenderTemplate): boolean {
  return boilerplateClassOf(sentence) !== null || (template.size > 0 && template.has(sentenceFingerprint(sentence)));
}

/** The sentences of a text that may carry news: boilerplate and template text set aside. */
export function contentSentences(text: string, template: SenderTemplate): string[] {
  return sentencesOf(text).filter((s) => !isSetAside(s, template));
}
