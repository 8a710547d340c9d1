import { CASE_LABEL, NUMBER_AFTER_LABEL, NUMBER_BEFORE_LABEL } from './case-number.js';
import type { AnalysisContext, Match } from './context.js';
import { alternation, type Lexicon, type Words } from './lexicon/index.js';

const words = (pick: (lexicon: Lexicon) => Words) => alternation(pick);

/** A labelled description of the matter, as web forms and help desks print it: `Issue: …`, `Motivo: …`. */
const LABELLED_ISSUE = new RegExp(`^\\s*${words((l) => l.identity.issueLabels)}\\s?:\\s?(.{3,160})$`, 'imu');

/** `Re: `, `AW: `, `R: `, `Odp: `, `ENC: `, repeated. */
const REPLY_PREFIX = new RegExp(`^(?:\\s*${words((l) => l.identity.replyPrefixes)}\\s*:\\s*)+`, 'iu');
/**
 * A case tag in a subject, with the preposition that goes with it: "Your refund for case X has been
 * approved", "Il tuo rimborso per la pratica 4471", "Zwrot w sprawie zgłoszenia nr 7". `[…]` tags go whole.
 */
const CASE_TAG = new RegExp(
  '\\[[^\\]]{1,60}\\]|' +
    `(?:(?<![\\p{L}])${words((l) => l.identity.topicPrepositions)}\\s{1,3}(?:${words((l) => l.identity.topicDeterminers)}\\s{1,3})?)?` +
    `\\(?(?<![\\p{L}])${NUMBER_BEFORE_LABEL}${CASE_LABEL}${NUMBER_AFTER_LABEL}\\s{0,3}[:#]?\\s{0,3}(?:n\\.?[°º]\\.?)?\\s{0,3}#?\\s{0,3}` +
    '[A-Z0-9-]{0,40}\\d[A-Z0-9-]{0,40}\\)?',
  'giu',
);

/** What the case is about: a labelled field when the message has one, else the cleaned subject. */
export function extractIssueDescription(ctx: AnalysisContext): Match | null {
  const labelled = `${ctx.text.newText}\n${ctx.text.signature}`.match(LABELLED_ISSUE);
  if (labelled?.[1]) {
    return { value: labelled[1].trim(), rule: 'issue/labelled', matched: labelled[0].trim(), location: 'new_text' };
  }
  const subject = ctx.subject
    .replace(REPLY_PREFIX, '')
    .replace(CASE_TAG, '')
    .replace(/\s*[-–:|]\s*$/, '')
    .replace(/^\s*[-–:|]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return subject.length >= 3
    ? { value: subject, rule: 'issue/subject', matched: ctx.subject, location: 'subject' }
    : null;
}
