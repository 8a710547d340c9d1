const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value from mail (subjects, summaries, names) passes through here before it reaches HTML. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** A Markdown table cell: pipes escaped, newlines folded, so mail text cannot break the table. */
export function markdownCell(value: unknown): string {
  return String(value ?? '')
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

/** Text for a terminal: control characters (ANSI escapes included) from mail are removed. */
export function terminalSafe(value: unknown): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return String(value ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
