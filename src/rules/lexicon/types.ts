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
export type LanguageCode =
  | 'en'
  | 'de'
  | 'fr'
  | 'es'
  | 'it'
  | 'nl'
  | 'pl'
  | 'pt'
  | 'sv'
  | 'da'
  | 'nb'
  | 'ru'
  | 'uk'
  | 'cs'
  | 'tr'
  | 'el'
  | 'ja'
  | 'zh'
  | 'vi'
  | 'ko'
  | 'ar'
  | 'ro'
  | 'hu'
  | 'sk'
  | 'fi';

/** Regular-expression alternatives; see the file comment. */
export type Words = readonly string[];

/**
 * Read by `rules/message-text.ts`: quote attributions, separators, sign-offs, mobile signatures and
 * help-desk chrome. Matched against one trimmed line (or two or three joined, for a wrapped attribution).
 */
export interface TextWords {
  /** What opens a quote attribution, before the date: `On`, `Am`, `Il giorno`, `W dniu`. */
  attributionOpeners: Words;
  /** The verb that ends one, before the colon: `wrote`, `schrieb`, `a écrit`, `napisał\(a\)`. */
  attributionVerbs: Words;
  /** The separator a client prints above the quoted message: `Original Message`, `Ursprüngliche Nachricht`. */
  originalMessage: Words;
  /** A closing line after which the rest is signature: `Kind regards`, `Met vriendelijke groet`. */
  signOffs: Words;
  /** A whole mail-app signature line, the device as a bounded gap: `sent from .{1,40}`, `von .{1,40} gesendet`. */
  mobileSignatures: Words;
  /**
   * What a phone signature names last when it ends in a full stop (`Sent from my Samsung Galaxy
   * smartphone.`, `Enviado desde mi teléfono móvil.`): the device or the mail product, not a sentence.
   */
  mobileDevices?: Words;
  /**
   * How a legal disclaimer under a mail opens, from the start of its line: `confidentiality notice:`,
   * `this e-mail and any attachments are confidential`. What follows is signature, never new text.
   * A bare label takes its colon, so a sentence that merely starts with the word stays content.
   */
  disclaimerOpeners?: Words;
  /**
   * How a mail server's external-sender banner opens, at the very top of a mail: `caution: this email
   * originated from outside`, `[external]`, `you don't often get email from`. Chrome, never content.
   */
  externalBanners?: Words;
  /**
   * The writer speaking of themselves (`I`, `ich`, `my`, `unser`): a line with one of these is prose
   * (`As I wrote on 14 November:`, `Wie ich am 14.11. schrieb:`), never a mail client's attribution.
   * Matched case-sensitively, as written: a capitalised form is listed only where it is no given name
   * (`Ich`, `We`, but not `Mia`, `Mio`, `Mi`), English `I` only capitalised (Italian and Danish `i` are
   * other words), and no weekday abbreviations (`Mon`, `ma`).
   */
  firstPersonWords?: Words;
  /** Help-desk chrome: the reply-above-this-line marker, in words: `above this line`, `oberhalb dieser zeile`. */
  replyAbove: Words;
  /** A help desk's notice that a request changed: `your request`, `ihre anfrage` … */
  helpDeskRequest: Words;
  /** … `has been updated`, `wurde aktualisiert`. */
  helpDeskUpdated: Words;
}

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

/**
 * The header section of a language whose labels are read elsewhere: another lexicon's (Ukrainian's in `ru.ts`)
 * or `ingest/forward-header-block.ts`, where they were written before the rules read the language.
 */
export const NO_HEADER_WORDS: HeaderWords = {
  from: [],
  date: [],
  to: [],
  cc: [],
  subject: [],
  replyTo: [],
  other: [],
  forwardSeparators: [],
  forwardPrefixes: [],
};

/**
 * Read by `rules/case-number.ts`, `order-number.ts`, `channel.ts`, `contact-person.ts`, `issue-description.ts`:
 * what names the matter (case and order labels), what does not (invoice, payment, phone), the kind of
 * contact (form, chat, call) and who speaks for the support side. Entries are lower case unless noted.
 */
