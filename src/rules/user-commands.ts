// Commands a user sends by email: PURE (no I/O, no clock, no globals). The worker decides whether the
// sender may give them (only allowed forwarders are obeyed) and carries them to the stores; this module
// only reads the user's own text, one command per line.
import type { Channel, Outcome } from './findings.js';
import { alternation } from './lexicon/index.js';
import { splitMessageText } from './message-text.js';
import { findMoney, parseAmount } from './money.js';

/** The line a command came from, trimmed: recorded in the case's history as how the change was made. */
interface FromLine {
  line: string;
}

/**
 * One command. Above a forward, `case`, `note` and `contact` (with `caseNumber: null`) apply to the
 * forwarded message's case; every other command names its case.
 */
export type UserCommand =
  /** `case: ABC-123`: file the forwarded message under this case. */
  | (FromLine & { kind: 'case'; caseNumber: string })
  /** `note: …` above a forward: a note on the forwarded message's case. */
  | (FromLine & { kind: 'note'; text: string })
  /**
   * `phone: called Anna, refund promised by Friday` (also `chat:`, `web form:`, `email:`): a contact the
   * user had outside the mailbox. `caseNumber` is null above a forward (the forward's case) and set in a
   * digest reply (`phone GTB-1: …`). No due date here: rules have no clock; the caller may run
   * `dueDateOf(text, date)` from next-steps.ts with the date of the user's message.
   */
  | (FromLine & {
      kind: 'contact';
      channel: Channel;
      text: string;
      contactPerson: string | null;
      caseNumber: string | null;
    })
  /** `confirm GTB-1`: apply the suggested resolution. */
  | (FromLine & { kind: 'confirm'; caseNumber: string })
  /** `close GTB-1 full_refund 20.00 EUR txn ABC`, `close GTB-1 denied`. */
  | (FromLine & {
      kind: 'close';
      caseNumber: string;
      outcome: Outcome;
      amount: number | null;
      currency: string | null;
      transactionId: string | null;
    })
  /** `reopen GTB-1`. */
  | (FromLine & { kind: 'reopen'; caseNumber: string })
  /** `note GTB-1: …`: a note on a named case. */
  | (FromLine & { kind: 'note_case'; caseNumber: string; text: string });

/** A line that starts like a command but cannot be obeyed, and why (said to the user as is). */
export interface CommandProblem {
  line: string;
  why: string;
  /**
   * `case` when the line was a `case:` line (or two of them disagree): the forward cannot be filed as
   * the user asked, which the worker treats apart from a note it cannot add. Absent otherwise.
   */
  about?: 'case';
}

export interface ParsedCommands {
  commands: UserCommand[];
  problems: CommandProblem[];
}

/**
 * The words of the commands, per language: the place to add a language (one entry here, nothing else).
 * Every entry is a regular-expression alternative, matched case-insensitively with the `u` flag,
 * bounded and free of capturing groups, like the lexicons' (rules/lexicon/types.ts). They are kept
 * here, not in the lexicons, because only this module reads them.
 */
interface CommandWords {
  /** `case:` above a forward: `case`, `Fall`, `dossier`, `caso`. */
  caseLabels: readonly string[];
  /** `note:`, and the verb of `note GTB-1: …`. */
  noteLabels: readonly string[];
  /** `phone:`, `chat:`, …: a contact through that channel. */
  channelLabels: Readonly<Record<Channel, readonly string[]>>;
  confirm: readonly string[];
  close: readonly string[];
  reopen: readonly string[];
  /** The outcome of a `close`, as a code or in words (`refunded`, `abgelehnt`, `avoir`, `reembolsado`). */
  outcomes: Readonly<Record<Outcome, readonly string[]>>;
  /** What introduces the transaction id in a `close`: `txn`, `Transaktion`, `transacción`. */
  transactionLabels: readonly string[];
  /** Words a `close` may carry between its parts that say nothing: `as`, `with`, `als`, `avec`, `con`. */
  fillers: readonly string[];
  /** Between case numbers of one `confirm` or `reopen`: `and`, `und`, `et`, `y`. */
  listJoiners: readonly string[];
  /** What puts a person's name right after it in a contact: `called`, `spoke with`, `appelé`, `hablé con`. */
  personAfter: readonly string[];
  /** What puts a name between it and `personClosers`: `mit` (`mit Anna telefoniert`). */
  personBetweenOpeners: readonly string[];
  personClosers: readonly string[];
}

