import type { MailAddress } from '../ingest/inbound-message.js';
import { chatSpeakers, customerNamesOf, isCustomerSpeaker } from './channel.js';
import type { AnalysisContext, Match } from './context.js';
import type { Direction } from './findings.js';
import { alternation, type Lexicon, type Words } from './lexicon/index.js';
import { REPLY_SHAPES } from './lexicon/reply-shapes.js';
import { isSignOffLine, textAfterSignOff } from './message-text.js';
import { GatedPattern } from './prefilter.js';

const words = (pick: (lexicon: Lexicon) => Words) => alternation(pick);
/** A lexicon list as one whole-word pattern. */
const wholeWords = (pick: (lexicon: Lexicon) => Words) =>
  new GatedPattern(`(?<![\\p{L}])${words(pick)}(?![\\p{L}])`, 'iu');

/** Particles inside a name: `Mark de Vries`, `Ludwig van der Berg`, `María del Carmen`, `João da Silva`. */
const PARTICLE = words((l) => l.identity.nameParticles);
const WORD = "\\p{Lu}[\\p{L}'’-]{1,30}";
const INITIAL = '\\p{Lu}\\.';
/** Two to four name words (`Lisa Chen`, `Jean-Luc Picard`, `María José García`, `Mark de Vries`, `Lisa C.`). */
const PERSON_NAME = new RegExp(`^${WORD}(?: (?:${PARTICLE} )?(?:${WORD}|${INITIAL})){1,3}$`, 'u');
/** A first name alone (`Jamie`, `Kevin`): only where the context says it names a person. */
const FIRST_NAME = new RegExp(`^${WORD}$`, 'u');

/** Words that make a name a team or a company rather than a person. */
const NOT_A_PERSON = wholeWords((l) => l.identity.teamWords);
/** Words of a button or link (`View Return Status`): no name, and no team either. */
const INTERFACE = wholeWords((l) => l.identity.interfaceWords ?? []);
/** Stems that make a compound a team (`Servicecenter`, `Kundenbetreuung`, `Supportteam`). */
const TEAM_STEM = new GatedPattern(
  words((l) => l.identity.teamStems),
  'iu',
);

const compact = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');

/**
 * A company name built like a product: `LumaHome`, `NordCycle`, `GTBuy` (an inner capital after
 * three lower-case letters, or two capitals to start). `McDonald`, `DeVries` and `MacArthur` stay names.
 */
const CAMEL_CASE_BRAND = /\p{Ll}{3}\p{Lu}|^\p{Lu}{2}/u;

/**
 * Whether a name names the sender's company: `Tienda Sol` from `tiendasol.es`, `LumaHome Outlet` from
 * `lumahome-outlet.com`, `Haushaltswaren Sommer` from `sommer-haushalt.de`: every word of it is in the
 * domain. `Sabine Krause` writing for `spielwaren-krause.de` is still a person.
 */
function namesSenderDomain(name: string, address: string | null | undefined): boolean {
  const domain = ((address ?? '').split('@')[1] ?? '').toLowerCase();
  if (!domain) return false;
  const labels = domain.split('.').slice(0, -1);
  const whole = compact(name);
  const joined = labels.map(compact).join('');
  if (whole.length < 4 || joined.length < 4) return false;
  if (labels.some((l) => compact(l).length >= 4 && (compact(l).includes(whole) || whole.includes(compact(l))))) {
    return true;
  }
  const tokens = labels
    .flatMap((l) => l.split('-'))
    .map(compact)
    .filter((t) => t.length >= 4);
  const words = name
    .split(/\s+/)
    .map(compact)
    .filter((w) => w.length >= 3);
  return words.length > 0 && words.every((w) => joined.includes(w) || tokens.some((t) => w.includes(t)));
}