export interface IdentityWords {
  /**
   * Nouns and compounds that label the support side's identifier, in the forms a label takes:
   * `case`, `Vorgangsnummer`, `dossier`, `pratica`, `zaaknummer`, `zgłoszenia` (after `Numer`), `protocolo`.
   * A noun that is also an everyday word carries a lookahead for the number sign: `chamado(?=\s{0,3}n)`.
   */
  caseLabels: Words;
  /** Case labels that only say "reference", so a `refund`/`customer` word before them names something else. */
  referenceLabels: Words;
  /**
   * "Number" as printed before or after a label: `number`, `Nr.`, `numéro`, `numero`, `numer`, `n.`, `nº`.
   * Before a label they may take a linking word: `numero di pratica`, `número do protocolo`.
   */
  numberWords: Words;
  /** Linking words between "number" and its noun, or a label and what it is of: `de`, `di`, `della`, `do`, `van`. */
  linkWords: Words;
  /** Verbs between a label and its identifier: `is`, `lautet`, `est`, `è`, `luidt`, `ma numer`, `é`. */
  copulas: Words;
  /** What a case reference is of, keeping it the case's: `de remboursement`, `SAV`, `di reso`. */
  caseQualifiers: Words;
  /**
   * The everyday noun for a return, read as a label only right before a return's own code (letters, a
   * hyphen, digits): `Your return RT-44120`, `tu devolución DV-30217`, `votre retour RT-55210`.
   */
  returnNouns?: Words;
  /** Order nouns in the forms a label takes: `order`, `Bestellnummer`, `commande`, `ordine`, `zamówienia`, `encomenda`. */
  orderLabels: Words;
  /**
   * Where the number comes before the order noun, the word that joins them: Turkish `numaralı`
   * (`723301557 numaralı siparişiniz`, "your order numbered 723301557").
   */
  numberedBy?: Words;
  /**
   * Nouns that make a nearby identifier something other than a case: order, invoice, payment,
   * transaction, tracking, parcel (`transaction reference`, `riferimento della transazione`).
   */
  notCaseWords: Words;
  /** Compound stems glued to a label that make it something else: `Zahlungs`, `Bestell`, `betalings`. */
  notCaseStems: Words;
  /** Before a reference label only: `refund`, `customer`, `account` (`Refund reference RF-1` is a transaction). */
  notCaseBeforeReference: Words;
  /** A chat transcript: `chat transcript`, `Chatverlauf`, `trascrizione della chat`, `rozmowa na czacie`. */
  chatPhrases: Words;
  /** A call summary: `call summary`, `Telefonat`, `telefonata`, `telefoongesprek`, `ligação`. */
  callPhrases: Words;
  /** A web-form confirmation: `contact form`, `Kontaktformular`, `modulo di contatto`, `formularz kontaktowy`. */
  webFormPhrases: Words;
  /** An invitation to use a channel, which records no contact through it: `please use`, `contattaci`. */
  channelInvitations: Words;
  /** A chat speaker's role before the name (`Agent Kevin:`), matched with a capital or small first letter. */
  agentRoles: Words;
  /** Chat speakers and addressees that are the customer by role: `you`, `Kunde`, `cliente`, `klant`. */
  customerRoles: Words;
  /** Chat speakers that are no person: `system`, `bot`, `assistente virtuale`. */
  botRoles: Words;
  /** Words that make a display name a team or company: `support`, `Kundenservice`, `assistenza`, `klantenservice`. */
  teamWords: Words;
  /**
   * Words of a mail's buttons and links (`Track Package`, `Bestellung ansehen`, `Suivre mon colis`): a line
   * made with one is no one's name, wherever it stands under the text.
   */
  interfaceWords?: Words;
  /** Stems that make a compound a team: `service`, `kunden`, `klanten`, `obsługa`. */
  teamStems: Words;
  /** Particles inside a person's name, matched as printed (lower case): `van der`, `de la`, `dos`. */
  nameParticles: Words;
  /** Help-desk header labels naming the agent: `Agent`, `Bearbeiter`, `operatore`, `behandeld door`. */
  agentLabels: Words;
  /** Phrases that introduce an agent by name in running text: `our agent`, `nostro operatore`, `onze medewerker`. */
  agentMentions: Words;
  /** The word between an agent's first name and the company in a From name: `Marcus from BrightCart`, `Anna von Shop`. */
  agentOfCompany: Words;
  /** Labels of a form's description field: `issue type`, `Anliegen`, `motivo`, `opis problemu`. */
  issueLabels: Words;
  /** Subject prefixes of replies and forwards, without the colon: `re`, `aw`, `rif`, `odp`, `enc`. */
  replyPrefixes: Words;
  /** Prepositions that go with a case tag in a subject: `for`, `zu`, `pour`, `per`, `voor`, `w sprawie`. */
  topicPrepositions: Words;
  /** Determiners between such a preposition and the tag: `your`, `Ihre`, `votre`, `la tua`, `uw`. */
  topicDeterminers: Words;
}

