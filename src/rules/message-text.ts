/**
 * Splits a message body into the new text, the signature and the quoted history.
 * Only the new text may close a case; the signature is where the agent's name lives;
 * quoted history is what the other side already said and must never count again.
 */
export interface MessageText {
  newText: string;
  signature: string;
  quoted: string;
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

/** Sign-offs after which the rest is signature (`Un saludo cordial,` is how Spanish support signs). */
const SIGN_OFFS =
  /^(best regards|kind regards|regards|warm regards|best wishes|sincerely|thanks|thank you|many thanks|cheers|mit freundlichen grüßen|viele grüße|beste grüße|freundliche grüße|cordialement|bien cordialement|salutations|un saludo(?: cordial)?|saludos|atentamente|saludos cordiales)[,.!]?\s*$/i;

export function splitMessageText(text: string): MessageText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const isHeaderBlock = /^(From|Von|De|Van)\s?:/.test(line)
      ? looksLikeHeaderBlock(lines, i)
      : QUOTE_HEADERS.some((re) => re.test(line));
    if (line.startsWith('>') || isHeaderBlock) {
      end = i;
      break;
    }
  }
  const body = lines.slice(0, end);
  const quoted = lines.slice(end).join('\n').trim();

  let signatureStart = body.length;
  for (let i = 0; i < body.length; i++) {
    const line = (body[i] ?? '').trim();
    if (line === '--' || line === '-- ' || SIGN_OFFS.test(line)) {
      signatureStart = i;
      break;
    }
  }
  return {
    newText: body.slice(0, signatureStart).join('\n').trim(),
    signature: body.slice(signatureStart).join('\n').trim(),
    quoted,
  };
}

/** `From:` counts as a quoted header only when a Sent/Date/Subject/To line follows it closely. */
function looksLikeHeaderBlock(lines: string[], start: number): boolean {
  for (let j = start + 1; j < Math.min(lines.length, start + 5); j++) {
    if (
      /^(Sent|Date|Subject|To|Gesendet|Datum|Betreff|An|Envoyé|Objet|À|Enviado|Fecha|Asunto|Para)\s?:/.test(
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
      .split(/\n\s*\n|(?<=[.!?])\s+(?=[\p{Lu}\d"'(])|\n(?=[ \t]{0,4}\p{Lu}[\p{L} ]{1,30}:\s)/u)
      .map((s) => s.replace(/\s+/g, ' ').trim())
      .filter((s) => s.length > 0)
  );
}