export function isPersonName(name: string, senderAddress?: string | null): boolean {
  const trimmed = name.trim();
  if (!PERSON_NAME.test(trimmed) || NOT_A_PERSON.test(trimmed) || TEAM_STEM.test(trimmed) || INTERFACE.test(trimmed)) {
    return false;
  }
  if (trimmed.split(' ').some((w) => CAMEL_CASE_BRAND.test(w))) return false;
  return !namesSenderDomain(trimmed, senderAddress);
}

/** A first name alone is a person when it is no company word and not the sender's brand. */
function isFirstName(name: string, senderAddress?: string | null): boolean {
  const trimmed = name.trim();
  return (
    FIRST_NAME.test(trimmed) &&
    !NOT_A_PERSON.test(trimmed) &&
    !TEAM_STEM.test(trimmed) &&
    !INTERFACE.test(trimmed) &&
    !CAMEL_CASE_BRAND.test(trimmed) &&
    !namesSenderDomain(trimmed, senderAddress)
  );
}

/** The name part of a signature line: `Lisa Chen | GTBuy`, `Lisa Chen, Customer Support`, `Lisa Chen – Refunds`. */
function namePart(line: string): string {
  return (line.split(/\s[|–—-]\s|,\s|\s\|\s?|\s·\s/)[0] ?? '').trim();
}

/** Whether a first name is backed by the From address (`jamie@…`, `mark.evans@…`). */
const backedByAddress = (name: string, from: MailAddress | null) =>
  compact(name).length >= 3 && compact((from?.address ?? '').split('@')[0] ?? '').includes(compact(name));

/** Help-desk header lines that name the agent: `Agent: Kevin`, `Bearbeiter: Jonas Weber`, `Conseillère : Camille`. */
const AGENT_HEADER = new RegExp(`^\\s*${words((l) => l.identity.agentLabels)}\\s?[:：]\\s?(.{2,60})$`, 'imu');

/**
 * A name in a script without capitals, under a closing: `山田 花子`, `王芳`, `김민지` (two to four Han or
 * Hangul characters, a space between family and given name at most), and no team word (reply shapes'
 * `teamNouns`: `客服中心`, `カスタマーサポート`).
 */
const CJK_NAME = /^[\p{sc=Han}\p{sc=Hangul}]{1,3} ?[\p{sc=Han}\p{sc=Hangul}]{1,3}$/u;
const CJK_TEAM_WORD = new RegExp(
  REPLY_SHAPES.filter((s) => ['ja', 'zh', 'ko'].includes(s.language))
    .flatMap((s) => s.teamNouns ?? [])
    .join('|') || '(?!)',
  'u',
);
/** `김민수 드림` (from Kim Minsu), `王芳 敬上`: the closing word after the name. */
const CJK_NAME_SUFFIX = new RegExp(
  `\\s?(?:${REPLY_SHAPES.flatMap((s) => s.nameSuffixes ?? []).join('|') || '(?!)'})$`,
  'u',
);
/** `김민준 드림`, `김민준 올림`: a Hangul name and the Korean closing word after it. */
const HANGUL_NAME_SIGNED = new RegExp(
  `^\\p{sc=Hangul}{2,4}\\s?(?:${
    REPLY_SHAPES.filter((s) => s.language === 'ko')
      .flatMap((s) => s.nameSuffixes ?? [])
      .join('|') || '(?!)'
  })$`,
  'u',
);
/** The name a line in Han or Hangul signs with, or null. */
function cjkNameOf(line: string): string | null {
  const name = line.replace(CJK_NAME_SUFFIX, '');
  return CJK_NAME.test(name) && name.replace(' ', '').length >= 2 && !CJK_TEAM_WORD.test(name) ? name : null;
}