const EN: CommandWords = {
  caseLabels: ['case', 'ticket'],
  noteLabels: ['note'],
  channelLabels: {
    phone: ['phone', 'phone call', 'call', 'tel'],
    chat: ['chat', 'live chat'],
    email: ['email', 'e-mail', 'mail'],
    web_form: ['web form', 'web_form', 'webform', 'contact form'],
  },
  confirm: ['confirm'],
  close: ['close'],
  reopen: ['reopen', 're-open'],
  outcomes: {
    full_refund: ['full[_ -]refund', 'fully refunded', 'refunded', 'refund', 'full'],
    partial_refund: ['partial[_ -]refund', 'partially refunded', 'partial'],
    store_credit: ['store[_ -]credit', 'credit', 'voucher', 'gift card'],
    replacement: ['replacement', 'replaced', 'exchanged'],
    denied: ['denied', 'declined', 'rejected', 'refused'],
  },
  transactionLabels: ['txn', 'trx', 'transaction id', 'transaction', 'tx'],
  fillers: ['as', 'with', 'of', 'for', 'amount'],
  listJoiners: ['and'],
  personAfter: [
    'called',
    'phoned',
    'rang',
    'spoke (?:with|to)',
    'talked (?:with|to)',
    'chatted with',
    'call with',
    'chat with',
  ],
  personBetweenOpeners: [],
  personClosers: [],
};

const DE: CommandWords = {
  caseLabels: ['fall', 'vorgang'],
  noteLabels: ['notiz', 'anmerkung'],
  channelLabels: {
    phone: ['telefon', 'telefonat', 'anruf'],
    chat: ['chat'],
    email: ['e-mail', 'email', 'mail'],
    web_form: ['formular', 'kontaktformular'],
  },
  confirm: ['bestätigen', 'bestaetigen', 'bestätige'],
  close: ['schließen', 'schliessen', 'abschließen', 'abschliessen'],
  reopen: ['wieder öffnen', 'wieder oeffnen', 'wiedereröffnen', 'wiederöffnen'],
  outcomes: {
    full_refund: [
      'volle erstattung',
      'vollständig erstattet',
      'rückerstattet',
      'erstattet',
      'rückerstattung',
      'erstattung',
    ],
    partial_refund: ['teilerstattung', 'teilweise erstattet', 'teilerstattet'],
    store_credit: ['gutschein', 'gutschrift'],
    replacement: ['ersatz', 'ersetzt', 'austausch', 'umgetauscht'],
    denied: ['abgelehnt'],
  },
  transactionLabels: ['transaktionsnummer', 'transaktions-id', 'transaktion'],
  fillers: ['als', 'mit', 'über', 'von', 'betrag'],
  listJoiners: ['und'],
  personAfter: ['telefonat mit', 'gespräch mit', 'chat mit'],
  personBetweenOpeners: ['mit'],
  personClosers: ['telefoniert', 'gesprochen', 'gechattet'],
};

const FR: CommandWords = {
  caseLabels: ['dossier', 'cas'],
  noteLabels: ['remarque', 'note'],
  channelLabels: {
    phone: ['téléphone', 'telephone', 'appel'],
    chat: ['chat', 'tchat'],
    email: ['courriel', 'e-mail', 'email', 'mail'],
    web_form: ['formulaire'],
  },
  confirm: ['confirmer', 'confirme'],
  close: ['clôturer', 'cloturer', 'clôture', 'fermer'],
  reopen: ['rouvrir', 'réouvrir'],
  outcomes: {
    full_refund: ['remboursement intégral', 'remboursement total', 'remboursé', 'remboursée', 'remboursement'],
    partial_refund: ['remboursement partiel', 'partiellement remboursée?', 'partiel'],
    store_credit: ['avoir', "bon d['’]achat"],
    replacement: ['remplacement', 'remplacée?', 'échange'],
    denied: ['refusée?', 'rejetée?', 'refus'],
  },
  transactionLabels: ['numéro de transaction', 'transaction'],
  fillers: ['comme', 'avec', 'de', 'pour', 'montant'],
  listJoiners: ['et'],
  personAfter: ['appelé', 'appelée', 'parlé (?:avec|à)', 'discuté avec', 'échangé avec', 'appel avec', 'téléphoné à'],
  personBetweenOpeners: [],
  personClosers: [],
};

