// How the rules read a text's letters, before any pattern: in one module that the narrowing (prefilter.ts)
// reads too, without the message-text rules.

/**
 * Text as the lexicons write it: composed (NFC). Mail may carry letters decomposed into a base letter and
 * combining marks (`hoa\u0300n tie\u0302\u0300n` for `hoàn tiền`, pasted from macOS or some web forms),
 * which no entry and no word edge would match. Only text that has a combining mark is normalised: the rest
 * is read exactly as before.
 */
export function composed(text: string): string {
  return COMBINING_MARK.test(text) ? text.normalize('NFC') : text;
}
const COMBINING_MARK = /[\u0300-\u036f]/u;

/**
 * Arabic script as the lexicons read it: harakat (U+064B–U+065F, the dagger alef U+0670) and tatweel
 * (U+0640) only shape the letters (`مرحبًا`, `المبلـــغ`), so they are taken out; the Arabic letter mark
 * U+061C carries no text; Arabic-Indic digits (`١٢٣`) become ASCII, and with them the Arabic decimal
 * separator `٫`, thousands separator `٬` and percent sign `٪` written beside them (`١٬٢٥٠٫٠٠`, `١٠٪`),
 * so amounts, dates and order numbers read as in other mail. Persian digits (`۱۲۳`, which no lexicon
 * reads) stay as written. Text without a character of the Arabic block is returned as it is.
 */
export function foldArabicScript(text: string): string {
  if (!/[\u0600-\u06ff]/.test(text)) return text;
  return text
    .replace(/[\u061c\u0640\u064b-\u065f\u0670]/g, '')
    .replace(/(?<=[\u0660-\u0669])[\u066b\u066c](?=[\u0660-\u0669])/g, (sep) => (sep === '\u066b' ? '.' : ','))
    .replace(/(?<=[\u0660-\u0669])\u066a/g, '%')
    .replace(/[\u0660-\u0669]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x0660 + 0x30));
}

/** A text as the rules read its letters: composed, Arabic script folded (see contextOf). */
export const asRulesReadIt = (text: string): string => foldArabicScript(composed(text));