function nameFromSignature(ctx: AnalysisContext): Match | null {
  const sender = ctx.from?.address;
  const lines = ctx.text.signature.split('\n').map((l) => l.trim());
  const first = lines[0] ?? '';
  const sameLine = textAfterSignOff(first);
  const candidates = sameLine ? [sameLine] : [];
  // After the sign-off: the first non-empty line (the sign-off itself, or the name when there is none).
  let nextLine = '';
  let delimited = false;
  let signedOff = false;
  for (const [i, line] of lines.slice(0, 4).entries()) {
    if (line === '' || line === '--' || /[,]$/.test(line) || isSignOffLine(line)) {
      signedOff ||= line !== '' && line !== '--';
      continue;
    }
    // `よろしくお願いいたします。` / `山田 花子`, `مع أطيب التحيات،` / `سارة`: a name in a script without
    // capitals counts only under a closing.
    const cjkName = signedOff ? (cjkNameOf(line) ?? arabicNameOf(line)) : null;
    if (cjkName) return { value: cjkName, rule: 'contact-person/signature', matched: line, location: 'new_text' };
    candidates.push(line);
    // The signature delimiter (`-- `) under a typed name opens the mail app's signature: the line after
    // it says what the name signs for (`Luis` / `--` / `GadgetBay | Customer Happiness`).
    const after = lines.slice(i + 1).filter((l) => l !== '');
    delimited = after[0] === '--';
    nextLine = after.find((l) => l !== '--') ?? '';
    break;
  }
  // `Ihr Kundenservice` / `i. A. Stefan Krüger`: a name signed on the team's behalf, under it.
  for (const line of lines.slice(0, 5)) {
    const name = line.replace(ON_BEHALF, '');
    if (name !== line && isPersonName(name, sender)) {
      return { value: name, rule: 'contact-person/signature', matched: line, location: 'new_text' };
    }
  }
  // `Mit freundlichen Grüßen` / `Ihr Grünwald Outdoor Kundenservice` / `Markus Brandl`: the team signs first,
  // and under it, in full, the person who wrote.
  const teamLine = candidates.at(-1) ?? '';
  if (signedOff && !delimited && teamLine !== sameLine && isTeamLine(teamLine, sender, ctx.from?.name)) {
    const name = namePart(nextLine);
    if (name === nextLine && isPersonName(name, sender)) {
      return {
        value: name,
        rule: 'contact-person/signature',
        matched: `${teamLine}\n${nextLine}`,
        location: 'new_text',
      };
    }
  }
  for (const line of candidates) {
    // `-Mike`, `– Luca`: the dash signature is a person signing with a first name; `— Priya from Gadgets Inc.`,
    // and under a closing `Noah at Lumen Coffee`, sign for the company too.
    const dashed =
      dashedNameOf(line, sender) ?? (signedOff && line !== sameLine ? agentNameOf(line, sender) : undefined);
    const name = namePart(dashed ?? line);
    if (isPersonName(name, sender)) {
      return { value: name, rule: 'contact-person/signature', matched: line, location: 'new_text' };
    }
    if (
      isFirstName(name, sender) &&
      (dashed ||
        firstNameIsBacked(name, ctx, line === sameLine ? '' : nextLine) ||
        // `Tom | Shop Support`: the team it signs for on the same line.
        (line !== sameLine &&
          isTeamLine(line.slice(name.length).replace(/^\s*[|–—·,-]\s*/u, ''), sender, ctx.from?.name)) ||
        signsOffAlone(name, ctx, signedOff && line !== sameLine && (nextLine === '' || delimited)))
    ) {
      return { value: name, rule: 'contact-person/signature', matched: line, location: 'new_text' };
    }
  }
  return null;
}

/**
 * A name in Arabic under a closing: one to three words (`سارة`, `محمد العتيبي`, `عبد الله`) with no team
 * or company word (`فريق`, `خدمة العملاء`, `متجر`, `قسم`). Letters of the Arabic alphabet only (U+0621–
 * U+064A): Persian and Urdu letters (`ی`, `ک`, `پ`, `گ`) are of languages no lexicon reads.
 */
const ARABIC_NAME = /^[\u0621-\u064a]{2,15}(?: [\u0621-\u064a]{2,15}){0,2}$/u;
function arabicNameOf(line: string): string | null {
  return ARABIC_NAME.test(line) && !NOT_A_PERSON.test(line) ? line : null;
}