const ES: CommandWords = {
  caseLabels: ['caso', 'expediente'],
  noteLabels: ['nota'],
  channelLabels: {
    phone: ['teléfono', 'telefono', 'llamada'],
    chat: ['chat'],
    email: ['correo', 'e-mail', 'email'],
    web_form: ['formulario'],
  },
  confirm: ['confirmar', 'confirmo'],
  close: ['cerrar'],
  reopen: ['reabrir'],
  outcomes: {
    full_refund: ['reembolso total', 'reembolso completo', 'reembolsad[oa]', 'reembolso'],
    partial_refund: ['reembolso parcial', 'parcialmente reembolsad[oa]', 'parcial'],
    store_credit: ['crédito en tienda', 'credito en tienda', 'vale', 'crédito', 'credito'],
    replacement: ['reemplazo', 'reemplazad[oa]', 'sustitución', 'cambio'],
    denied: ['denegad[oa]', 'rechazad[oa]'],
  },
  transactionLabels: ['id de transacción', 'transacción', 'transaccion'],
  fillers: ['como', 'con', 'de', 'por', 'importe'],
  listJoiners: ['y'],
  personAfter: ['llamé a', 'llame a', 'hablé con', 'hable con', 'llamada con', 'chateé con', 'conversé con'],
  personBetweenOpeners: [],
  personClosers: [],
};

/** Every language the commands are understood in. Adding one: write its words above and list it here. */
const COMMAND_LANGUAGES: readonly CommandWords[] = [EN, DE, FR, ES];

const OUTCOMES: readonly Outcome[] = ['full_refund', 'partial_refund', 'store_credit', 'replacement', 'denied'];
const CHANNELS: readonly Channel[] = ['phone', 'chat', 'email', 'web_form'];

/** One longest-first group of every language's entries. */
function group(pick: (words: CommandWords) => readonly string[]): string {
  const unique = [...new Set(COMMAND_LANGUAGES.flatMap(pick))].sort((a, b) => b.length - a.length);
  return unique.length === 0 ? '(?!)' : `(?:${unique.join('|')})`;
}

/** A word ends here: no letter, digit or `_` follows. */
const END = '(?![\\p{L}\\d_])';
/** A bullet a user may put before a command: `- confirm …`, `* close …`, `• note: …`. */
const BULLET = '(?:[-*•]\\s{1,3})?';

/**
 * A case number as the tracker prints it: letters, digits and `-`, `.`, `/` inside
 * (`GTB-2023-5876`, `00123456`), or a case keyed by its order (`order:112-1234567-1234567`).
 * An optional `#` before it is dropped; the `order:` prefix comes out in small letters, as printed.
 */
const CASE_NUMBER = '#?((?:order:)?[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,62}[A-Za-z0-9])?)';
/** The number ends where no letter, digit, `_`, `/` or `-` follows, nor a `.` or `:` inside a longer token. */
const CASE_NUMBER_AT_START = new RegExp(`^${CASE_NUMBER}(?![A-Za-z0-9_/-]|[.:][A-Za-z0-9])`, 'i');
/** What counts as a case number and not a word: at least three characters, one of them a digit. */
const isCaseNumber = (token: string) => token.length >= 3 && /\d/.test(token);
/** The first whitespace-delimited token of a text, for messages. */
const firstToken = (text: string) => text.trim().split(/\s/, 1)[0] ?? '';

/** Trailing punctuation after a command's last part says nothing: `confirm GTB-1.`, `case: GTB-1!`. */
const TRAILING_PUNCTUATION = /^[\s.,;:!?)]*$/;

/** A command word at the start of a line, after an optional bullet; group 1 is the word as written. */
const opening = (words: string) => new RegExp(`^${BULLET}(${words})${END}\\s{0,3}`, 'iu');
const CASE_LABEL = opening(group((w) => w.caseLabels));
const NOTE_LABEL = opening(group((w) => w.noteLabels));
const CHANNEL_LABELS: readonly [Channel, RegExp][] = CHANNELS.map((channel) => [
  channel,
  opening(group((w) => w.channelLabels[channel])),
]);
const VERBS: readonly ['confirm' | 'close' | 'reopen', RegExp][] = (['confirm', 'close', 'reopen'] as const).map(
  (verb) => [verb, opening(group((w) => w[verb]))],
);
const COLON = /^[:：]\s{0,3}/u;
/** A case label between a verb and its number: `confirm case GTB-1`, `schließen Fall #4471`. */
const VERB_CASE_LABEL = new RegExp(`^${group((w) => w.caseLabels)}${END}\\s{0,3}(?:[:#]\\s{0,3})?`, 'iu');
const LIST_JOINER = new RegExp(`^(?:[,;&/]|${group((w) => w.listJoiners)}${END})\\s{0,3}`, 'iu');

