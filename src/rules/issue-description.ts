import { CASE_LABEL, NUMBER_AFTER_LABEL, NUMBER_BEFORE_LABEL } from './case-number.js';
import type { AnalysisContext, Match } from './context.js';
import { alternation, type Lexicon, type Words } from './lexicon/index.js';
import { ruleRegExp } from './rule-regexp.js';
import { withoutReplyPrefixes } from './subject-prefixes.js';

const words = (pick: (lexicon: Lexicon) => Words) => alternation(pick);

/** A labelled description of the matter, as web forms and help desks print it: `Issue: …`, `Motivo: …`. */
const LABELLED_ISSUE = ruleRegExp(`^\\s*${words((l) => l.identity.issueLabels)}\\s?:\\s?(.{3,160})$`, 'imu');

const PREPOSITION = words((l) => l.identity.topicPrepositions);
const DETERMINER = words((l) => l.identity.topicDeterminers);
/**
 * A case tag in a subject, as one unit: the label, its number and the preposition that goes with them
 * ("Your refund for case X has been approved", "Ihre Reklamation zum Vorgang LV-2026-40718", "Il tuo
 * rimborso per la pratica 4471", "Zwrot w sprawie zgłoszenia nr 7"). `[…]` tags go whole.
 */
const CASE_TAG = ruleRegExp(
  '(?<bracket>\\[[^\\]]{1,60}\\])|' +
    `(?<preposition>(?<![\\p{L}])${PREPOSITION}\\s{1,3}(?:${DETERMINER}\\s{1,3})?)?` +
    `\\(?(?<![\\p{L}])(?<label>${NUMBER_BEFORE_LABEL}${CASE_LABEL})${NUMBER_AFTER_LABEL}` +
    '\\s{0,3}[:#(]?\\s{0,3}(?:n\\.?[°º]\\.?)?\\s{0,3}#?\\s{0,3}[A-Z0-9-]{0,40}\\d[A-Z0-9-]{0,40}\\)?',
  'giu',
);
/** The tag's label is the noun of this article or possessive: "Your claim PF-884213 has been passed on". */
const AFTER_DETERMINER = ruleRegExp(`(?<![\\p{L}])${DETERMINER}\\s{1,3}$`, 'iu');
/** A "preposition" that is one language's article: Spanish `Su solicitud 4471`, not Italian `su`. */
const ONLY_DETERMINER = ruleRegExp(`^${DETERMINER}\\s{1,3}$`, 'iu');
/** Words that say nothing of the matter: prepositions, articles, possessives, `number`, `n°`, `de la`. */
const FUNCTION_WORDS = `(?<![\\p{L}\\d])${words((l) => [
  ...l.identity.topicPrepositions,
  ...l.identity.topicDeterminers,
  ...l.identity.linkWords,
  ...l.identity.numberWords,
])}(?![\\p{L}\\d])`;
const FUNCTION_WORD = ruleRegExp(FUNCTION_WORDS, 'giu');
/** Such a word left hanging where a tag was cut out: "Ihre Reklamation zum". One at a time: no nested repeat. */
const DANGLING_WORD = ruleRegExp(`${FUNCTION_WORDS}\\s*$`, 'iu');
const LABEL_WORD = ruleRegExp(`(?<![\\p{L}\\d])${CASE_LABEL}`, 'giu');
/** Between the parts of a subject: `We received your request - Case 1`, `Ticket 1: Refund`. */
const PART_SEPARATOR = /(\s+[-–|]\s+|\s*:\s+)/u;

/**
 * The subject with its case tags cut out. A tag goes whole with its preposition ("for case X"); after an
 * article or possessive only its number goes, the label staying as their noun ("Your claim has been
 * passed on", not "Your has been passed on"). No preposition or article is left hanging at a cut.
 */
function withoutCaseTags(subject: string): string {
  let kept = '';
  let from = 0;
  for (const tag of subject.matchAll(CASE_TAG)) {
    const index = tag.index ?? 0;
    kept += subject.slice(from, index);
    from = index + tag[0].length;
    const label = tag.groups?.label;
    const preposition = tag.groups?.preposition;
    if (label && (preposition ? ONLY_DETERMINER.test(preposition) : AFTER_DETERMINER.test(kept))) {
      kept += `${preposition ?? ''}${label}`;
      continue;
    }
    for (let word = 0; word < 3 && DANGLING_WORD.test(kept); word++) kept = kept.replace(DANGLING_WORD, '');
    kept += ' ';
  }
  return kept + subject.slice(from);
}

/** Whether `text` says something once its case labels and function words are gone ("Your request" does not). */
function describes(text: string): boolean {
  return /\p{L}\p{L}/u.test(text.replace(LABEL_WORD, ' ').replace(FUNCTION_WORD, ' '));
}

/**
 * The parts of a subject that say something of the matter: "Your case - Kettle arrived broken" keeps
 * the kettle; a subject of nothing but a label and its article ("Your request") describes nothing.
 */
function describingParts(subject: string): string {
  const parts = subject.split(PART_SEPARATOR);
  let described = '';
  for (let i = 0; i < parts.length; i += 2) {
    const text = parts[i] ?? '';
    if (!describes(text)) continue;
    described += described ? `${parts[i - 1] ?? ' '}${text}` : text;
  }
  return described;
}

/** What the case is about: a labelled field when the message has one, else the cleaned subject. */
export function extractIssueDescription(ctx: AnalysisContext): Match | null {
  const labelled = `${ctx.text.newText}\n${ctx.text.signature}`.match(LABELLED_ISSUE);
  if (labelled?.[1]) {
    return { value: labelled[1].trim(), rule: 'issue/labelled', matched: labelled[0].trim(), location: 'new_text' };
  }
  const subject = describingParts(withoutCaseTags(withoutReplyPrefixes(ctx.subject)))
    .replace(/\s*[-–:|]\s*$/, '')
    .replace(/^\s*[-–:|]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return subject.length >= 3
    ? { value: subject, rule: 'issue/subject', matched: ctx.subject, location: 'subject' }
    : null;
}