const DASH_SIGNATURE = /^[-–—]\s?(\p{Lu}[\p{L}'’-]{1,30}(?: \p{Lu}[\p{L}'’-]{1,30})?)$/u;
const DASHED_LINE = /^[-–—]\s?(\p{Lu}.*)$/u;

/**
 * The name a dashed line signs with: the name alone (`-Mike`, `— Rowan`), or a first name signing for the
 * company (`— Priya from Gadgets Inc.`, `- Tom @ Shop Support`); undefined for any other line.
 */
function dashedNameOf(line: string, sender: string | null | undefined): string | undefined {
  const alone = DASH_SIGNATURE.exec(line)?.[1];
  if (alone !== undefined) return alone;
  const rest = DASHED_LINE.exec(line)?.[1];
  return rest === undefined ? undefined : agentNameOf(rest, sender);
}

/** The first name of `Priya from Gadgets Inc.`, `Tom @ Shop Support`: a name signing for the sender's company or team. */
function agentNameOf(line: string, sender: string | null | undefined): string | undefined {
  const [, name, company] = line.match(AGENT_OF_COMPANY) ?? [];
  // A company form's own full stop (`Inc.`, `Ltd.`) ends no sentence.
  return name && company && isTeamLine(company.replace(/(?<=\p{L})\.$/u, ''), sender) ? name : undefined;
}
/**
 * Signing on someone's behalf, abbreviated in lower case before the name: German `i. A.` / `i. V.`,
 * Dutch `i.o.`, English `pp.`, `p.p.` (a title such as `Dr.` is capitalised and stays).
 */
const ON_BEHALF = /^\p{Ll}{1,2}\.\s?(?:\p{L}{1,2}\.\s?)?(?=\p{Lu}\p{Ll})/u;

/**
 * A first name alone is a person only with something to back it: the From address (`jamie@…`), the
 * help desk's author line, a From name that starts with it (`Marcus from BrightCart`), the next
 * signature line naming the team it signs for (`Lotte` / `Klantenservice Winkelplein`), or a phone's
 * signature under it (`Marco` / `Inviato da iPhone`).
 */
function firstNameIsBacked(name: string, ctx: AnalysisContext, nextLine: string): boolean {
  const author = ctx.text.authorLine ? namePart(ctx.text.authorLine.replace(/\s?\(.{0,60}\)\s?$/, '')) : '';
  if (backedByAddress(name, ctx.from) || author === name) return true;
  const display = (ctx.from?.name ?? '').trim();
  if (display.startsWith(`${name} `) && !isPersonName(display, ctx.from?.address)) return true;
  if (MOBILE_SIGNATURE.test(nextLine)) return true;
  if (SELLER_HANDLE.test(nextLine) && namedElsewhere(nextLine, ctx)) return true;
  return nextLine !== '' && nextLine.length <= 60 && isTeamLine(nextLine, ctx.from?.address, ctx.from?.name);
}

/**
 * A first name alone on the last line under a closing (`Met vriendelijke groet,` / `Sanne`): the agent
 * signing, unless the sender's From name carries it (`Lumière` from `Maison Lumière`: the brand).
 */
function signsOffAlone(name: string, ctx: AnalysisContext, lastUnderClosing: boolean): boolean {
  if (!lastUnderClosing) return false;
  const display = (ctx.from?.name ?? '').toLowerCase();
  return !display.split(/[^\p{L}\p{N}]+/u).includes(name.toLowerCase());
}

/** Whether the subject or the platform's own lines (`sprzedający AGD_Kowalski odpowiedział`) name it too. */
function namedElsewhere(handle: string, ctx: AnalysisContext): boolean {
  const text = `${ctx.subject}\n${ctx.text.newText}\n${ctx.text.signature}`.toLowerCase();
  const first = text.indexOf(handle.toLowerCase());
  return first >= 0 && text.indexOf(handle.toLowerCase(), first + handle.length) >= 0;
}

/**
 * A marketplace member name (`vintage_loft_finds`, `AGD_Kowalski`): one token with a `_`, `.` or digit.
 * Under a first name, and named again in the subject or the platform's lines (`vintage_loft_finds sent a
 * message about …`), it is the seller signing for the shop.
 */
