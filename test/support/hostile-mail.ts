// The hostile set of issue 10, as trusted Gmail-style forwards by Alice: a 1 MB single-paragraph
// text, 12,000 nested <div>s, a 2 MB base64 attachment, and any size of attachment (a 25 MB mail).
// Each names its own case number, so the worker files it (or sets it aside) like any other mail.
import { ALICE } from './harness.js';

export type HostileKind = 'text-1mb-paragraph' | 'html-12000-nested-divs' | 'base64-2mb-attachment';
export const HOSTILE_KINDS: readonly HostileKind[] = [
  'text-1mb-paragraph',
  'html-12000-nested-divs',
  'base64-2mb-attachment',
];

/** One line of `bytes` characters with no line break: what a runaway regex or text layout chokes on. */
export function oneParagraph(bytes: number): string {
  const words = ['refund', 'order', 'parcel', 'approved', 'pending', 'review', 'customer', 'warehouse', 'the', 'of'];
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const word = words[(i * 7 + (i >> 3)) % words.length] ?? 'of';
    out.push(word);
    length += word.length + 1;
  }
  return out.join(' ');
}

/** Deterministic bytes that do not compress to nothing (a photo, a zip). */
function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = 0x9e3779b9;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function forward(caseNumber: string, tag: string, body: string[]): Buffer {
  return Buffer.from(
    [
      'MIME-Version: 1.0',
      `From: Alice Martin <${ALICE}>`,
      'To: cases@tracker.example.net',
      'Date: Thu, 02 Nov 2023 18:41:04 +0100',
      `Message-ID: <hostile-${tag}@mail.gmail.com>`,
      `Subject: Fwd: Your request ${caseNumber}`,
      ...body,
    ].join('\r\n'),
    'utf8',
  );
}

const FORWARD_HEADER = [
  '---------- Forwarded message ---------',
  'From: Hostile Shop Support <support@hostile-shop.example>',
  'Date: Thu, 2 Nov 2023 at 9:12 AM',
  'Subject: Your request',
  `To: Alice Martin <${ALICE}>`,
];

/** A forward whose text is `text` (plain), or `html`. */
function textForward(caseNumber: string, tag: string, content: { text: string } | { html: string }): Buffer {
  if ('html' in content) {
    return forward(caseNumber, tag, [
      'Content-Type: text/html; charset="UTF-8"',
      '',
      `<p>${FORWARD_HEADER.join('<br>')}</p><p>Case Number: ${caseNumber}</p>${content.html}`,
      '',
    ]);
  }
  return forward(caseNumber, tag, [
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    ...FORWARD_HEADER,
    '',
    'Dear Alice,',
    '',
    `Case Number: ${caseNumber}`,
    '',
    content.text,
    '',
  ]);
}

/** A forward with an attachment of `attachmentBytes` (base64 adds a third on the wire), and `text` above it. */
export function forwardWithAttachment(
  caseNumber: string,
  tag: string,
  attachmentBytes: number,
  text = 'We have received your photos and will get back to you within 3 business days.',
): Buffer {
  const base64 = noise(attachmentBytes).toString('base64').replace(/.{76}/g, '$&\r\n');
  return forward(caseNumber, tag, [
    'Content-Type: multipart/mixed; boundary="hostile-b1"',
    '',
    '--hostile-b1',
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    ...FORWARD_HEADER,
    '',
    `Case Number: ${caseNumber}`,
    text,
    '--hostile-b1',
    'Content-Type: application/octet-stream; name="photos.bin"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="photos.bin"',
    '',
    base64,
    '--hostile-b1--',
    '',
  ]);
}

/** One of the hostile set, about its own case `caseNumber`; `tag` makes its Message-ID unique. */
export function hostileMail(kind: HostileKind, caseNumber: string, tag: string): Buffer {
  switch (kind) {
    case 'text-1mb-paragraph':
      return textForward(caseNumber, `${tag}-${kind}`, { text: oneParagraph(1024 * 1024) });
    case 'html-12000-nested-divs':
      return textForward(caseNumber, `${tag}-${kind}`, {
        html: `${'<div>'.repeat(12_000)}We have received your request.${'</div>'.repeat(12_000)}`,
      });
    case 'base64-2mb-attachment':
      return forwardWithAttachment(caseNumber, `${tag}-${kind}`, 2 * 1024 * 1024);
  }
}
