import { convert, type FormatCallback } from 'html-to-text';

/**
 * Deeper than this, elements are flattened into their ancestor at this depth (their text kept).
 * html-to-text walks the tree recursively and overflows the stack near 3,000 levels; no real mail
 * nests anywhere near 256, so ordinary mail converts exactly as before.
 */
const MAX_HTML_DEPTH = 256;

/** Elements that never have content or a closing tag: they do not deepen the tree. */
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** HTML to plain text for the rules, with no recursion limit on the mail's nesting. */
export function htmlToPlainText(html: string): string {
  // ignoreHref: `name [href]` would garble forwarded `From:` lines for the forward parser.
  return convert(flattenDeepNesting(html, MAX_HTML_DEPTH), {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      // A heading as the shop wrote it (`Your refund is complete.`), not in capitals: the summary quotes it.
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
      // A layout table's rows and cells otherwise run together (`Refund total$16.99Order123`) when the
      // mail is minified, as big shops send it: each row is a line, its cells apart by two spaces, the
      // label/value shape the rules read (`Refund total  $16.99`).
      { selector: 'tr', format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
      { selector: 'td', format: 'tableCellApart' },
      { selector: 'th', format: 'tableCellApart' },
    ],
    formatters: { tableCellApart: formatCellApart },
  });
}

/** A table cell's content, two spaces after the cell before it in the same row. */
const formatCellApart: FormatCallback = (elem, walk, builder) => {
  const siblings = elem.parent?.children ?? [];
  const at = siblings.indexOf(elem);
  const cellBefore = siblings.slice(0, Math.max(at, 0)).some((node) => node.type === 'tag');
  if (cellBefore) builder.addLiteral('  ');
  walk(elem.children, builder);
};

/**
 * Drops the tags (never the text) of elements nested deeper than `maxDepth`, in one iterative pass
 * over the tags. Close tags pop to their matching open tag, as browsers do, so unclosed `<p>` or
 * `<li>` do not pile up; a close tag with no open match is dropped.
 */
function flattenDeepNesting(html: string, maxDepth: number): string {
  // Fast path: a document with fewer tags than the cap cannot be that deep.
  let tagCount = 0;
  for (let i = html.indexOf('<'); i >= 0 && tagCount <= maxDepth; i = html.indexOf('<', i + 1)) tagCount++;
  if (tagCount <= maxDepth) return html;

  // Bounded gaps (untrusted text); a `>` inside a quoted attribute value ends the tag early, which
  // only misjudges that one tag's depth.
  const tag = /<!--[\s\S]{0,100000}?-->|<(\/?)([A-Za-z][A-Za-z0-9:-]{0,63})([^>]{0,4000})>/g;
  const open: { name: string; kept: boolean }[] = [];
  let out = '';
  let last = 0;
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    const [whole, slash, rawName, attrs] = m;
    if (rawName === undefined) continue; // a comment: kept as it is
    const name = rawName.toLowerCase();
    let keep = true;
    if (slash) {
      const at = lastIndexOfName(open, name);
      if (at < 0) keep = false;
      else keep = open.splice(at)[0]?.kept ?? false;
    } else if (!VOID_ELEMENTS.has(name) && !(attrs ?? '').trimEnd().endsWith('/')) {
      keep = open.length < maxDepth;
      open.push({ name, kept: keep });
    }
    if (!keep) {
      out += html.slice(last, m.index);
      last = m.index + whole.length;
    }
  }
  return out + html.slice(last);
}

function lastIndexOfName(open: readonly { name: string }[], name: string): number {
  for (let i = open.length - 1; i >= 0; i--) if (open[i]?.name === name) return i;
  return -1;
}
