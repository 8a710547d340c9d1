/**
 * Splits a message body into the new text, the signature and the quoted history.
 * Only the new text may close a case; the signature is where the agent's name lives;
 * quoted history is what the other side already said and must never count again.
 */
export interface MessageText {
  newText: string;
  signature: string;
  quoted: string;
  /**
   * The author line a help desk prints above the newest comment (Zendesk: `Jamie (Shoply Help Center)`
   * followed by a date line), or null. Kept apart so it reaches neither the summary nor the next steps.
   */
  authorLine: string | null;
}

/** Lines that start the quoted history, in the languages we support. Anchored and linear. */
const QUOTE_HEADERS: RegExp[] = [
  /^On .{1,200}wrote:\s*$/, // Gmail, Apple Mail, Thunderbird (en)
  /^Am .{1,200}schrieb .{0,200}:\s*$/, // de
  /^Le .{1,200}a écrit\s?:\s*$/, // fr
  /^El .{1,200}escribió:\s*$/, // es
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's rule above a quoted header block
];
/** Gmail wraps a long attribution line: `On Fri, … Alice Martin <` / `alice@example.net> wrote:`. */
const WRAPPED_ATTRIBUTION_START = /^(On|Am|Le|El) .{1,200}$/;
const WRAPPED_ATTRIBUTION_END = /^.{0,200}(wrote|schrieb[^:\n]{0,100}|a écrit|escribió)\s?:\s*$/;

/** Help-desk chrome that is neither content nor history. */
const CHROME_LINES: RegExp[] = [
  /^#{1,3}-.{0,80}-#{1,3}$/, // Zendesk `##- Please type your reply above this line -##`
  /^-{0,3}\s*(please )?(type|write|reply) (your reply )?above this line\s*-{0,3}$/i,
  /^\[[A-Z0-9]{4,8}-[A-Z0-9]{4,8}\]$/, // Zendesk's encoded ticket id at the very end
  /^this (e-?mail|message) is a service from .{1,80}$/i,
  /^delivered by zendesk\.?$/i,
  /^(sent from my (iphone|ipad|android|mobile|phone)|von meinem (iphone|ipad|smartphone) gesendet|envoyé de mon (iphone|ipad)|enviado desde mi (iphone|ipad|móvil))\.?$/i,
];
/** `[image: GTBuy]`: how mail clients render a picture in the text part. */
const IMAGE_PLACEHOLDER = /\[(?:image|bild|cid):[^\]\n]{0,200}\]/gi;

/** Zendesk's notification header: `Your request (48213) has been updated. To add additional comments, …`. */
const HELP_DESK_NOTICE =
  /^(your request|your ticket|ihre anfrage|votre demande|su solicitud)\b.{0,60}\b(has been updated|was updated|wurde aktualisiert|a été mise à jour|ha sido actualizada)/i;
/** A help desk's comment separator. */
const COMMENT_RULE = /^-{10,}\s*$/;
/** A date line under a help-desk author line: `Nov 8, 2023, 14:12 GMT+1`, `8. Nov. 2023, 14:12`. */
const DATE_LINE = /^[\p{L}\d][\p{L}\d .,/:+-]{4,60}\d{1,2}:\d{2}[\p{L}\d .,/:+()-]{0,20}$/u;

/** Sign-offs after which the rest is signature (`Un saludo cordial,` is how Spanish support signs). */
const SIGN_OFF_WORDS =
  'best regards|kind regards|kindest regards|regards|warm regards|warmest regards|best wishes|all the best|best|sincerely|yours sincerely|sincerely yours|yours truly|yours faithfully|respectfully|cheers|thanks|thank you|thanks again|many thanks|thanks so much|thank you again|with thanks|warmly|take care|greetings|mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|freundliche grüsse|viele grüße|beste grüße|herzliche grüße|liebe grüße|schöne grüße|mit besten grüßen|grüße|mfg|vielen dank|danke|cordialement|bien cordialement|très cordialement|salutations|sincères salutations|meilleures salutations|bien à vous|merci|merci beaucoup|belle journée|bonne journée|bonne soirée|à bientôt|à très bientôt|amicalement|un saludo(?: cordial)?|un cordial saludo|reciba un cordial saludo|saludos|atentamente|saludos cordiales|muchas gracias|gracias|un abrazo|un fuerte abrazo|hasta pronto';