const OUTCOME_WORDS: readonly { pattern: RegExp; outcome: Outcome }[] = OUTCOMES.flatMap((outcome) =>
  COMMAND_LANGUAGES.flatMap((w) => w.outcomes[outcome]).map((word) => ({
    pattern: new RegExp(`^(?:${word})$`, 'iu'),
    outcome,
  })),
);
const OUTCOME_AT_START = new RegExp(`^${group((w) => OUTCOMES.flatMap((outcome) => w.outcomes[outcome]))}${END}`, 'iu');
const TRANSACTION_AT_START = new RegExp(
  `^${group((w) => w.transactionLabels)}${END}\\s{0,3}(?:[:#]|n[°º]|nr\\.?)?\\s{0,3}([A-Za-z0-9](?:[A-Za-z0-9._/-]{0,62}[A-Za-z0-9])?)(?![A-Za-z0-9_/-]|[.:][A-Za-z0-9])`,
  'iu',
);
const FILLER_AT_START = new RegExp(`^${group((w) => w.fillers)}${END}`, 'iu');
/** A number with no sign or code, and the currency's name when it is written out: `20`, `20 euros`. */
const BARE_AMOUNT_AT_START =
  /^(\d{1,9}(?:[.,]\d{1,2})?)(?:\s{0,2}(euros?|dollars?|pounds?)(?![\p{L}]))?(?![\p{L}\d.,])/iu;
const CURRENCY_NAMES: Readonly<Record<string, string>> = { euro: 'EUR', dollar: 'USD', pound: 'GBP' };
/** Between the parts of a `close`: spaces, commas, dashes, a colon. */
const SEPARATORS = /^[\s,;:–—-]+/u;

/**
 * Contact details a signature line carries: an address, a link, a phone number (five digits or more,
 * with the spaces, dashes, slashes and brackets it is printed with).
 */
const EMAIL_ADDRESSES = /[^\s@<>()]{1,64}@[^\s@<>()]{1,253}/gu;
const LINKS = /<?(?:https?:\/\/|www\.)[^\s<>]{1,200}>?/giu;
const PHONE_NUMBERS = /\+?[\d()./ -]{5,40}/gu;
const WORDS = /\p{L}{2,}/gu;

/**
 * A signature line, not a contact: after a label, contact details and at most one word
 * (`Phone: +49 30 1234567`, `Tel: 555-1234 ext. 12`, `E-Mail: alice@example.net (privat)`).
 */
function isContactDetail(text: string): boolean {
  const details = (text.match(EMAIL_ADDRESSES) ?? []).length + (text.match(LINKS) ?? []).length;
  const digits = (text.match(/\d/g) ?? []).length;
  if (details === 0 && digits < 5) return false;
  const rest = text.replace(EMAIL_ADDRESSES, ' ').replace(LINKS, ' ').replace(PHONE_NUMBERS, ' ');
  return (rest.match(WORDS) ?? []).length <= 1;
}

/** A person's name: one to three capitalised words, a title before them allowed (`Frau Schmidt`, `Mr. Lee`). */
const NAME_AT =
  /(?:(?:Mr|Mrs|Ms|Dr|Herr|Frau|Mme|M|Sr|Sra)\.?\s)?\p{Lu}[\p{L}'’-]{1,30}(?:\s(?:de\s|van\s|von\s|del\s|la\s|da\s)?\p{Lu}[\p{L}'’-]{1,30}){0,2}/uy;
const PERSON_AFTER = new RegExp(`(?<![\\p{L}])${group((w) => w.personAfter)}\\s{1,3}`, 'giu');
const PERSON_BETWEEN_OPENER = new RegExp(`(?<![\\p{L}])${group((w) => w.personBetweenOpeners)}\\s{1,3}`, 'giu');
const PERSON_CLOSER = new RegExp(`^\\s{1,3}${group((w) => w.personClosers)}${END}`, 'iu');
/** Team and company words from the lexicons: `called GTBuy support` names no person. */
const TEAM_WORD = new RegExp(`(?<![\\p{L}])${alternation((l) => l.identity.teamWords)}(?![\\p{L}])`, 'iu');
/** A brand built like a product (`GTBuy`, `NordCycle`), as contact-person.ts reads it. */
const CAMEL_CASE_BRAND = /\p{Ll}{3}\p{Lu}|^\p{Lu}{2}/u;

