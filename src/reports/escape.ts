const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value from mail (subjects, summaries, names) passes through here before it reaches HTML. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * A Markdown table cell: pipes escaped and newlines folded, so mail text cannot break the table;
 * `& < >` as entities, since Markdown renderers pass raw HTML through.
 */
export function markdownCell(value: unknown): string {
  return String(value ?? '')
    .replace(/[&<>]/g, (c) => HTML_ESCAPES[c] ?? c)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' <br> ')
    .trim();
}

/**
 * A CSV field (RFC 4180). A leading `= + - @` or tab is prefixed with `'` so a spreadsheet
 * never runs mail text as a formula.
 */
export function csvField(value: unknown): string {
  let text = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * ANSI escape sequences, whole: CSI (`ESC [ 31 m`, or the 8-bit CSI U+009B) and OSC (`ESC ] ... BEL`,
 * used for window titles and hyperlinks). Removing only the ESC byte would leave `[31m` on screen.
 * Each part is bounded, so matching stays linear.
 */
const ANSI_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  /(?:\u001b\[|\u009b)[0-?]{0,64}[ -/]{0,8}[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]{0,2048}(?:\u0007|\u001b\\|\u009c)/g;

/** Text for a terminal: ANSI escape sequences and other control characters from mail are removed. */
export function terminalSafe(value: unknown): string {
  const text = String(value ?? '').replace(ANSI_SEQUENCE, '');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