/**
 * Read by `rules/resolution.ts` and `rules/money.ts`: done / not-yet verbs, outcomes, denials, amount and
 * transaction labels. Rules put these between Unicode word boundaries and join them across languages.
 */
export interface ResolutionWords {
  /** Done forms of a refund: `processed`, `erstattet`, `effectué`, `rimborsato`, `terugbetaald`. */
  done: Words;
  /** Done forms that state a decision now (`approved and will be paid out later` is approved). */
  approved: Words;
  /** The refund itself, as a noun: `refund`, `Rückerstattung`, `rimborso`, `zwrot środków`. */
  refundNouns: Words;
  /**
   * What joins the refund noun to its amount: `of`, `von`, `in Höhe von`, `d'un montant de`, `w wysokości`
   * (`Your refund of £45.00`, `Ihre Erstattung über 49,99 €`).
   */
  amountPrepositions?: Words;
  /** A request or claim for something: `request`, `Antrag`, `demande`, `richiesta`, `wniosek`. */
  requestNouns: Words;
  /** Whole first-person statements that a refund happened: `wir haben … erstattet`, `hemos reembolsado`. */
  refundedPhrases: Words;
  /** A partial refund as a noun (`Teilerstattung`) or done form (`partially refunded`). */
  partialRefund: Words;
  /** A part of the price whose refund is partial: `half of`, `shipping fee`, `Versandkosten`, `frais de port`. */
  partialShares: Words;
  /** A missing thing that a refusal waits on: `without`, `ohne`, `sans`, `sin`, `senza` (`cannot be accepted without the receipt`). */
  lacking?: Words;
  /** The rest of an order or amount: `the rest`, `the remaining amount`, `der restliche Betrag`, `le reste`. */
  remainderWords?: Words;
  /** Store credit: `voucher`, `Gutschein`, `avoir`, `buono`, `tegoedbon`, `bon podarunkowy`, `vale-compras`. */
  storeCredit: Words;
  /** Done forms saying credit was issued or added: `added`, `ausgestellt`, `émis`, `emesso`, `toegevoegd`. */
  creditIssued: Words;
  /** A replacement: `replacement`, `Ersatzgerät`, `remplacement`, `sostituzione`, `vervangend product`. */
  replacementNouns: Words;
  /** Goods sent: `shipped`, `verschickt`, `expédié`, `spedito`, `verzonden`, `wysłany`, `enviado`. */
  shipped: Words;
  /** First-person, future, unconditional decisions: `we will refund`, `nous vous rembourserons`, `zwrócimy`. */
  futureDecisions: Words;
  /** A check still to come before a future decision: `after inspection`, `après vérification`, `na controle`. */
  pendingChecks: Words;
  /**
   * A refund made or started that did not reach the customer: `failed`, `reversed`, `returned by your bank`,
   * `fehlgeschlagen`, `a échoué`, `rechazado por su banco`. A refusal by the bank is a failed payment, not a denial.
   */
  undone: Words;
  /**
   * The customer's own bank, card or account, right after a hand-over word (`forwarded to your bank`,
   * `transmis à votre banque`) or right before one (`an Ihre Bank weitergeleitet`): a refund handed
   * there has left the shop, so the hand-over is no review.
   */
  customerPaymentPlaces?: Words;
  /** Words that make a statement a promise for later, not a decision: `will be`, `wird`, `sera`, `verrà`. */
  notYet: Words;
  /**
   * A time still ahead: `in the coming days`, `in den nächsten Tagen`, `dans les prochains jours`. Right
   * after a refund phrase, in its clause, it makes a present tense a promise: `Wir erstatten dir 79,95 €
   * in den nächsten Tagen` (a done verb takes none: `refunded in the next days` is no English).
   */
  upcoming?: Words;
  /** Conjunctions that make a sentence conditional wherever they stand: `once`, `sobald`, `dès que`, `zodra`. */
  conditions: Words;
  /** Conjunctions that make it conditional only when they come first: `if`, `wenn`, `si`, `se`, `als`, `jeśli`. */
  weakConditions: Words;
  /** Words that keep an outcome open: `until`, `yet`, `bis`, `pas encore`, `ancora`, `nog niet`, `jeszcze`. */
  stillOpen: Words;
  /**
   * Words that turn a sentence against what came before: `but`, `however`, `aber`, `mais`, `pero`. A refund
   * done and then, after one, not done (`processed, but it has not been sent to your bank yet`) is not done.
   */
  contrasts?: Words;
  /**
   * What has not happened yet, negation and all: `not yet`, `yet to`, `noch nicht`, `pas encore`, `aún no`,
   * `尚未`, `まだ`, `chưa`, `아직`. After a contrast it takes a refund back (`refunded $30.00, but the money is
   * yet to reach your bank`); no `until` (`but it won't show until Friday` is a delay, not a refund undone).
   */
  notYetDone?: Words;
  /**
   * Headings over the steps still to come, alone on their line: `What happens next`, `So geht es weiter`,
   * `Prochaines étapes`. The numbered or bulleted lines under one describe a process (`3. Your refund is
   * issued to your original payment method`), not what happened.
   */
  stepsHeadings?: Words;
  /** Tentative words and offers awaiting acceptance: `may`, `would be happy to offer`, `possiamo offrirle`. */
  tentative: Words;
  /**
   * An offer said to be carried out already, after the offer: `… which I've added to your account`, `… which has
   * been applied`. The offer then made nothing tentative.
   */
  offerCarriedOut?: Words;
  /**
   * Others than the reader, just after a refund's verb: `(We have refunded) customers who …`, `(nous avons
   * remboursé) d'autres clients`. A refund made to them is none of the reader's.
   */
  otherRecipients?: Words;
  /** Review or hand-over: `under review`, `in Prüfung`, `en cours d'examen`, `in lavorazione`, `w trakcie`. */
  review: Words;
  /** Negations: `not`, `nicht`, `pas`, `non`, `niet`, `nie`, `não`. */
  negations: Words;
  /**
   * Phrases that open with another language's negation but deny nothing: Portuguese `no valor de`,
   * `no seu cartão` (`em` + `o`, not English or Spanish `no`). Each from the negation word on.
   */
  negationLookalikes?: Words;
  /** Courtesies that condition nothing: `as requested`, `wie gewünscht`, `come richiesto`. */
  courtesies: Words;
  /** Objects a denial must name: refund, return, claim, request, dispute, chargeback, warranty. */
  denialObjects: Words;
  /** Infinitives that refuse with an object after them: `approve`, `genehmigen`, `accepter`, `accettare`. */
  denialVerbs: Words;
  /** Refund verbs that are their own object: `refund`, `rembourser`, `reembolsar`, `zwrócić`. */
  refundVerbs: Words;
  /** Modal negations before a denial verb: `cannot`, `unable to`, `ne pouvons pas`, `non possiamo`. */
  denialModals: Words;
  /** Refusals followed directly by their object: `not eligible for`, `we have declined`, `odrzucamy`. */
  denialLeads: Words;
  /** Refusals that follow their object: `has been declined`, `abgelehnt`, `refusée`, `respinta`. */
  denialPassive: Words;
  /** Self-contained refusals: `decided in the seller's favour`. */
  denialPhrases: Words;
  /** General terms, not a decision on this case: `policy`, `AGB`, `conditions générales`, `regulamin`. */
  policyMarkers: Words;
  /**
   * Words that give the reason for a refusal just made (`because`, `da`, `car`, `porque`): terms named after
   * them are why this case was refused (`… because it falls outside our return policy`), not general terms.
   */
  reasonConjunctions?: Words;
  /** Labels that restate what the customer asked: `your request`, `Ihre Anfrage`, `uw bericht`. */
  restatementLabels: Words;
  /** Attributions of customer words: `you wrote`, `Sie schrieben`, `vous avez écrit`, `ha scritto`. */
  customerWrote: Words;
  /** A customer's first-person possessives: `my`, `mein`, `mon`, `mi`, `mijn`, `mój`, `meu`. */
  firstPersonPossessives: Words;
  /** Labels of the refunded amount: `refund total`, `Erstattungsbetrag`, `montant remboursé`, `kwota zwrotu`. */
  amountLabels: Words;
  /**
   * A bare amount label (`Amount`, `Betrag`, `Montant`): on the row right under a refund's own status row
   * (`Status: Refunded` / `Amount: $45.00`) it gives the refund's amount, nowhere else.
   */
  bareAmountLabels?: Words;
  /** Documents that are the refund itself, so their total is the amount refunded: `credit memo`, `Gutschrift`, `avoir`. */
  creditDocuments?: Words;
  /** Labels of a document's final total (under subtotal and shipping rows): `grand total`, `Gesamtbetrag`, `Eindtotaal`. */
  grandTotalLabels?: Words;
  /** Labels of the refund's own transaction: `refund transaction`, `Rückerstattungs-ID`, `ID del reembolso`. */
  refundTransactionLabels: Words;
  /** Transaction labels of either side: `transaction id`, `Transaktionsnummer`, `numéro de transaction`. */
  transactionLabels: Words;
  /** Labels of the original purchase's payment, never the refund's: `original transaction`, `payment id`. */
  originalPaymentLabels: Words;
}