const SELLER_HANDLE = /^(?=[\p{L}\d._-]{4,40}$)(?=.*[_.\d])\p{L}[\p{L}\d._-]*$/u;

/** `Sent from my iPhone`, `Inviato da iPhone` under a first name: a person writing from a phone. */
const MOBILE_SIGNATURE = new GatedPattern(`^${words((l) => l.text.mobileSignatures)}$`, 'iu');

/**
 * A line that names a team or the sender's company: `BrightCart Customer Care`, `Atendimento FeiraMix`,
 * or the shop a marketplace's From name carries (`Greenway Garden Supplies` from `Greenway Garden
 * Supplies - Shopway Marketplace`). Never a receipt field (`Order number: 12-10523-77614`).
 */
function isTeamLine(line: string, senderAddress: string | null | undefined, display?: string | null): boolean {
  const text = namePart(line);
  return (
    /^\p{Lu}/u.test(text) &&
    !/[.!?:]$/.test(text) &&
    !/:\s/u.test(line) &&
    (NOT_A_PERSON.test(text) ||
      TEAM_STEM.test(text) ||
      namesSenderDomain(text, senderAddress) ||
      namesDisplayedCompany(text, display, senderAddress))
  );
}

/** Whether a line of two words or more is part of a From name that is no person's. */
function namesDisplayedCompany(text: string, display: string | null | undefined, address?: string | null): boolean {
  const shown = (display ?? '').trim().toLowerCase();
  return text.includes(' ') && shown.includes(text.toLowerCase()) && !isPersonName((display ?? '').trim(), address);
}

/** The agent named by a help-desk header line or the author line above the newest comment. */
function nameFromHeader(ctx: AnalysisContext): Match | null {
  const sender = ctx.from?.address;
  const header = `${ctx.text.newText}\n${ctx.text.signature}`.match(AGENT_HEADER);
  if (header?.[1]) {
    const name = namePart(header[1].replace(/\s?\(.{0,60}\)\s?$/, ''));
    // `担当：佐藤`: a Japanese signature names the agent after a full-width colon, in Han.
    if (isPersonName(name, sender) || isFirstName(name, sender) || cjkNameOf(name) === name) {
      return { value: name, rule: 'contact-person/agent-header', matched: header[0].trim(), location: 'new_text' };
    }
  }
  const author = ctx.text.authorLine;
  // The newest comment's author can be the customer (a help desk's acknowledgement quotes her comment).
  const customerNames = customerNamesOf(ctx.to);
  if (author && !customerNames.has(namePart(author.replace(/\s?\(.{0,60}\)\s?$/, '')).toLowerCase())) {
    // Zendesk: `Jamie (Shoply Help Center)`.
    const name = namePart(author.replace(/\s?\(.{0,60}\)\s?$/, ''));
    if (isPersonName(name, sender) || isFirstName(name, sender)) {
      return { value: name, rule: 'contact-person/help-desk-author', matched: author, location: 'new_text' };
    }
  }
  return null;
}

/** Chat speakers that are roles, not names. */
const GENERIC_SPEAKER = new RegExp(`^${words((l) => [...l.identity.customerRoles, ...l.identity.botRoles])}$`, 'iu');

/** In a chat transcript, the first speaker who is not the customer: `Kevin (NovaTel):` → Kevin. */
function nameFromChat(ctx: AnalysisContext): Match | null {
  // The customer speaks too (`Alice Martin:`, `Alice:`): the addressees of support mail are the customer.
  const customerNames = customerNamesOf(ctx.to);
  const speakers = chatSpeakers(ctx.text.newText).filter((s) => !isCustomerSpeaker(s, customerNames));
  // A speaker marked as the support side first, else the first other speaker.
  const ordered = [...speakers.filter((s) => s.agent), ...speakers.filter((s) => !s.agent)];
  for (const speaker of ordered) {
    if (GENERIC_SPEAKER.test(speaker.name)) continue;
    if (isPersonName(speaker.name, ctx.from?.address) || isFirstName(speaker.name, ctx.from?.address)) {
      return { value: speaker.name, rule: 'contact-person/chat', matched: speaker.line, location: 'new_text' };
    }
  }
  return null;
}

