// The words the reports print, in the user's language: the digest's labels and the follow-up draft's
// sentences, for en, de, fr and es. PURE: no clock, no I/O. A language is added by writing its table here
// (the compiler lists every label it still needs) and naming it in REPORT_LANGUAGES.
import type { QuarantineReason } from '../errors.js';
import type { LogChannel, Outcome } from '../rules/case-terms.js';
import { LEXICONS } from '../rules/lexicon/index.js';

export const REPORT_LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export const isReportLanguage = (value: string): value is ReportLanguage =>
  (REPORT_LANGUAGES as readonly string[]).includes(value);

export interface Labels {
  /** BCP 47 tag for `Intl` and `Content-Language`. */
  locale: string;
  /** The display name of the digest's From address. */
  senderName: string;
  /** The subject: the day, then the counts (`2 need you, 3 waiting, 1 resolved`). */
  subject(counts: string, day: string): string;
  heading(day: string): string;
  /** Each count as the tally and the subject print it. */
  counts: { needsYou(n: number): string; waiting(n: number): string; resolved(n: number): string };
  nothingNeedsYou: string;
  sections: { needsYou: string; waiting: string; resolved: string; money: string };
  /** What each section is for, one short line under its title. */
  sectionHints: { needsYou: string; waiting: string; resolved: string; money: string };
  reasons: {
    confirm(suggestion: string): string;
    overdue(since: string): string;
    mailAfterClose: string;
    yourTurn: string;
    yourTurnDue(due: string): string;
    quarantined(reason: string): string;
  };
  /** Quoted text from mail, in the language's quotation marks. */
  quote(text: string): string;
  /** What goes before a quotation: `: `, or ` : ` in French. */
  colon: string;
  /** `or reply "confirm ABC-1"` */
  orReply(command: string): string;
  /** The command line that does it (`Confirm:`/`Bestätigen:`…), before the command. */
  actions: { confirm: string; followup: string; retry: string; show: string };
  lastContact(day: string, channel: string, who: string | null): string;
  waitingDays(days: number): string;
  promisedBy(day: string): string;
  noContactYet: string;
  /** `Store credit 20.00 EUR, transaction X` pieces. */
  transaction(id: string): string;
  reopened: string;
  orderKeyed: string;
  money: {
    outstanding: string;
    refundedThisMonth(month: string): string;
    casesWithoutAmount(n: number): string;
    none: string;
  };
  /** `unowned`: beside mail no user forwarded (no owner), which every user's digest lists. */
  quarantine: { from: string; noSubject: string; unowned: string };
  footer(showCommand: string): string;
  unknownMerchant: string;
  outcomes: Record<Outcome, string>;
  /** A log entry's channel: the contacts, and `note`, the user's own annotation. */
  channels: Record<LogChannel, string>;
  quarantineReasons: Record<QuarantineReason, string>;
  followup: {
    subjectFallback: string;
    greeting: string;
    about(caseNumber: string, order: string | null): string;
    promised(day: string, text: string | null, due: string): string;
    noPromise(lastDay: string | null): string;
    ask: string;
    logIntro: string;
    /** Who wrote a log entry, as the customer tells the merchant: `me`, `you`. */
    me: string;
    you: string;
    signOff: string;
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** The full stop after a quotation, unless the quoted sentence ends with its own. */
const stop = (quoted: string) => (/[.!?…]$/.test(quoted) ? '' : '.');

const en: Labels = {
  locale: 'en-GB',
  senderName: 'Refund tracker',
  subject: (counts, day) => `Refunds ${day}: ${counts}`,
  heading: (day) => `Your refunds, ${day}`,
  counts: {
    needsYou: (n) => `${n} need${n === 1 ? 's' : ''} you`,
    waiting: (n) => `${n} waiting`,
    resolved: (n) => `${n} resolved`,
  },
  nothingNeedsYou: 'Nothing needs you today.',
  sections: {
    needsYou: 'Needs you',
    waiting: 'Waiting on the merchant',
    resolved: 'Resolved since last time',
    money: 'Money',
  },
  sectionHints: {
    needsYou: 'Only you can move these on.',
    waiting: 'The merchant has the next step.',
    resolved: 'Closed since the last digest.',
    money: 'Refunds by currency.',
  },
  reasons: {
    confirm: (s) => `Suggested: ${s}. Is that right?`,
    overdue: (since) => `Overdue since ${since}, no reply since`,
    mailAfterClose: 'New mail after you closed it',
    yourTurn: 'The merchant is waiting for your reply',
    yourTurnDue: (due) => `The merchant asked you to act by ${due}`,
    quarantined: (r) => `Set aside: ${r}`,
  },
  quote: (t) => `“${t}”`,
  colon: ': ',
  orReply: (cmd) => `or reply “${cmd}”`,
  actions: { confirm: 'Confirm', followup: 'Follow up', retry: 'Retry', show: 'Details' },
  lastContact: (day, channel, who) => `Last contact ${day}, ${channel}${who ? ` (${who})` : ''}`,
  waitingDays: (n) => (n <= 0 ? 'Heard from today' : `Waiting ${plural(n, 'day', 'days')}`),
  promisedBy: (day) => `promised by ${day}`,
  noContactYet: 'No contact logged yet',
  transaction: (id) => `transaction ${id}`,
  reopened: 'reopened',
  orderKeyed: 'order only, no case number yet',
  money: {
    outstanding: 'Still outstanding',
    refundedThisMonth: (m) => `Refunded in ${m}`,
    casesWithoutAmount: (n) => `${plural(n, 'open case', 'open cases')} without a known amount`,
    none: 'nothing yet',
  },
  quarantine: { from: 'from', noSubject: '(no subject)', unowned: 'not forwarded by a user: every user sees it' },
  footer: (cmd) =>
    `Full detail of a case: ${cmd}. Reply to this mail with “confirm CASE” or “note CASE …” to act on a case.`,
  unknownMerchant: 'unknown merchant',
  outcomes: {
    full_refund: 'Full refund',
    partial_refund: 'Partial refund',
    store_credit: 'Store credit',
    replacement: 'Replacement',
    denied: 'Denied',
  },
  channels: { email: 'email', web_form: 'web form', chat: 'chat', phone: 'phone', note: 'note' },
  quarantineReasons: {
    too_large: 'too large',
    not_mime: 'not an email',
    unparseable: 'could not be read',
    untrusted_sender: 'unknown sender',
    unauthenticated: 'sender not verified',
    no_case_number: 'no case number found',
    command_rejected: 'command not understood',
    several_originals: 'too many forwarded messages in one mail: forward them in smaller groups',
    delivery_report: 'delivery report (bounce), not correspondence',
    processing_failed: 'processing failed',
  },
  followup: {
    subjectFallback: 'My refund request',
    greeting: 'Hello,',
    about: (c, order) => `I am writing about my case ${c}${order ? ` (order ${order})` : ''}.`,
    promised: (day, text, due) =>
      `On ${day} you wrote${text ? `: “${text}”${stop(text)}` : ' that you would get back to me.'} That was due by ${due}, and I have not heard from you since.`,
    noPromise: (last) =>
      last ? `I have not heard from you since ${last}.` : 'I have not heard from you about it yet.',
    ask: 'Could you please tell me where my refund stands and when I can expect it?',
    logIntro: 'For reference, our correspondence so far:',
    me: 'me',
    you: 'you',
    signOff: 'Kind regards',
  },
};

const de: Labels = {
  locale: 'de-DE',
  senderName: 'Erstattungs-Tracker',
  subject: (counts, day) => `Erstattungen ${day}: ${counts}`,
  heading: (day) => `Ihre Erstattungen am ${day}`,
  counts: {
    needsYou: (n) => `${n} für Sie`,
    waiting: (n) => `${n} wartend`,
    resolved: (n) => `${n} erledigt`,
  },
  nothingNeedsYou: 'Heute ist nichts für Sie zu tun.',
  sections: {
    needsYou: 'Braucht Sie',
    waiting: 'Wartet auf den Händler',
    resolved: 'Erledigt seit dem letzten Mal',
    money: 'Geld',
  },
  sectionHints: {
    needsYou: 'Nur Sie können hier weitermachen.',
    waiting: 'Der Händler ist am Zug.',
    resolved: 'Seit der letzten Übersicht abgeschlossen.',
    money: 'Erstattungen nach Währung.',
  },
  reasons: {
    confirm: (s) => `Vorschlag: ${s}. Stimmt das?`,
    overdue: (since) => `Überfällig seit ${since}, seitdem keine Antwort`,
    mailAfterClose: 'Neue Nachricht, nachdem Sie den Fall geschlossen haben',
    yourTurn: 'Der Händler wartet auf Ihre Antwort',
    yourTurnDue: (due) => `Der Händler bat Sie, bis ${due} zu handeln`,
    quarantined: (r) => `Zurückgestellt: ${r}`,
  },
  quote: (t) => `„${t}“`,
  colon: ': ',
  orReply: (cmd) => `oder antworten Sie „${cmd}“`,
  actions: { confirm: 'Bestätigen', followup: 'Nachfassen', retry: 'Erneut versuchen', show: 'Details' },
  lastContact: (day, channel, who) => `Letzter Kontakt ${day}, ${channel}${who ? ` (${who})` : ''}`,
  waitingDays: (n) => (n <= 0 ? 'Heute Nachricht erhalten' : `Wartet seit ${plural(n, 'Tag', 'Tagen')}`),
  promisedBy: (day) => `zugesagt bis ${day}`,
  noContactYet: 'Noch kein Kontakt erfasst',
  transaction: (id) => `Transaktion ${id}`,
  reopened: 'wieder geöffnet',
  orderKeyed: 'nur Bestellnummer, noch keine Fallnummer',
  money: {
    outstanding: 'Noch ausstehend',
    refundedThisMonth: (m) => `Erstattet im ${m}`,
    casesWithoutAmount: (n) => `${plural(n, 'offener Fall', 'offene Fälle')} ohne bekannten Betrag`,
    none: 'noch nichts',
  },
  quarantine: {
    from: 'von',
    noSubject: '(kein Betreff)',
    unowned: 'von keinem Nutzer weitergeleitet: alle Nutzer sehen es',
  },
  footer: (cmd) =>
    `Alle Details zu einem Fall: ${cmd}. Antworten Sie auf diese Mail mit „confirm FALL“ oder „note FALL …“, um einen Fall zu bearbeiten.`,
  unknownMerchant: 'unbekannter Händler',
  outcomes: {
    full_refund: 'Volle Erstattung',
    partial_refund: 'Teilerstattung',
    store_credit: 'Gutschrift',
    replacement: 'Ersatz',
    denied: 'Abgelehnt',
  },
  channels: { email: 'E-Mail', web_form: 'Webformular', chat: 'Chat', phone: 'Telefon', note: 'Notiz' },
  quarantineReasons: {
    too_large: 'zu groß',
    not_mime: 'keine E-Mail',
    unparseable: 'nicht lesbar',
    untrusted_sender: 'unbekannter Absender',
    unauthenticated: 'Absender nicht bestätigt',
    no_case_number: 'keine Fallnummer gefunden',
    command_rejected: 'Befehl nicht verstanden',
    several_originals: 'zu viele weitergeleitete Nachrichten in einer Mail: bitte in kleineren Gruppen weiterleiten',
    delivery_report: 'Zustellbericht (Unzustellbar), keine Korrespondenz',
    processing_failed: 'Verarbeitung fehlgeschlagen',
  },
  followup: {
    subjectFallback: 'Meine Erstattungsanfrage',
    greeting: 'Guten Tag,',
    about: (c, order) => `ich schreibe Ihnen wegen meines Falls ${c}${order ? ` (Bestellung ${order})` : ''}.`,
    promised: (day, text, due) =>
      `Am ${day} schrieben Sie${text ? `: „${text}“${stop(text)}` : ', dass Sie sich melden würden.'} Das war bis ${due} zugesagt, und seitdem habe ich nichts von Ihnen gehört.`,
    noPromise: (last) =>
      last ? `Seit dem ${last} habe ich nichts von Ihnen gehört.` : 'Bisher habe ich dazu nichts von Ihnen gehört.',
    ask: 'Könnten Sie mir bitte mitteilen, wie der Stand meiner Erstattung ist und wann ich damit rechnen kann?',
    logIntro: 'Zur Übersicht unser bisheriger Austausch:',
    me: 'ich',
    you: 'Sie',
    signOff: 'Mit freundlichen Grüßen',
  },
};

const fr: Labels = {
  locale: 'fr-FR',
  senderName: 'Suivi des remboursements',
  subject: (counts, day) => `Remboursements ${day} : ${counts}`,
  heading: (day) => `Vos remboursements, ${day}`,
  counts: {
    needsYou: (n) => `${n} pour vous`,
    waiting: (n) => `${n} en attente`,
    resolved: (n) => `${n} ${n === 1 ? 'réglé' : 'réglés'}`,
  },
  nothingNeedsYou: 'Rien ne vous attend aujourd’hui.',
  sections: {
    needsYou: 'À vous de jouer',
    waiting: 'En attente du marchand',
    resolved: 'Réglés depuis la dernière fois',
    money: 'Argent',
  },
  sectionHints: {
    needsYou: 'Vous seul pouvez les faire avancer.',
    waiting: 'Le marchand a la main.',
    resolved: 'Clos depuis le dernier récapitulatif.',
    money: 'Remboursements par devise.',
  },
  reasons: {
    confirm: (s) => `Proposition : ${s}. Est-ce exact ?`,
    overdue: (since) => `En retard depuis le ${since}, sans réponse depuis`,
    mailAfterClose: 'Nouveau message après votre clôture',
    yourTurn: 'Le marchand attend votre réponse',
    yourTurnDue: (due) => `Le marchand vous a demandé d’agir avant le ${due}`,
    quarantined: (r) => `Mis de côté : ${r}`,
  },
  quote: (t) => `« ${t} »`,
  colon: ' : ',
  orReply: (cmd) => `ou répondez « ${cmd} »`,
  actions: { confirm: 'Confirmer', followup: 'Relancer', retry: 'Réessayer', show: 'Détails' },
  lastContact: (day, channel, who) => `Dernier contact le ${day}, ${channel}${who ? ` (${who})` : ''}`,
  waitingDays: (n) => (n <= 0 ? 'Nouvelles reçues aujourd’hui' : `En attente depuis ${plural(n, 'jour', 'jours')}`),
  promisedBy: (day) => `promis pour le ${day}`,
  noContactYet: 'Aucun contact enregistré',
  transaction: (id) => `transaction ${id}`,
  reopened: 'rouvert',
  orderKeyed: 'numéro de commande seul, pas encore de numéro de dossier',
  money: {
    outstanding: 'Encore dû',
    refundedThisMonth: (m) => `Remboursé en ${m}`,
    casesWithoutAmount: (n) => `${plural(n, 'dossier ouvert', 'dossiers ouverts')} sans montant connu`,
    none: 'rien pour l’instant',
  },
  quarantine: {
    from: 'de',
    noSubject: '(sans objet)',
    unowned: 'transféré par aucun utilisateur : tous les utilisateurs le voient',
  },
  footer: (cmd) =>
    `Le détail d’un dossier : ${cmd}. Répondez à ce message avec « confirm DOSSIER » ou « note DOSSIER … » pour agir sur un dossier.`,
  unknownMerchant: 'marchand inconnu',
  outcomes: {
    full_refund: 'Remboursement intégral',
    partial_refund: 'Remboursement partiel',
    store_credit: 'Avoir',
    replacement: 'Remplacement',
    denied: 'Refusé',
  },
  channels: { email: 'e-mail', web_form: 'formulaire web', chat: 'chat', phone: 'téléphone', note: 'note' },
  quarantineReasons: {
    too_large: 'trop volumineux',
    not_mime: 'pas un e-mail',
    unparseable: 'illisible',
    untrusted_sender: 'expéditeur inconnu',
    unauthenticated: 'expéditeur non vérifié',
    no_case_number: 'aucun numéro de dossier trouvé',
    command_rejected: 'commande non comprise',
    several_originals: 'trop de messages transférés dans un seul e-mail : transférez-les par petits groupes',
    delivery_report: 'rapport de remise (non-remise), pas une correspondance',
    processing_failed: 'échec du traitement',
  },
  followup: {
    subjectFallback: 'Ma demande de remboursement',
    greeting: 'Bonjour,',
    about: (c, order) => `Je vous écris au sujet de mon dossier ${c}${order ? ` (commande ${order})` : ''}.`,
    promised: (day, text, due) =>
      `Le ${day}, vous m’avez écrit${text ? ` : « ${text} »${stop(text)}` : ' que vous reviendriez vers moi.'} C’était prévu pour le ${due}, et je n’ai pas eu de nouvelles depuis.`,
    noPromise: (last) =>
      last ? `Je n’ai pas eu de nouvelles depuis le ${last}.` : 'Je n’ai pas encore eu de nouvelles à ce sujet.',
    ask: 'Pourriez-vous m’indiquer où en est mon remboursement et quand je peux l’attendre ?',
    logIntro: 'Pour mémoire, nos échanges jusqu’ici :',
    me: 'moi',
    you: 'vous',
    signOff: 'Cordialement',
  },
};

const es: Labels = {
  locale: 'es-ES',
  senderName: 'Seguimiento de reembolsos',
  subject: (counts, day) => `Reembolsos ${day}: ${counts}`,
  heading: (day) => `Sus reembolsos, ${day}`,
  counts: {
    needsYou: (n) => `${n} para usted`,
    waiting: (n) => `${n} en espera`,
    resolved: (n) => `${n} ${n === 1 ? 'resuelto' : 'resueltos'}`,
  },
  nothingNeedsYou: 'Hoy no hay nada pendiente para usted.',
  sections: {
    needsYou: 'Le necesita',
    waiting: 'Esperando al comercio',
    resolved: 'Resueltos desde la última vez',
    money: 'Dinero',
  },
  sectionHints: {
    needsYou: 'Solo usted puede hacerlos avanzar.',
    waiting: 'El siguiente paso es del comercio.',
    resolved: 'Cerrados desde el último resumen.',
    money: 'Reembolsos por moneda.',
  },
  reasons: {
    confirm: (s) => `Sugerencia: ${s}. ¿Es correcto?`,
    overdue: (since) => `Vencido desde el ${since}, sin respuesta desde entonces`,
    mailAfterClose: 'Nuevo correo después de que usted lo cerrara',
    yourTurn: 'El comercio espera su respuesta',
    yourTurnDue: (due) => `El comercio le pidió actuar antes del ${due}`,
    quarantined: (r) => `Apartado: ${r}`,
  },
  quote: (t) => `«${t}»`,
  colon: ': ',
  orReply: (cmd) => `o responda «${cmd}»`,
  actions: { confirm: 'Confirmar', followup: 'Reclamar', retry: 'Reintentar', show: 'Detalles' },
  lastContact: (day, channel, who) => `Último contacto el ${day}, ${channel}${who ? ` (${who})` : ''}`,
  waitingDays: (n) => (n <= 0 ? 'Noticias recibidas hoy' : `En espera desde hace ${plural(n, 'día', 'días')}`),
  promisedBy: (day) => `prometido para el ${day}`,
  noContactYet: 'Aún no hay contacto registrado',
  transaction: (id) => `transacción ${id}`,
  reopened: 'reabierto',
  orderKeyed: 'solo número de pedido, aún sin número de caso',
  money: {
    outstanding: 'Aún pendiente',
    refundedThisMonth: (m) => `Reembolsado en ${m}`,
    casesWithoutAmount: (n) => `${plural(n, 'caso abierto', 'casos abiertos')} sin importe conocido`,
    none: 'nada todavía',
  },
  quarantine: {
    from: 'de',
    noSubject: '(sin asunto)',
    unowned: 'no lo reenvió ningún usuario: todos los usuarios lo ven',
  },
  footer: (cmd) =>
    `El detalle de un caso: ${cmd}. Responda a este correo con «confirm CASO» o «note CASO …» para actuar sobre un caso.`,
  unknownMerchant: 'comercio desconocido',
  outcomes: {
    full_refund: 'Reembolso completo',
    partial_refund: 'Reembolso parcial',
    store_credit: 'Vale de compra',
    replacement: 'Sustitución',
    denied: 'Denegado',
  },
  channels: { email: 'correo', web_form: 'formulario web', chat: 'chat', phone: 'teléfono', note: 'nota' },
  quarantineReasons: {
    too_large: 'demasiado grande',
    not_mime: 'no es un correo',
    unparseable: 'ilegible',
    untrusted_sender: 'remitente desconocido',
    unauthenticated: 'remitente no verificado',
    no_case_number: 'sin número de caso',
    command_rejected: 'orden no entendida',
    several_originals: 'demasiados mensajes reenviados en un solo correo: reenvíelos en grupos más pequeños',
    delivery_report: 'informe de entrega (rebote), no es correspondencia',
    processing_failed: 'falló el procesamiento',
  },
  followup: {
    subjectFallback: 'Mi solicitud de reembolso',
    greeting: 'Buenos días:',
    about: (c, order) => `Les escribo en relación con mi caso ${c}${order ? ` (pedido ${order})` : ''}.`,
    promised: (day, text, due) =>
      `El ${day} me escribieron${text ? `: «${text}»${stop(text)}` : ' que se pondrían en contacto conmigo.'} Estaba previsto para el ${due} y desde entonces no he tenido noticias.`,
    noPromise: (last) =>
      last ? `No he tenido noticias suyas desde el ${last}.` : 'Todavía no he tenido noticias suyas al respecto.',
    ask: '¿Podrían indicarme en qué estado está mi reembolso y cuándo puedo esperarlo?',
    logIntro: 'Como referencia, nuestra correspondencia hasta ahora:',
    me: 'yo',
    you: 'ustedes',
    signOff: 'Atentamente',
  },
};

const LABELS: Record<ReportLanguage, Labels> = { en, de, fr, es };

export const labelsFor = (language: ReportLanguage): Labels => LABELS[language];

/** A label by a stored value, which may be one this version does not know: then the value itself. */
export const labelOf = (table: Record<string, string>, value: string): string => table[value] ?? value;

/** `2026-11-26` as the language writes a day: `26 November 2026`, `26. November 2026`, `26 novembre 2026`. */
export function formatDay(isoDay: string, language: ReportLanguage): string {
  const date = dateOfDay(isoDay);
  if (!date) return isoDay;
  return new Intl.DateTimeFormat(LABELS[language].locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** `2026-11` as a month name with its year: `November 2026`, `novembre 2026`. */
export function formatMonth(isoMonth: string, language: ReportLanguage): string {
  const date = dateOfDay(`${isoMonth}-01`);
  if (!date) return isoMonth;
  return new Intl.DateTimeFormat(LABELS[language].locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

/** `129.99 USD` → `129,99 USD` in German; the currency code stays a code (mail shows what it shows). */
export function formatAmount(amount: number, currency: string | null, language: ReportLanguage): string {
  const number = new Intl.NumberFormat(LABELS[language].locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(amount);
  return currency ? `${number} ${currency}` : number;
}

function dateOfDay(isoDay: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) return null;
  const date = new Date(`${isoDay}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

// --- Which language the user's mail is in ---------------------------------------------------------------

/** Plain words of one lexicon (regex fragments skipped), lower case. */
function plainWords(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === 'string') {
    for (const token of value.toLowerCase().split(/\s+/)) if (/^\p{L}{2,}$/u.test(token)) out.add(token);
  } else if (Array.isArray(value)) {
    for (const item of value) plainWords(item, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (key !== 'code') plainWords(item, out);
  }
  return out;
}

/**
 * For each plain word of the lexicons, the languages whose lexicon has it (`und`: de; `refund`: en and
 * the Nordic lexicons that borrowed it). A word tells each of its languages 1/n: a word only one lexicon
 * has tells most, and a loanword that four lexicons share still leans to them, where counting only
 * words unique to one lexicon let German outweigh English once other lexicons borrowed `refund`, `order`.
 */
const WORD_LANGUAGES: ReadonlyMap<string, readonly string[]> = (() => {
  const found = new Map<string, string[]>();
  for (const lexicon of LEXICONS) {
    for (const word of plainWords(lexicon, new Set())) {
      const codes = found.get(word);
      if (codes) codes.push(lexicon.code);
      else found.set(word, [lexicon.code]);
    }
  }
  return found;
})();

/** How much the texts' words tell of each lexicon language. */
function languageScores(texts: readonly string[]): Record<string, number> {
  const scores: Record<string, number> = Object.fromEntries(LEXICONS.map((l) => [l.code, 0]));
  for (const text of texts) {
    for (const token of text.toLowerCase().match(/\p{L}{2,}/gu) ?? []) {
      const codes = WORD_LANGUAGES.get(token);
      if (!codes) continue;
      for (const code of codes) scores[code] = (scores[code] ?? 0) + 1 / codes.length;
    }
  }
  return scores;
}

/**
 * The report language of some texts: the lexicon language with the most telling words, when the
 * reports speak it; English when they do not (Italian mail gets English labels) or when nothing tells.
 * Ties go to the earlier language of REPORT_LANGUAGES.
 */
export function detectLanguage(texts: readonly string[], fallback: ReportLanguage = 'en'): ReportLanguage {
  const scores = languageScores(texts);
  let best: { code: string; score: number } = { code: fallback, score: 0 };
  for (const [code, score] of Object.entries(scores)) {
    if (score > best.score) best = { code, score };
  }
  return isReportLanguage(best.code) ? best.code : fallback;
}
