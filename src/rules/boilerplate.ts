import { alternation, WORD_END as END, LEXICONS, WORD_START as START } from './lexicon/index.js';
import type { BoilerplateClassWords } from './lexicon/types.js';
import { sentencesOf, splitMessageText } from './message-text.js';
import { GatedPattern, type GateInput, gateInput, prefilter } from './prefilter.js';
import { ruleRegExp } from './rule-regexp.js';
import { foldArabicScript } from './script-forms.js';

/**
 * Merchant boilerplate: text a sender prints on every mail whatever the case (no-reply notices,
 * security warnings, legal and privacy footers, unsubscribe and survey lines, marketing, tracking
 * links, preheader filler). It is set aside before any rule reads a sentence (context.ts), so it can
 * never decide a resolution, a next step or a summary. The words come from the lexicons' `boilerplate`
 * section; nothing here depends on what the resolution or next-step rules look for.
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

/** A sentence taken out of the new text before the rules ran, and why. */
export interface SetAsideSentence {
  sentence: string;
  /** The boilerplate class, or `template`: the sender's learnt template text. */
  class: BoilerplateClass | 'template';
}

/**
 * Fingerprints (`sentenceFingerprint`) of the sentences a sender has printed in mails about
 * different cases: that sender's template text, learnt from the case store by the worker and
 * passed in, so the rules stay pure. Empty when nothing is known (e.g. `analyze` on a file).
 */
export type SenderTemplate = ReadonlySet<string>;
export const NO_TEMPLATE: SenderTemplate = new Set<string>();

/** Template learning ignores sentences shorter than this (greetings, `Thank you.`, one-word labels). */
export const MIN_TEMPLATE_WORDS = 3;
/** Longer fingerprints are cut: bounds what the store keeps per sentence. */
const MAX_FINGERPRINT_CHARS = 240;

/**
 * What stays of a sentence when spelling noise is folded away: case, punctuation, symbols and spacing.
 * Digits are kept on purpose: a footer repeats word for word (`Refunds are issued within 5 days`),
 * while a form letter filled in with the case's own amount or order (`Your refund of $12.00 for order
 * 123-456 has been issued`) is news for that case and must not become template text after two refunds.
 */
export function sentenceFingerprint(sentence: string): string {
  return sentence
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .slice(0, MAX_FINGERPRINT_CHARS);
}

const CLASS_KEYS: Record<BoilerplateClass, keyof BoilerplateClassWords> = {
  no_reply: 'noReply',
  security: 'security',
  legal: 'legal',
  privacy: 'privacy',
  unsubscribe: 'unsubscribe',
  survey: 'survey',
  marketing: 'marketing',
  tracking: 'tracking',
  preheader: 'preheader',
};
/** Classes whose words also occur in news (`your replacement ships today, track your package here`). */
const GUARDED: ReadonlySet<BoilerplateClass> = new Set(['marketing', 'tracking']);

const bounded = (group: string, flags = 'iu') => new RegExp(`${START}${group}${END}`, flags);
/** Behind its RE2 twin (see GatedPattern): most sentences hold no boilerplate and never reach V8. */
const gated = (group: string) => new GatedPattern(`${START}${group}${END}`, 'iu');

const PHRASES: readonly [BoilerplateClass, GatedPattern][] = BOILERPLATE_CLASSES.map((c) => [
  c,
  gated(alternation((l) => l.boilerplate.phrases[CLASS_KEYS[c]])),
]);
const LABELS: readonly [BoilerplateClass, GatedPattern][] = BOILERPLATE_CLASSES.flatMap((c) =>
  LEXICONS.some((l) => (l.boilerplate.labels[CLASS_KEYS[c]] ?? []).length > 0)
    ? [[c, gated(alternation((l) => l.boilerplate.labels[CLASS_KEYS[c]] ?? []))] as [BoilerplateClass, GatedPattern]]
    : [],
);
const ANY_LABEL = bounded(
  alternation((l) => BOILERPLATE_CLASSES.flatMap((c) => l.boilerplate.labels[CLASS_KEYS[c]] ?? [])),
  'giu',
);
/** An RE2 twin of every class's labels: most lines hold none and skip the V8 label patterns. */
const ANY_LABEL_GATE = prefilter([
  alternation((l) => BOILERPLATE_CLASSES.flatMap((c) => l.boilerplate.labels[CLASS_KEYS[c]] ?? [])),
]);
const MATTER = gated(alternation((l) => l.boilerplate.matter));

/** A link/button line is short; longer text is prose, judged by its phrases only. */
const MAX_LABEL_LINE = 120;
const URL_OR_ADDRESS = /(?:https?:\/\/|www\.)[^\s<>]{1,300}|[^\s@<>]{1,64}@[^\s@<>]{1,255}|<[^<>\n]{0,300}>/giu;