/**
 * The agent named in the text: `la llamada que mantuvo hoy con nuestro agente Sergio Molina`,
 * `il nostro operatore Marco Bianchi`. The phrase in any case; the name must be capitalised.
 */
const AGENT_MENTION = new RegExp(`(?<![\\p{L}])${words((l) => l.identity.agentMentions)}(?![\\p{L}])`, 'giu');
const MENTIONED_NAME = /\s(\p{Lu}[\p{L}'’-]{1,30}(?: \p{Lu}[\p{L}'’-]{1,30}){1,2})/uy;

function nameFromMention(ctx: AnalysisContext): Match | null {
  const text = ctx.text.newText;
  for (const m of text.matchAll(AGENT_MENTION)) {
    MENTIONED_NAME.lastIndex = (m.index ?? 0) + m[0].length;
    const name = MENTIONED_NAME.exec(text)?.[1];
    if (!name || !isPersonName(name, ctx.from?.address)) continue;
    return {
      value: name,
      rule: 'contact-person/agent-mention',
      matched: `${m[0]} ${name}`,
      location: 'new_text',
    };
  }
  return null;
}

/**
 * A closing the signature split did not catch (`Thanks for your patience,` / `Jordan` / `Northpeak
 * Outdoor Customer Care`): near the end of the new text, a name on its own line right above a line that
 * names the team. The team line is what makes a lone first name a person who signs for the company.
 */