const SIGN_OFFS = new RegExp(`^(?:${SIGN_OFF_WORDS})[,.!]?\\s*$`, 'iu');
/** A sign-off with the name on the same line: `Best regards, Lisa Chen`. */
const SIGN_OFF_THEN_TEXT = new RegExp(`^(?:${SIGN_OFF_WORDS}),\\s+(.{2,60})$`, 'iu');
const NAME_AFTER_SIGN_OFF =
  /^\p{Lu}[\p{L}'’-]{1,30}(?: (?:\p{Lu}[\p{L}'’-]{0,30}|de|van|von|der|den|da|di|del|la|le|du|dos|das|y|zu|ten|ter)){0,3}$/u;

function isSignOffWithName(line: string): boolean {
  const name = line.match(SIGN_OFF_THEN_TEXT)?.[1];
  return name !== undefined && NAME_AFTER_SIGN_OFF.test(name);
}

function isQuoteStart(lines: string[], i: number): boolean {
  const line = (lines[i] ?? '').trim();
  if (line.startsWith('>')) return true;
  if (/^\*?(From|Von|De|Van)\*?\s?:/.test(line)) return looksLikeHeaderBlock(lines, i);
  if (QUOTE_HEADERS.some((re) => re.test(line))) return true;
  const next = (lines[i + 1] ?? '').trim();
  return WRAPPED_ATTRIBUTION_START.test(line) && !/[.!?]$/.test(line) && WRAPPED_ATTRIBUTION_END.test(next);
}

export function splitMessageText(text: string): MessageText {
  const allLines = text
    .replace(/\r\n?/g, '\n')
    .replace(IMAGE_PLACEHOLDER, '')
    .split('\n')
    .filter((l) => !CHROME_LINES.some((re) => re.test(l.trim())));
  const { lines, authorLine, historyStart } = helpDeskLayout(allLines);
  let end = historyStart ?? lines.length;
  for (let i = 0; i < end; i++) {
    if (isQuoteStart(lines, i)) {
      end = i;
      break;
    }
  }
  const body = lines.slice(0, end);
  const quoted = lines.slice(end).join('\n').trim();

  const signatureStart = signatureStartOf(body);
  return {
    newText: body.slice(0, signatureStart).join('\n').trim(),
    signature: body.slice(signatureStart).join('\n').trim(),
    quoted,
    authorLine,
  };
}

/**
 * A help-desk notification (Zendesk and its look-alikes): a notice, a rule, then comments, newest
 * first, each opened by an author line and a date line and closed by a rule. The newest comment is
 * the new text; older comments are quoted history.
 */
function helpDeskLayout(lines: string[]): { lines: string[]; authorLine: string | null; historyStart: number | null } {
  const firstContent = lines.findIndex((l) => l.trim() !== '');
  if (firstContent < 0 || !HELP_DESK_NOTICE.test((lines[firstContent] ?? '').trim())) {
    return { lines, authorLine: null, historyStart: null };
  }
  const firstRule = lines.findIndex((l, i) => i > firstContent && COMMENT_RULE.test(l.trim()));
  if (firstRule < 0) return { lines, authorLine: null, historyStart: null };
  const rest = lines.slice(firstRule + 1);
  // Author line and date line, each possibly after blank lines.
  const nonBlank = rest.map((l, i) => [l.trim(), i] as const).filter(([l]) => l !== '');
  const [author, date] = nonBlank;
  let authorLine: string | null = null;
  let bodyStart = 0;
  if (author && date && DATE_LINE.test(date[0]) && author[0].length <= 80) {
    authorLine = author[0];
    bodyStart = date[1] + 1;
  }
  const comment = rest.slice(bodyStart);
  const nextRule = comment.findIndex((l) => COMMENT_RULE.test(l.trim()));
  return { lines: comment, authorLine, historyStart: nextRule < 0 ? null : nextRule };
}

/** A name line under a closing: `Élodie Martin`, `Priya S.`, `Mark de Vries`. */
const NAME_LINE =
  /^\p{Lu}[\p{L}'’-]{1,30}(?: (?:de |van |von |der |del |la |le |da |di )?(?:\p{Lu}[\p{L}'’-]{1,30}|\p{Lu}\.)){1,3}$/u;
