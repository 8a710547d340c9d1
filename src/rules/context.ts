import type { InboundMessage, MailAddress } from '../ingest/inbound-message.js';
import {
  isSetAside,
  NO_TEMPLATE,
  type SenderTemplate,
  type SetAsideMemo,
  type SetAsideSentence,
  setAsideBoilerplate,
} from './boilerplate.js';
import { type MessageText, splitMessageText } from './message-text.js';
import type { NextStep } from './next-steps.js';
import { composed, foldArabicScript } from './script-forms.js';

/** What every rule reads: the original message, already split, computed once per analysis. */
export interface AnalysisContext {
  subject: string;
  from: MailAddress | null;
  to: MailAddress[];
  /** ISO instant of the original message, or null. */
  date: string | null;
  /**
   * The message split into new text, signature and quoted history. `newText` has merchant boilerplate
   * and the sender's template already taken out (see `setAside`); signature and quoted text are as split.
   */
  text: MessageText;
  /**
   * The sentences taken out of the new text before any rule ran, with their class (`no_reply`,
   * `legal`, …) or `template`: what `analyze --explain` shows as set aside.
   */
  setAside: SetAsideSentence[];
  /** The forwarder, i.e. the customer who owns the case; null when the mail was not forwarded. */
  forwardedBy: string | null;
  /** Lower-cased addresses known to be the customer's. */
  customerAddresses: string[];
  /** The sender's learnt template text: set aside like boilerplate (see boilerplate.ts). */
  senderTemplate: SenderTemplate;
  /** Set-aside classes decided so far in this analysis, by sentence (see `setAsideIn`). */
  setAsideMemo?: SetAsideMemo;
  /**
   * Next steps and due dates worked out so far in this analysis, by sentence: the summary scores the
   * same sentences the next-step rule reads (see `nextStepIn`, `dueDateIn` in next-steps.ts).
   */
  sentenceDates?: Map<string, SentenceDates>;
  /** The message's labelled order numbers, once found (see `orderNumbersOf` in order-number.ts). */
  orderNumbers?: Match[];
}

/** What next-steps.ts found in one sentence, each computed at most once per analysis. */
export interface SentenceDates {
  nextStep?: NextStep | null;
  due?: string | null;
}

/** Whether a sentence of this message is set aside (boilerplate or template), decided once per analysis. */
export function setAsideIn(ctx: AnalysisContext, sentence: string): boolean {
  return isSetAside(sentence, ctx.senderTemplate, ctx.setAsideMemo);
}

export function contextOf(
  message: InboundMessage,
  customerAddresses: string[] = [],
  senderTemplate: SenderTemplate = NO_TEMPLATE,
): AnalysisContext {
  const forwardedBy = message.forward === 'none' ? null : (message.envelopeFrom?.address ?? null);
  const raw = splitMessageText(composed(message.original.text));
  // What the rules read of the newest message: Arabic script without harakat, tatweel and Arabic-Indic digits.
  const split = { ...raw, newText: foldArabicScript(raw.newText), signature: foldArabicScript(raw.signature) };
  // Before any rule reads a sentence: boilerplate can decide nothing it never sees.
  const setAsideMemo: SetAsideMemo = new Map();
  const { text: newText, setAside } = setAsideBoilerplate(split.newText, senderTemplate, setAsideMemo);
  return {
    subject: foldArabicScript(composed(message.original.subject)),
    from: message.original.from,
    to: message.original.to,
    date: message.original.date ?? message.envelopeDate,
    text: { ...split, newText },
    setAside,
    forwardedBy,
    customerAddresses: customerAddresses.map((a) => a.toLowerCase()),
    senderTemplate,
    setAsideMemo,
    sentenceDates: new Map(),
  };
}

/** A value a rule found, with the evidence. */
export interface Match<T = string> {
  value: T;
  rule: string;
  matched: string;
  location: import('./findings.js').FindingLocation;
}