function nameFromClosing(ctx: AnalysisContext): Match | null {
  const sender = ctx.from?.address;
  const lines = `${ctx.text.newText}\n${ctx.text.signature}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  // `ひのき家具 お客様窓口` / `鈴木 一郎`: a name in Han or Hangul as the last line, under its team.
  const last = lines.at(-1) ?? '';
  const lastName = isSignOffLine(last) ? null : cjkNameOf(last);
  // `김민준 드림` (from Kim Minjun) as the last line: the Korean closing word after a Hangul name makes it a
  // signature on its own (a shop signs `小山生活館 敬上` too, so not the Chinese one).
  if (lastName && HANGUL_NAME_SIGNED.test(last)) {
    return { value: lastName, rule: 'contact-person/closing', matched: last, location: 'new_text' };
  }
  if (lastName && lines.length >= 2 && CJK_TEAM_WORD.test(lines.at(-2) ?? '')) {
    return {
      value: lastName,
      rule: 'contact-person/closing',
      matched: `${lines.at(-2)}\n${last}`,
      location: 'new_text',
    };
  }
  for (let i = lines.length - 2; i >= Math.max(0, lines.length - 8); i--) {
    const line = lines[i] ?? '';
    // `李娜` / `青竹家居客服中心`: a name in Han or Hangul over its team.
    const cjkName = isSignOffLine(line) ? null : cjkNameOf(line);
    if (cjkName && CJK_TEAM_WORD.test(lines[i + 1] ?? '')) {
      return {
        value: cjkName,
        rule: 'contact-person/closing',
        matched: `${line}\n${lines[i + 1]}`,
        location: 'new_text',
      };
    }
    // `さくら家電ストア カスタマーサポート` / `佐藤 美咲` / `営業時間：…`: under its team, with the shop's lines below.
    // Only a name as people write theirs (family and given name spaced, or two or three characters): a
    // title or a place under a team (`代表取締役`, `東京本社`) is none.
    const personLike = cjkName !== null && (cjkName.includes(' ') || cjkName.length <= 3);
    if (personLike && i > 0 && CJK_TEAM_WORD.test(lines[i - 1] ?? '')) {
      return {
        value: cjkName,
        rule: 'contact-person/closing',
        matched: `${lines[i - 1]}\n${line}`,
        location: 'new_text',
      };
    }
    const name = namePart(line);
    if (name !== line || isSignOffLine(line) || !isTeamLine(lines[i + 1] ?? '', sender, ctx.from?.name)) continue;
    if (isPersonName(name, sender) || isFirstName(name, sender)) {
      return { value: name, rule: 'contact-person/closing', matched: `${line}\n${lines[i + 1]}`, location: 'new_text' };
    }
  }
  return null;
}

/**
 * A dashed name standing alone between blank lines near the end of the new text (`— Rowan`, `— Priya from
 * Gadgets Inc.`), where a platform's footer below kept the signature split from seeing it. A list item has
 * neighbours.
 */
function nameFromDashedLine(ctx: AnalysisContext): Match | null {
  const sender = ctx.from?.address;
  const lines = ctx.text.newText.split('\n').map((l) => l.trim());
  const content = lines.flatMap((l, i) => (l === '' ? [] : [i]));
  for (const i of content.slice(-6)) {
    const name = dashedNameOf(lines[i] ?? '', sender);
    if (!name || (lines[i - 1] ?? '') !== '' || (lines[i + 1] ?? '') !== '') continue;
    if (isPersonName(name, sender) || isFirstName(name, sender)) {
      return { value: name, rule: 'contact-person/signature', matched: lines[i] ?? '', location: 'new_text' };
    }
  }
  return null;
}

/** A From name that is an agent of the company: `Marcus from BrightCart`, `Lotte van Winkelplein`. */
const AGENT_OF_COMPANY = new RegExp(
  `^(\\p{Lu}[\\p{L}'’-]{1,30})\\s(?:${words((l) => l.identity.agentOfCompany)}|[|@–-])\\s(.{2,60})$`,
  'u',
);

const NO_REPLY_MAILBOX = /^(?:no-?reply|do-?not-?reply)(?=[@._+-])/i;

function nameFromDisplay(ctx: AnalysisContext): Match | null {
  const address = ctx.from?.address;
  const display = (ctx.from?.name ?? '').trim();
  // Nobody writes from a no-reply mailbox: its From name is the shop's (`Gulf Home Kuwait <noreply@…>`).
  if (NO_REPLY_MAILBOX.test(address ?? '')) return null;
  // The company part must be the sender's or a team (`Lotte van Dijk` from shop.nl stays a person).
  const [, name, company] = display.match(AGENT_OF_COMPANY) ?? [];
  if (name && company && isFirstName(name, address) && isTeamLine(company, address)) {
    return { value: name, rule: 'contact-person/from-name', matched: display, location: 'forward_header' };
  }
  if (isPersonName(display, address)) {
    return { value: display, rule: 'contact-person/from-name', matched: display, location: 'forward_header' };
  }
  return null;
}

/**
 * The support-side person the user dealt with: for support mail, its author (a help-desk header
 * line, a chat line, the signature, then the From display name); for the customer's own mail, the
 * addressee when that is a person. Never a company name alone: the sender's domain tells a brand
 * (`Tienda Sol` from tiendasol.es) from a person.
 */
export function extractContactPerson(ctx: AnalysisContext, direction: Direction): Match | null {
  if (direction === 'from_support') {
    // Never the customer: a help desk's acknowledgement can carry her own comment, signed, below its text.
    const customerNames = customerNamesOf(ctx.to);
    const finders = [
      nameFromHeader,
      nameFromChat,
      nameFromSignature,
      nameFromMention,
      nameFromClosing,
      nameFromDashedLine,
      nameFromDisplay,
    ];
    for (const find of finders) {
      const found = find(ctx);
      if (found && !customerNames.has(found.value.toLowerCase())) return found;
    }
    return null;
  }
  const addressee = ctx.to.find((t) => isPersonName(t.name, t.address));
  return addressee
    ? {
        value: addressee.name.trim(),
        rule: 'contact-person/addressee',
        matched: addressee.name,
        location: 'forward_header',
      }
    : null;
}