/** Longer lines are no command (a pasted paragraph); the limit keeps every pattern's input small. */
const MAX_COMMAND_LINE = 2000;
/** Lines read per message: commands sit at the top; a pasted log below them is not read. */
const MAX_LINES_READ = 200;
/** Commands obeyed per message; more is a problem, never a silent drop. */
const MAX_COMMANDS = 50;
/** How much of a line a problem quotes. */
const MAX_PROBLEM_LINE = 200;
/** Lines the quote detector looks at from one line on: an attribution wraps over three, a header block spans five. */
const QUOTE_WINDOW = 8;

type Context = 'forward' | 'digest_reply';

/** The user's own text above a forward (the "new text" the user typed before the forwarded message). */
export function commandsAboveForward(userText: string): ParsedCommands {
  return parseCommands(userText, 'forward');
}

/**
 * The user's reply to a digest. Only the new text counts: `>` lines are skipped, and reading stops at
 * the first quote splitter (an attribution such as `On … wrote:`, an `Original Message` rule, an Outlook
 * header block: message-text.ts decides) or the signature delimiter `-- `. Text written below the quoted
 * digest is not read: a quoted line whose `>` a client dropped must never become a command.
 */
export function commandsInDigestReply(replyText: string): ParsedCommands {
  return parseCommands(replyText, 'digest_reply');
}

function parseCommands(text: string, context: Context): ParsedCommands {
  const commands: UserCommand[] = [];
  const problems: CommandProblem[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let read = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.trim();
    if (line === '' || /^\s{0,4}>/.test(raw)) continue;
    if (line === '--' || line === '—') break;
    if (startsQuote(lines, i) && !isCommandAboveQuote(lines, i, context)) break;
    if (++read > MAX_LINES_READ) {
      problems.push({ line: shortened(line), why: `only the first ${MAX_LINES_READ} lines are read for commands` });
      break;
    }
    if (line.length > MAX_COMMAND_LINE) continue;
    const parsed = parseLine(line, context);
    if (parsed === null) continue;
    if ('why' in parsed) {
      problems.push({ line: shortened(line), why: parsed.why, ...(parsed.about ? { about: parsed.about } : {}) });
      continue;
    }
    for (const command of parsed.map(withPrintedCaseNumber)) {
      if (commands.length >= MAX_COMMANDS) {
        problems.push({ line: shortened(line), why: `at most ${MAX_COMMANDS} commands are obeyed per message` });
        return { commands, problems };
      }
      commands.push(command);
    }
  }
  return { commands: withOneCase(commands, problems), problems };
}

/** `ORDER:112-…` as typed is the case the tracker prints as `order:112-…`. */
function withPrintedCaseNumber(command: UserCommand): UserCommand {
  if (!('caseNumber' in command) || command.caseNumber === null) return command;
  return { ...command, caseNumber: command.caseNumber.replace(/^order:/i, 'order:') };
}

const shortened = (line: string) => (line.length > MAX_PROBLEM_LINE ? `${line.slice(0, MAX_PROBLEM_LINE)}…` : line);

/**
 * Whether a quote starts at line `i`: message-text.ts reads a few lines from there and puts the first
 * one in its quoted part (an attribution, possibly wrapped, a separator rule, a header block).
 */
function startsQuote(lines: string[], i: number): boolean {
  const split = splitMessageText(lines.slice(i, i + QUOTE_WINDOW).join('\n'));
  const kept = `${split.newText}\n${split.signature}`.split('\n').find((l) => l.trim() !== '');
  return kept?.trim() !== (lines[i] ?? '').trim();
}

/**
 * A command line right above a wrapped attribution (`confirm GTB-1` / `On Tue, 5 Mar 2024, Refund
 * tracker` / `<digest@…> wrote:` with no blank line between) is read by message-text.ts as the
 * attribution's first line. It is the user's when it parses as commands on its own and a quote starts
 * on one of the next two lines by itself.
 */
function isCommandAboveQuote(lines: string[], i: number, context: Context): boolean {
  const parsed = parseLine((lines[i] ?? '').trim(), context);
  if (!Array.isArray(parsed)) return false;
  for (let j = i + 1; j <= i + 2 && j < lines.length; j++) {
    if ((lines[j] ?? '').trim() !== '' && startsQuote(lines, j)) return true;
  }
  return false;
}