/** Period units, by how a due date is counted from them. */
export interface PeriodUnits {
  hours: Words;
  /** Monday to Friday: `business days`, `Werktage`, `jours ouvrés`, `giorni lavorativi`, `dni roboczych`. */
  businessDays: Words;
  days: Words;
  weeks: Words;
}

/**
 * Read by `rules/next-steps.ts` and `rules/summary.ts`: promises, requests, greetings, thanks, apologies.
 * Sentence-level entries are matched at the start of a sentence unless their comment says otherwise.
 */
export interface ConversationWords {
  /** Salutations that open a mail: `Dear`, `Sehr geehrte`, `Buongiorno`, `Dzień dobry`. */
  greetings: Words;
  /** Thanks that open a sentence: `Thank you for`, `Vielen Dank für`, `Merci pour` (not `merci de` + verb, a request). */
  thanks: Words;
  /** Apologies and sympathy that open a sentence: `We apologise`, `Es tut uns leid`, `I understand how`. */
  apologies: Words;
  /** Pleasantries and sign-offs with no news, opening a sentence: `I hope this email finds you well`, `Have a nice day`. */
  pleasantries: Words;
  /** Offers of more help, anywhere in a sentence: `if you have any questions`, `n'hésitez pas`, `no dude en`. */
  courtesyOffers: Words;
  /** Conditional openers of policy text: `If`, `Falls`, `Si`, `Qualora`, `Jeśli`. */
  conditionals: Words;
  /** The sender commits to an action, anywhere in a sentence: `we will`, `wir werden`, `nous allons`, `provvederemo`. */
  promises: Words;
  /** Requests to the reader, anywhere in a sentence, complete: `could you send`, `senden Sie uns`, `wilt u`. */
  requests: Words;
  /** Openers of a request that a verb follows: `please`, `veuillez`, `por favor`, `la preghiamo di`, `prosimy`. */
  requestOpeners: Words;
  /** What follows a request opener and makes it no request: `note`, `do not`, `feel free`, `trouver`. */
  notRequests: Words;
  /** Instructions not to act, anywhere: `do not reply`, `antworten Sie nicht`, `non rispondere`. */
  doNotAct: Words;
  /** Negations: a statement with a period that negates is a refusal, not a commitment (`no podemos … 30 días`). */
  negations: Words;
  /** Negations that turn a promise into policy: `never`, `niemals`, `jamais`, `nigdy`. */
  never: Words;
  /** First person plural, as a word or a verb ending: `we`, `wir`, `\p{L}{3,}emos`. */
  we: Words;
  /** Future markers, as a word or a verb ending: `will`, `werden`, `\p{L}{3,15}rà`, `zostanie`. */
  future: Words;
  /** What a customer asks for, anywhere: `I'd like`, `ich möchte`, `je souhaite`, `vorrei`, `gostaria de`. */
  customerRequests: Words;
  /** Words that carry a message's news (decisions and their objects), anywhere: `refund`, `approved`, `Gutschrift`. */
  news: Words;
  /** Words that put a period before a count: `within`, `innerhalb von`, `sous`, `entro`, `w ciągu`, `em até`. */
  within: Words;
  /**
   * `within` written after the period in a language that writes spaces: Hungarian `5 munkanapon belül`,
   * Turkish `3 iş günü içinde`. (Japanese, Chinese and Korean `within` words follow the period already.)
   */
  withinAfter?: Words;
  /** Words that make a date a deadline: `by`, `bis zum`, `d'ici le`, `antes del`, `entro il`, `uiterlijk`, `do`, `até`. */
  by: Words;
  /**
   * Deadline words written after the date in a language that writes spaces: Turkish `27.02.2026 tarihine
   * kadar`, `27 Şubat'a kadar`. (Japanese and Chinese `by` words follow the date already: `までに`, `前`.)
   */
  byAfter?: Words;
  /** Words joining a range of counts: `to`, `bis`, `à`, `tot`, `do` (dashes are joined everywhere). */
  rangeJoiners: Words;
  /** Words between a count and its unit: `more`, `weitere`. */
  periodFillers: Words;
  /** Words between a day and its month: `de` in `26 de octubre`. */
  dateJoiners: Words;
  units: PeriodUnits;
  /**
   * Words that make the plain days of a period business days, wherever they stand in the sentence:
   * Korean `영업일 기준 3일 이내` (within 3 days, counted in business days), `주말 및 공휴일 제외`.
   */
  businessDayBasis?: Words;
  /** What went wrong, in a customer's words, anywhere: `never arrived`, `beschädigt`, `cassé`, `non funziona`. */
  problems: Words;
  /** Hedges: a period that is only usual or possible is policy, not a commitment: `usually`, `may`, `doorgaans`. */
  hedges: Words;
  /** Imperatives that open a request: `Return`, `Stuur`, `Wydrukuj`, `Renvoyez`, `Envíe`, `Ci faccia sapere`. */
  imperatives: Words;
  /**
   * Imperatives that ask the reader to act on a link in the same sentence, opening it: `Choose your option
   * here: <url>`, `Wählen Sie …`, `Elija …`. Without a link they are no step (`Choose carefully`).
   */
  linkImperatives?: Words;
  /**
   * The past perfect: a period in a statement of what had happened is history, not a step (`your refund
   * had been processed within 5 business days`, `había sido procesado en 5 días`).
   */
  pastPerfect?: Words;
  /** The day after the message: `tomorrow`, `morgen`, `demain`, `jutro`. */
  tomorrow: Words;
  /** Words before the date of a future event: `on`, `am`, `le`, `op`, `w dniu` (`will arrive on January 11`). */
  on: Words;
  /** Number words, by value: `{ 2: ['two'], 3: ['three'] }`. */
  numbers: Readonly<Record<number, Words>>;
  /** How `10/11` is read: US English puts the month first, the other languages the day. */
  numericDateOrder: 'month-first' | 'day-first';
}