/**
 * Invisible preheader filler: zero-width characters, soft hyphens, combining grapheme joiners, and the
 * `&zwnj;`-style entities a careless HTML-to-text conversion leaves behind.
 */
const FILLER =
  '(?:[\\u200b-\\u200d\\u2060\\ufeff\\u00ad\\u034f\\u180e]|&(?:zwnj|zwj|shy|nbsp|#8203|#8204|#8205|#847|#173|#160|#65279|#x200[bcd]|#xa0|#xad);)';
/** Three or more filler marks, with at most a few spaces between: a preheader's padding. */
const FILLER_RUN = ruleRegExp(
  `[ \\t\\u00a0]{0,20}${FILLER}(?:[ \\t\\u00a0]{0,3}${FILLER}){2,2000}[ \\t\\u00a0]{0,20}`,
  'giu',
);
const LONE_FILLER = ruleRegExp(FILLER, 'giu');
const FILLER_NOTE = '(invisible preheader filler)';

/** The class of boilerplate a sentence belongs to, or null when it may carry news. */
export function boilerplateClassOf(sentence: string): BoilerplateClass | null {
  const text = sentence.replace(LONE_FILLER, ' ').trim();
  if (text === '' && sentence.trim() !== '') return 'preheader';
  let guarded: boolean | undefined;
  // Every class's gated patterns read this text: its UTF-8 bytes are made once.
  const input = gateInput(text);
  for (const [cls, re] of PHRASES) {
    if (!re.test(input)) continue;
    guarded ??= MATTER.test(input);
    if (!(guarded && GUARDED.has(cls))) return cls;
  }
  return labelLineClass(input);
}

/** A line made of link and button labels (`Your Orders | Your Account | Help`, `Impressum · AGB`). */
function labelLineClass(input: GateInput): BoilerplateClass | null {
  const { text } = input;
  if (text.length > MAX_LABEL_LINE || /[!?]$/.test(text) || !ANY_LABEL_GATE.test(input)) return null;
  const found = LABELS.find(([, re]) => re.test(input));
  if (!found) return null;
  const rest = text.replace(URL_OR_ADDRESS, ' ').replace(ANY_LABEL, ' ');
  const words = rest.match(/\p{L}{2,}/gu) ?? [];
  return words.length <= 1 ? found[0] : null;
}

/** Whether a sentence is set aside: recognised boilerplate, or the sender's learnt template. */
export function isSetAside(sentence: string, template: SenderTemplate, memo?: SetAsideMemo): boolean {
  return setAsideClassOf(sentence, template, memo) !== null;
}

/**
 * Set-aside classes already decided within one analysis, by sentence: several rules walk the same
 * sentences, and the boilerplate phrases are the costliest patterns to run. Lives in the analysis
 * context (one per message), never at module level, so it holds one message's sentences at most.
 */
export type SetAsideMemo = Map<string, SetAsideSentence['class'] | null>;

function setAsideClassOf(
  sentence: string,
  template: SenderTemplate,
  memo?: SetAsideMemo,
): SetAsideSentence['class'] | null {
  const known = memo?.get(sentence);
  if (known !== undefined) return known;
  const cls = boilerplateClassOf(sentence) ?? (isTemplateSentence(sentence, template) ? 'template' : null);
  memo?.set(sentence, cls);
  return cls;
}

function isTemplateSentence(sentence: string, template: SenderTemplate): boolean {
  if (template.size === 0) return false;
  const fingerprint = sentenceFingerprint(sentence);
  return fingerprint.split(' ').length >= MIN_TEMPLATE_WORDS && template.has(fingerprint);
}

/** The sentences of a text that may carry news: boilerplate and template text set aside. */
export function contentSentences(text: string, template: SenderTemplate): string[] {
  return sentencesOf(text).filter((s) => !isSetAside(s, template));
}

/** The new text with boilerplate and template sentences taken out, and what was taken out. */
export interface SetAsideResult {
  text: string;
  setAside: SetAsideSentence[];
}

/**
 * Takes boilerplate and the sender's template out of a message's new text: whole lines when every
 * sentence on them is set aside, single sentences out of lines that also carry news. Sentences may
 * wrap over lines (plain-text mail is wrapped at ~72 characters), so a paragraph is cut into sentences
 * first and each cut is mapped back to its lines. Invisible filler is removed; other text is untouched.
 */