/** Above one forward, one `case:`: the same number twice is one command; two numbers are a problem. */
function withOneCase(commands: UserCommand[], problems: CommandProblem[]): UserCommand[] {
  const numbers = [...new Set(commands.flatMap((c) => (c.kind === 'case' ? [c.caseNumber] : [])))];
  if (numbers.length > 1) {
    problems.push({
      line: commands.flatMap((c) => (c.kind === 'case' ? [c.line] : [])).join(' / '),
      why: `more than one case number (${numbers.join(', ')}): the message is filed by its own case number instead`,
      about: 'case',
    });
  }
  let seen = false;
  return commands.filter((c) => {
    if (c.kind !== 'case') return true;
    if (numbers.length > 1 || seen) return false;
    seen = true;
    return true;
  });
}

type LineResult = UserCommand[] | { why: string; about?: 'case' } | null;

/** One line: commands, a problem, or null when the line is no command at all (prose, a greeting, a signature). */
function parseLine(line: string, context: Context): LineResult {
  for (const [verb, pattern] of VERBS) {
    const m = pattern.exec(line);
    if (m) return parseVerb(verb, line, line.slice(m[0].length), m[1] ?? '');
  }
  const note = NOTE_LABEL.exec(line);
  if (note) return parseNote(line, line.slice(note[0].length), note[1] ?? '', context);
  for (const [channel, pattern] of CHANNEL_LABELS) {
    const m = pattern.exec(line);
    if (m) return parseContact(channel, line, line.slice(m[0].length), m[1] ?? '', context);
  }
  const caseLabel = CASE_LABEL.exec(line);
  if (caseLabel) {
    const parsed = parseCaseLabel(line, line.slice(caseLabel[0].length), caseLabel[1] ?? '', context);
    return parsed !== null && 'why' in parsed ? { ...parsed, about: 'case' } : parsed;
  }
  return null;
}

