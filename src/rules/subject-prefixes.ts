import { alternation } from './lexicon/index.js';
import { ruleRegExp } from './rule-regexp.js';

/** `Re: `, `AW: `, `R: `, `Odp: `, `ENC: `, `RE[2]: `, `回复：`, however often they stack up. */
const REPLY_PREFIX = ruleRegExp(
  `^(?:\\s*${alternation((l) => l.identity.replyPrefixes)}\\s?(?:\\[\\d{1,3}\\])?\\s*[:：]\\s*)+`,
  'iu',
);

/** A subject without the reply and forward prefixes of any language the lexicons know. */
export function withoutReplyPrefixes(subject: string): string {
  return subject.replace(REPLY_PREFIX, '');
}