export function setAsideBoilerplate(
  newText: string,
  template: SenderTemplate = NO_TEMPLATE,
  memo?: SetAsideMemo,
): SetAsideResult {
  const setAside: SetAsideSentence[] = [];
  let text = newText.replace(FILLER_RUN, () => {
    if (!setAside.some((s) => s.sentence === FILLER_NOTE)) setAside.push({ sentence: FILLER_NOTE, class: 'preheader' });
    return '\n';
  });
  text = text.replace(LONE_FILLER, (m) => (/nbsp|#160|#xa0/i.test(m) ? ' ' : ''));
  const out: string[] = [];
  for (const paragraph of paragraphsOf(text.split('\n'))) {
    if (paragraph.blank) {
      out.push(...paragraph.lines);
      continue;
    }
    out.push(...keptLines(paragraph.lines, template, setAside, memo));
  }
  return {
    text: out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
    setAside,
  };
}

/** The sentence fingerprints a message contributes to its sender's template (see sender-template-store). */
export function templateFingerprintsOf(messageText: string): string[] {
  // Folded as contextOf folds what the rules read, so the fingerprints are those of the set-aside sentences.
  const newText = foldArabicScript(splitMessageText(messageText).newText);
  const text = newText.replace(FILLER_RUN, '\n').replace(LONE_FILLER, '');
  const fingerprints = new Set<string>();
  for (const paragraph of paragraphsOf(text.split('\n'))) {
    if (paragraph.blank) continue;
    const joined = paragraph.lines.join('\n');
    for (const [start, end] of sentenceSpans(paragraph.lines)) {
      const sentence = joined.slice(start, end).replace(/\s+/g, ' ').trim();
      if (boilerplateClassOf(sentence) !== null) continue;
      const fingerprint = sentenceFingerprint(sentence);
      if (fingerprint.split(' ').length >= MIN_TEMPLATE_WORDS) fingerprints.add(fingerprint);
    }
  }
  return [...fingerprints];
}

function paragraphsOf(lines: string[]): { lines: string[]; blank: boolean }[] {
  const paragraphs: { lines: string[]; blank: boolean }[] = [];
  for (const line of lines) {
    const blank = line.trim() === '';
    const last = paragraphs.at(-1);
    if (last && last.blank === blank) last.lines.push(line);
    else paragraphs.push({ lines: [line], blank });
  }
  return paragraphs;
}

/** `P.`, `Av.`, `Inc.`, `Nr.`, `USt-IdNr.`, `no.`: a dot after these is no sentence end. */
const ABBREVIATION =
  /^(?:\p{Lu}\p{L}{0,3}|no|nr|tel|str|bzw|inkl|zzgl|ggf|vgl|ca|ul|al|os|av|č|ул|вул|д|тел|г|[\p{L}-]{0,30}Nr)$/u;

/**
 * Where a paragraph's sentences start and end, as offsets into its lines joined by `\n`. A sentence
 * ends at `.`/`!`/`?` before a capital, and at a line break unless the next line carries on the
 * sentence (it starts in lower case, or the line before is long and unpunctuated: a hard wrap).
 */
function sentenceSpans(lines: string[]): [number, number][] {
  const joined = lines.join('\n');
  const cuts: number[] = [0];
  const inLine = /[.!?…](?=[ \t]{1,10}[\p{Lu}\p{N}"'(¿¡«„“[])/gu;
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    for (const m of line.matchAll(inLine)) {
      // `USt-IdNr. DE…`, `no. 0412…`, `P. IVA …`, `Av. Paulista`: an abbreviation's dot ends no sentence.
      const word = /[\p{L}-]{1,40}$/u.exec(line.slice(0, m.index))?.[0] ?? '';
      if (ABBREVIATION.test(word)) continue;
      cuts.push(offset + m.index + 1);
    }
    const next = lines[i + 1];
    if (next !== undefined) {
      const trimmed = line.trimEnd();
      const carriesOn =
        /^\s*\p{Ll}/u.test(next) || (trimmed.length >= 60 && !/[.!?:;|…]$/.test(trimmed) && /^\s*\p{L}/u.test(next));
      if (!carriesOn) cuts.push(offset + line.length + 1);
    }
    offset += line.length + 1;
  }
  cuts.push(joined.length);
  const spans: [number, number][] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] ?? 0;
    const end = cuts[i + 1] ?? 0;
    if (end > start && joined.slice(start, end).trim() !== '') spans.push([start, end]);
  }
  return spans;
}

function keptLines(
  lines: string[],
  template: SenderTemplate,
  setAside: SetAsideSentence[],
  memo?: SetAsideMemo,
): string[] {
  const joined = lines.join('\n');
  const removed = new Uint8Array(joined.length);
  let any = false;
  for (const [start, end] of sentenceSpans(lines)) {
    const sentence = joined.slice(start, end).replace(/\s+/g, ' ').trim();
    const cls = setAsideClassOf(sentence, template, memo);
    if (cls === null) continue;
    setAside.push({ sentence, class: cls });
    removed.fill(1, start, end);
    any = true;
  }
  if (!any) return lines;
  const kept: string[] = [];
  let offset = 0;
  for (const line of lines) {
    let cut = false;
    let rest = '';
    for (let i = 0; i < line.length; i++) {
      if (removed[offset + i]) cut = true;
      else rest += line[i];
    }
    offset += line.length + 1;
    if (!cut) kept.push(line);
    else if (rest.trim() !== '') kept.push(rest.replace(/[ \t]{2,}/g, ' ').trim());
  }
  return kept;
}
