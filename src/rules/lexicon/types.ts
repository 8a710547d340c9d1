/**
 * One lexicon per language: the words the rules are built from. A language is added by writing one
 * file beside this one and listing it in `index.ts`; no rule changes.
 *
 * Every entry is a regular-expression alternative (a fragment such as `erstatte[nt]` or `bon d['’]achat`),
 * matched case-insensitively with the `u` flag, bounded (no unbounded repetition), and free of capturing
 * groups. Rules join the entries of all languages with `alternation()` from `index.ts`.
 *
 * Each section belongs to the rule module named in its comment; that module defines the section's
 * fields and is the only reader.
 */
export type LanguageCode = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pl' | 'pt';

/** Regular-expression alternatives; see the file comment. */
export type Words = readonly string[];

/** Read by `rules/message-text.ts`: quote attributions, separators, sign-offs, mobile signatures. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by its owner
export interface TextWords {}

/** Twelve lists, January first. */
export type MonthNames = readonly [Words, Words, Words, Words, Words, Words, Words, Words, Words, Words, Words, Words];
/** Seven lists, Monday first. */
export type WeekdayNames = readonly [Words, Words, Words, Words, Words, Words, Words];

/**
 * Read by `ingest/header-date.ts` and `rules/next-steps.ts`: month and weekday names as mail clients
 * and merchants print them (full, abbreviated, and the inflected forms a date uses: `7 listopada`).
 * Entries here are plain words, lower case, no regex syntax beyond `?`.
 */
export interface DateWords {
  months: MonthNames;
  weekdays: WeekdayNames;
}

/**
 * Read by `ingest/forward-header-block.ts`, `ingest/inline-forward.ts` and `rules/message-text.ts`:
 * the labels of a forwarded or quoted header block (`From:`/`Von:`/`Da:`…) and forward separators.
 * Labels are matched against the whole text before a line's colon (lower-cased, spaces collapsed,
 * `*bold*` marks removed), so `data` only ever matches a line that starts `Data:`.
 */
export interface HeaderWords {
  /** `From`, `Von`, `Da`, `Van`, `Od`, `Mittente`. */
  from: Words;
  /** The date line: `Date`, `Sent`, `Gesendet`, `Inviato`, `Verzonden`, `Wysłano`, `Enviada em`. */
  date: Words;
  /** `To`, `An`, `A`, `Aan`, `Do`, `Para`. */
  to: Words;
  /** Copy recipients: `Cc`, `Kopie`, `DW`. */
  cc: Words;
  /** `Subject`, `Betreff`, `Oggetto`, `Onderwerp`, `Temat`, `Assunto`. */
  subject: Words;
  /** `Reply-To`, `Antwort an`, `Rispondi a`. */
  replyTo: Words;
  /** Lines Outlook adds inside the block (`Importance`, `Attachments`): they neither start nor end it. */
  other: Words;
  /**
   * The words of a line a client prints above a forwarded message, between dashes or before a colon:
   * `Forwarded message`, `Begin forwarded message`, `Messaggio inoltrato`, `Doorgestuurd bericht`.
   * Never a reply's `Original Message` (that is `text.originalMessage`).
   */
  forwardSeparators: Words;
  /** Subject prefixes that mean "forwarded", without the colon: `fwd?`, `wg`, `i`, `pd`, `doorst`, `enc`. */
  forwardPrefixes: Words;
}

/** Read by `rules/case-number.ts`, `order-number.ts`, `channel.ts`, `contact-person.ts`, `direction.ts`, `issue-description.ts`. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by its owner
export interface IdentityWords {}

/** Read by `rules/resolution.ts` and `rules/money.ts`: done / not-yet verbs, outcomes, amount and transaction labels. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by its owner
export interface ResolutionWords {}

/** Read by `rules/next-steps.ts` and `rules/summary.ts`: promises, requests, greetings, thanks, apologies. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by its owner
export interface ConversationWords {}

/** Read by `rules/boilerplate.ts`: merchant boilerplate by class. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by its owner
export interface BoilerplateWords {}

export interface Lexicon {
  code: LanguageCode;
  headers: HeaderWords;
  text: TextWords;
  dates: DateWords;
  identity: IdentityWords;
  resolution: ResolutionWords;
  conversation: ConversationWords;
  boilerplate: BoilerplateWords;
}
