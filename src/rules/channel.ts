import type { MailAddress } from '../ingest/inbound-message.js';
import type { AnalysisContext, Match } from './context.js';
import type { Channel } from './findings.js';
import { alternation, LEXICONS, type Lexicon, type Words } from './lexicon/index.js';
import { sentencesOf } from './message-text.js';
import { GatedPattern } from './prefilter.js';
import { ruleRegExp } from './rule-regexp.js';

const words = (pick: (lexicon: Lexicon) => Words) => alternation(pick);
/** A phrase from the lexicons as one whole-word pattern. */
/** Behind its RE2 twin (see GatedPattern): most sentences name no channel and never reach V8. */
const phrase = (pick: (lexicon: Lexicon) => Words) =>
  new GatedPattern(`(?<![\\p{L}])(${words(pick)})(?![\\p{L}])`, 'iu');

/** Phrases that say what kind of contact this message records. First match wins, in this order. */
const CHANNEL_PHRASES: { channel: Exclude<Channel, 'email'>; rule: string; pattern: GatedPattern }[] = [
  { channel: 'chat', rule: 'channel/chat-transcript', pattern: phrase((l) => l.identity.chatPhrases) },
  { channel: 'phone', rule: 'channel/call-summary', pattern: phrase((l) => l.identity.callPhrases) },
  { channel: 'web_form', rule: 'channel/web-form', pattern: phrase((l) => l.identity.webFormPhrases) },
];

/**
 * A sentence that invites the reader to use a channel (`please use our contact form`, `you can also
 * reach us by live chat`) names that channel but records no contact made through it: a plain reply
 * that points to the form for further questions is still an email.
 */
const INVITATION = phrase((l) => l.identity.channelInvitations);

/** A speaker's line in a chat transcript. */
export interface ChatSpeaker {
  name: string;
  /** The company in parentheses (`Kevin (NovaTel):`), when printed. */
  company: string | null;
  /** Whether the line marks its speaker as the support side (a company in parentheses, `Agent Kevin`). */
  agent: boolean;
  line: string;
}

const TIME = '(?:\\[|\\()?\\d{1,2}:\\d{2}(?::\\d{2})?\\s?(?:[AaPp]\\.?[Mm]\\.?)?(?:\\]|\\))?';
/** `agent` → `[Aa]gent`: a role is printed with a capital or not, while the name must start with one. */
const eitherCase = (entry: string) => {
  const first = entry.charAt(0);
  return first.toLowerCase() === first.toUpperCase() ? entry : `[${first.toUpperCase()}${first}]${entry.slice(1)}`;
};
const AGENT_ROLE = `(?:${LEXICONS.flatMap((l) => l.identity.agentRoles)
  .map(eitherCase)
  .join('|')})`;
const SPEAKER = `(?:(${AGENT_ROLE})\\s)?(\\p{Lu}[\\p{L}'’.-]{0,30}(?: \\p{Lu}[\\p{L}'’.-]{0,30}){0,2})`;
/** `[10:42] Kevin (NovaTel): …`, `10:42 AM Kevin: …`, `Kevin (NovaTel) 10:42: …`, `(10:42:13) Agent Kevin: …`. */
const TIMED_LINE = new RegExp(
  `^\\s*${TIME}\\s{0,3}[-–]?\\s{0,3}${SPEAKER}(?:\\s?\\(([^()\\n]{1,40})\\))?\\s?:\\s+\\S`,
  'u',
);
const NAME_THEN_TIME = new RegExp(`^\\s*${SPEAKER}(?:\\s?\\(([^()\\n]{1,40})\\))?\\s{1,3}${TIME}\\s?:\\s+\\S`, 'u');
/** Without a time stamp, only a speaker with a company in parentheses is a chat line: `Kevin (NovaTel): …`. */
const COMPANY_LINE = new RegExp(`^\\s*${SPEAKER}\\s?\\(([^()\\n]{1,40})\\)\\s?:\\s+\\S`, 'u');

/** The speaker of one chat line, or null when the line is no chat line. */
export function speakerOf(raw: string): ChatSpeaker | null {
  const line = raw.trim();
  const m = line.match(TIMED_LINE) ?? line.match(NAME_THEN_TIME) ?? line.match(COMPANY_LINE);
  const [, role, name, company] = m ?? [];
  if (!m || !name) return null;
  return { name, company: company ?? null, agent: Boolean(role || company), line };
}

/** Every speaker line of a chat transcript in the text, in order. */
export function chatSpeakers(text: string): ChatSpeaker[] {
  return text.split('\n').flatMap((line) => speakerOf(line) ?? []);
}

/** Chat speakers that are the customer by role. */
const CUSTOMER_ROLE = ruleRegExp(`^${words((l) => l.identity.customerRoles)}$`, 'iu');

/** The customer's names as a chat prints them: the addressees of support mail, in full and by first name. */
export function customerNamesOf(to: MailAddress[]): Set<string> {
  return new Set(
    to
      .flatMap((a) => [a.name.trim(), a.name.trim().split(' ')[0] ?? ''])
      .filter((n) => n !== '')
      .map((n) => n.toLowerCase()),
  );
}

/** Whether a chat speaker is the customer (by name, or by role: `You:`, `Kunde:`, `Client :`). */
export function isCustomerSpeaker(speaker: ChatSpeaker, customerNames: Set<string>): boolean {
  return !speaker.agent && (customerNames.has(speaker.name.toLowerCase()) || CUSTOMER_ROLE.test(speaker.name));
}

/**
 * The text without the customer's own chat turns: in a transcript only the agent's words can resolve
 * a case or commit to a next step (`[2:03 PM] Alice: please refund me` is the customer asking).
 */
export function withoutCustomerTurns(text: string, customerNames: Set<string>): string {
  return text
    .split('\n')
    .filter((line) => {
      const speaker = speakerOf(line);
      return !speaker || !isCustomerSpeaker(speaker, customerNames);
    })
    .join('\n');
}

const SPEAKER_PREFIX = new RegExp(
  `^(?:${TIME}\\s{0,3}[-–]?\\s{0,3}${SPEAKER}(?:\\s?\\([^()\\n]{1,40}\\))?|${SPEAKER}\\s?\\([^()\\n]{1,40}\\))\\s?:\\s+`,
  'u',
);

/** A sentence without the chat speaker in front: `[2:07 PM] Kevin (NovaTel): We will …` → `We will …`. */
export function withoutSpeaker(sentence: string): string {
  return sentence.replace(SPEAKER_PREFIX, '');
}

export function detectChannel(ctx: AnalysisContext): Match<Channel> {
  const sentences = sentencesOf(`${ctx.subject}\n\n${ctx.text.newText}`);
  for (const { channel, rule, pattern } of CHANNEL_PHRASES) {
    for (const sentence of sentences) {
      const m = pattern.exec(sentence);
      if (m && !INVITATION.test(sentence)) return { value: channel, rule, matched: m[0], location: 'new_text' };
    }
  }
  // Two speaker lines make a transcript; one could be a deadline (`before 5:00 PM tomorrow: …`).
  const lines = chatSpeakers(ctx.text.newText);
  if (lines.length >= 2 && lines[0]) {
    return { value: 'chat', rule: 'channel/chat-lines', matched: lines[0].line, location: 'new_text' };
  }
  return { value: 'email', rule: 'channel/default-email', matched: '', location: 'headers' };
}