/** `case: GTB-1`, `Fall: 00123456`, `case #GTB-1`, or `case GTB-1` alone on its line. */
function parseCaseLabel(line: string, rest: string, label: string, context: Context): LineResult {
  const marked = /^[:：#]/u.test(rest);
  const value = rest.replace(/^[:：]\s{0,3}/u, '');
  const m = CASE_NUMBER_AT_START.exec(value);
  const single = m !== null && TRAILING_PUNCTUATION.test(value.slice(m[0].length));
  // Without a colon, only a lone case number makes it a command: `Case closed, thanks` is prose.
  if (!marked && !(single && m && isCaseNumber(m[1] ?? ''))) return null;
  if (context === 'digest_reply') {
    return {
      why: `"${label}" only files a forwarded message; in a reply to the digest, name the case in each command`,
    };
  }
  if (value.trim() === '') return { why: `"${label}" needs a case number after it, e.g. ${label}: GTB-2023-5876` };
  const caseNumber = m?.[1] ?? '';
  if (!m || !isCaseNumber(caseNumber)) return { why: notACaseNumber(firstToken(value)) };
  if (!single) return { why: `"${label}" takes only a case number; found "${value.trim()}"` };
  return [{ kind: 'case', caseNumber, line }];
}

const notACaseNumber = (token: string) =>
  `"${token}" is not a case number (a case number has at least three characters, one of them a digit)`;

const OUTCOME_LIST = OUTCOMES.join(', ');

/** `confirm GTB-1`, `confirm: GTB-1, GTB-2`, `close GTB-1 refunded 20 EUR`, `reopen case GTB-1`. */
function parseVerb(verb: 'confirm' | 'close' | 'reopen', line: string, rest: string, word: string): LineResult {
  let value = rest;
  const colon = COLON.exec(value);
  if (colon) value = value.slice(colon[0].length);
  const label = VERB_CASE_LABEL.exec(value);
  if (label) value = value.slice(label[0].length);
  const m = CASE_NUMBER_AT_START.exec(value);
  // Prose that starts with the word (`Close to giving up on them`, `Confirmed by phone` is another word)
  // is no command; the word alone, with a colon, a case label or a number after it is one.
  const attempt = value.trim() === '' || colon !== null || label !== null || /\d/.test(m?.[1] ?? '');
  if (!attempt) return null;
  const example =
    verb === 'close' ? `close GTB-2023-5876 full_refund 20.00 EUR` : `${word.toLowerCase()} GTB-2023-5876`;
  if (value.trim() === '') return { why: `"${word}" needs a case number, e.g. ${example}` };
  if (!m || !isCaseNumber(m[1] ?? '')) return { why: notACaseNumber(firstToken(value)) };
  const caseNumber = m[1] ?? '';
  const after = value.slice(m[0].length);
  if (verb === 'close') return parseClose(line, caseNumber, after, word);
  const numbers = caseList(caseNumber, after);
  if (typeof numbers === 'string') return { why: `"${word}" takes only case numbers; did not understand "${numbers}"` };
  return numbers.map((n) => ({ kind: verb, caseNumber: n, line }));
}

/** `GTB-1, GTB-2 and GTB-3`: the case numbers, or the first part that is none. */
function caseList(first: string, after: string): string[] | string {
  const numbers = [first];
  let rest = after;
  while (!TRAILING_PUNCTUATION.test(rest)) {
    rest = rest.replace(/^\s{1,3}/, '');
    const joiner = LIST_JOINER.exec(rest);
    if (joiner) rest = rest.slice(joiner[0].length);
    const m = CASE_NUMBER_AT_START.exec(rest);
    if (!m || !isCaseNumber(m[1] ?? '')) return rest.trim();
    numbers.push(m[1] ?? '');
    rest = rest.slice(m[0].length);
  }
  return [...new Set(numbers)];
}

/** The parts of a `close` after its case number, in any order, each at most once. */
function parseClose(line: string, caseNumber: string, after: string, word: string): LineResult {
  let outcome: Outcome | null = null;
  let amount: number | null = null;
  let currency: string | null = null;
  let transactionId: string | null = null;
  let rest = after;
  while (true) {
    rest = rest.replace(SEPARATORS, '');
    if (TRAILING_PUNCTUATION.test(rest)) break;
    const outcomeMatch = OUTCOME_AT_START.exec(rest);
    if (outcomeMatch) {
      const found = OUTCOME_WORDS.find((w) => w.pattern.test(outcomeMatch[0]))?.outcome ?? null;
      if (outcome !== null && found !== outcome) {
        return { why: `two outcomes (${outcome}, ${found}); a case closes with one of ${OUTCOME_LIST}` };
      }
      outcome = found;
      rest = rest.slice(outcomeMatch[0].length);
      continue;
    }
    const txn = TRANSACTION_AT_START.exec(rest);
    if (txn) {
      if (transactionId !== null) return { why: 'two transaction ids; a close records one' };
      transactionId = txn[1] ?? null;
      rest = rest.slice(txn[0].length);
      continue;
    }
    const money = moneyAtStart(rest);
    if (money) {
      if (amount !== null) return { why: 'two amounts; a close records one' };
      ({ amount, currency } = money);
      rest = rest.slice(money.length);
      continue;
    }
    const filler = FILLER_AT_START.exec(rest);
    if (filler) {
      rest = rest.slice(filler[0].length);
      continue;
    }
    const unknown = firstToken(rest);
    return outcome === null
      ? { why: `"${unknown}" is not an outcome; use one of ${OUTCOME_LIST}` }
      : { why: `did not understand "${rest.trim()}" in "${word}" (outcome, amount with currency, txn ID)` };
  }
  if (outcome === null) {
    return { why: `"${word}" needs an outcome (${OUTCOME_LIST}), e.g. close ${caseNumber} full_refund 20.00 EUR` };
  }
  if (outcome === 'denied' && amount !== null) return { why: 'a denied case carries no amount' };
  return [{ kind: 'close', caseNumber, outcome, amount, currency, transactionId, line }];
}

/** An amount at the start of `text`: `20.00 EUR`, `€20`, `84,50 €`, `20 eur`, `20 euros`, or a bare `20` (no currency). */
function moneyAtStart(text: string): { amount: number; currency: string | null; length: number } | null {
  // Currency codes as users type them (`20 eur`): money.ts reads codes in capitals; the length is the same.
  for (const candidate of [text, text.toUpperCase()]) {
    const money = findMoney(candidate)[0];
    if (money && candidate.startsWith(money.matched)) {
      return { amount: money.amount, currency: money.currency, length: money.matched.length };
    }
  }
  const bare = BARE_AMOUNT_AT_START.exec(text);
  const amount = bare ? parseAmount(bare[1] ?? '') : null;
  if (!bare || amount === null) return null;
  const name = bare[2]?.toLowerCase().replace(/s$/, '');
  return { amount, currency: name ? (CURRENCY_NAMES[name] ?? null) : null, length: bare[0].length };
}

/**
 * `note: …` (the forward's case), `note GTB-1: …` / `note GTB-1 …` (a named case). In a reply to the
 * digest, `note: GTB-1 …` names its case too, and a note without one is a problem.
 */
function parseNote(line: string, rest: string, word: string, context: Context): LineResult {
  const colon = COLON.exec(rest);
  if (colon) {
    const text = rest.slice(colon[0].length).trim();
    if (context === 'forward')
      return text === '' ? { why: `"${word}:" needs the text of the note after it` } : [{ kind: 'note', text, line }];
    const named = namedCase(text);
    if (named === null) return { why: `a note in a reply to the digest needs a case number: ${word} GTB-2023-5876: …` };
    if (named.text === '') return { why: `"${word} ${named.caseNumber}" needs the text of the note after it` };
    return [{ kind: 'note_case', caseNumber: named.caseNumber, text: named.text, line }];
  }
  const named = namedCase(rest);
  // `Note that …`, `Note to self`: prose.
  if (named === null)
    return rest.trim() === ''
      ? { why: `"${word}" needs a case number and a text, e.g. ${word} GTB-2023-5876: …` }
      : null;
  if (named.text === '') return { why: `"${word} ${named.caseNumber}" needs the text of the note after it` };
  return [{ kind: 'note_case', caseNumber: named.caseNumber, text: named.text, line }];
}

/** A case number opening `text`, and the text after it (a colon or dash after the number dropped). */
function namedCase(text: string): { caseNumber: string; text: string } | null {
  const m = CASE_NUMBER_AT_START.exec(text.trim());
  if (!m || !isCaseNumber(m[1] ?? '')) return null;
  return {
    caseNumber: m[1] ?? '',
    text: text
      .trim()
      .slice(m[0].length)
      .replace(/^\s{0,3}[:：–—-]?\s{0,3}/u, '')
      .trim(),
  };
}

/**
 * `phone: called Anna, refund promised by Friday` (the forward's case), `phone GTB-1: …` (a named case;
 * the colon after the number is required: `Phone 0800 123 456` is a signature line).
 */
function parseContact(channel: Channel, line: string, rest: string, word: string, context: Context): LineResult {
  const colon = COLON.exec(rest);
  let caseNumber: string | null = null;
  let text: string;
  if (colon) {
    text = rest.slice(colon[0].length).trim();
    if (isContactDetail(text)) return null;
    if (context === 'digest_reply') {
      const named = namedCase(text);
      if (named === null)
        return { why: `a contact in a reply to the digest needs a case number: ${word} GTB-2023-5876: …` };
      ({ caseNumber, text } = named);
    }
  } else {
    const m = CASE_NUMBER_AT_START.exec(rest);
    const afterNumber = m ? rest.slice(m[0].length) : '';
    if (!m || !isCaseNumber(m[1] ?? '') || !COLON.test(afterNumber.trimStart())) return null;
    caseNumber = m[1] ?? null;
    text = afterNumber.trimStart().replace(COLON, '').trim();
  }
  if (text === '')
    return { why: `"${word}" needs what was said after it, e.g. ${word}: called Anna, refund promised by Friday` };
  return [{ kind: 'contact', channel, text, contactPerson: contactPersonOf(text), caseNumber, line }];
}

/**
 * Who the user spoke with: the name after `called`, `spoke with`, `appelé`, `hablé con`, or between
 * `mit` and `telefoniert`. Null when none is named or the name is a team or a brand (`called GTBuy support`).
 * A one-word company name after `called` (`called Zalando`) cannot be told from a first name.
 */
export function contactPersonOf(text: string): string | null {
  for (const m of text.matchAll(PERSON_AFTER)) {
    const name = nameAt(text, m.index + m[0].length);
    if (name) return name.name;
  }
  for (const m of text.matchAll(PERSON_BETWEEN_OPENER)) {
    const name = nameAt(text, m.index + m[0].length);
    if (name && PERSON_CLOSER.test(text.slice(name.end))) return name.name;
  }
  return null;
}

function nameAt(text: string, index: number): { name: string; end: number } | null {
  NAME_AT.lastIndex = index;
  const m = NAME_AT.exec(text);
  if (!m) return null;
  const name = m[0];
  const end = index + name.length;
  const next = text.slice(end, end + 40);
  if (TEAM_WORD.test(name) || (/^\s{1,3}\p{L}/u.test(next) && TEAM_WORD.test(firstToken(next)))) return null;
  if (name.split(/\s/).some((w) => CAMEL_CASE_BRAND.test(w))) return null;
  return { name, end };
}