/** A closing-block head: a name, a team or a company (`Jamie`, `NordCycle Returns Team`, `Priya S.`, `Óptica Mirada`). */
const BLOCK_HEAD = /^\p{Lu}[\p{L}'’.&-]{0,30}(?: (?:de|van|von|der|del|la|le|&|\p{Lu}[\p{L}'’.&-]{0,30})){0,4}$/u;

/** Where the signature starts: at a sign-off or `--`, else at a short closing block that names its sender. */
function signatureStartOf(body: string[]): number {
  for (let i = 0; i < body.length; i++) {
    const line = (body[i] ?? '').trim();
    if (line === '--' || line === '-- ' || SIGN_OFFS.test(line) || isSignOffWithName(line)) return i;
    // Any short closing line ending in a comma right above a name: `À très bientôt à la librairie,`.
    if (i > 0 && line.length <= 50 && line.endsWith(',') && !/[.!?]/.test(line)) {
      let j = i + 1;
      while (j < body.length && (body[j] ?? '').trim() === '') j++;
      if (NAME_LINE.test((body[j] ?? '').trim())) return i;
    }
  }
  // No sign-off: a block (from the end, past footers) whose first line names a person, a team or a
  // company, with at least one more line (`Jamie` / `Shoply Help Center`; `Priya S.` / `ShopRiver.com`).
  const blocks: [number, number][] = [];
  for (let i = 0; i < body.length; i++) {
    if ((body[i] ?? '').trim() === '') continue;
    const start = i;
    while (i + 1 < body.length && (body[i + 1] ?? '').trim() !== '') i++;
    blocks.push([start, i]);
  }
  for (let b = blocks.length - 1; b >= 1 && b >= blocks.length - 3; b--) {
    const [first, last] = blocks[b] ?? [0, 0];
    const head = (body[first] ?? '').trim();
    if (last - first < 1 || last - first > 6 || head.length > 40) continue;
    const rest = body.slice(first + 1, last + 1).map((l) => l.trim());
    // Address, phone and register lines; a sentence (`Please send us photos.`) is no signature line.
    const restLooksLikeSignature = rest.every(
      (l) => l.length <= 200 && (!/[.!?]$/.test(l) || /(?:^|[\s.])\p{L}{1,3}\.$/u.test(l)),
    );
    if (BLOCK_HEAD.test(head) && (NAME_LINE.test(head) || !/[.!?]$/.test(head)) && restLooksLikeSignature) {
      return first;
    }
  }
  return body.length;
}

/** `From:` counts as a quoted header only when a Sent/Date/Subject/To line follows it closely. */
function looksLikeHeaderBlock(lines: string[], start: number): boolean {
  for (let j = start + 1; j < Math.min(lines.length, start + 5); j++) {
    if (
      /^\*?(Sent|Date|Subject|To|Gesendet|Datum|Betreff|An|Envoyé|Objet|À|Enviado|Fecha|Asunto|Para)\*?\s?:/.test(
        (lines[j] ?? '').trim(),
      )
    ) {
      return true;
    }
  }
  return false;
}

/** Sentences of a text, split on terminal punctuation and blank lines; whitespace folded. */
export function sentencesOf(text: string): string[] {
  return (
    text
      // Blank lines, sentence ends, and line breaks before a `Label: value` line (receipts and
      // web-form copies print fields one per line without punctuation).
      // Chat lines (`[2:07 PM] Kevin (NovaTel): …`, `Kevin (NovaTel): …`) are each a turn of their own.
      .split(
        /\n\s*\n|(?<=[.!?])\s+(?=[\p{Lu}\d"'(¿¡«„“[])|\n(?=[ \t]{0,4}\p{Lu}[\p{L} ]{1,30}:\s)|\n(?=[ \t]{0,4}[[(]?\d{1,2}:\d{2})|\n(?=[ \t]{0,4}\p{Lu}[\p{L} ]{1,30}\s?\([^()\n]{1,40}\)\s?:\s)/u,
      )
      .map((s) => s.replace(/\s+/g, ' ').trim())
      .filter((s) => s.length > 0)
  );
}