/** One list per class of merchant boilerplate (`BOILERPLATE_CLASSES` in `rules/boilerplate.ts`). */
export interface BoilerplateClassWords {
  /** Notification-only / do-not-reply notices, automated-message notes. */
  noReply: Words;
  /** "We will never ask for your password", phishing warnings. */
  security: Words;
  /** Company register, VAT, registered office, copyright. */
  legal: Words;
  /** Privacy and data-protection notices. */
  privacy: Words;
  /** Unsubscribe, manage preferences, "you are receiving this email because". */
  unsubscribe: Words;
  /** Surveys and ratings: "how did we do?", "rate your experience". */
  survey: Words;
  /** Recommendations, promo codes, "shop now", app and social links. */
  marketing: Words;
  /** "Track your package" chrome. */
  tracking: Words;
  /** Preheader chrome: "view in browser", "web version". */
  preheader: Words;
}

/**
 * Read by `rules/boilerplate.ts`: merchant boilerplate by class.
 * - `phrases` make any sentence that contains them boilerplate of their class.
 * - `labels` are link and button texts (`Track package`, `Privacy Notice`, `Impressum`): boilerplate only
 *   when a line is made of them (at most two other words), so `denied under our terms and conditions` stays.
 * - `matter` names what a case is about (refund, return, replacement, store credit, goodwill): a sentence
 *   that names it is never taken for marketing or tracking chrome (`your replacement ships today, track your
 *   package here` is news).
 */
export interface BoilerplateWords {
  phrases: BoilerplateClassWords;
  labels: Partial<BoilerplateClassWords>;
  matter: Words;
}

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
