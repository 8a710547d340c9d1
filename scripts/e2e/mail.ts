// The bench's mail: trusted forwards from the allowed forwarder, built from the corpus fixtures
// (test/fixtures/**/*.eml with their .expected.json), each corpus message a template for many cases,
// and the hostile set. Each generated original carries its own Message-ID (so its log-entry key is
// distinct) and its template's case and order numbers rewritten per case (same shape, other digits),
// so a backfill grows many cases with several messages each, across the corpus's merchants, mail
// clients and languages.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { rfc2822 } from '../../test/support/attachment-forward.js';

/** The forwarder every bench message comes from (ALLOWED_FORWARDERS of the bench's worker). */
export const FORWARDER = 'alice@example.net';
/** The receiving server's authserv-id in every forward's Authentication-Results (AUTHSERV_ID). */
export const AUTHSERV_ID = 'mx.tracker.example.net';
const TRACKER = 'cases@tracker.example.net';

/** What a corpus message lends a generated one: its sender, subject and text, and which numbers to rewrite. */
export interface Template {
  file: string;
  fromName: string;
  fromAddress: string;
  subject: string;
  text: string;
  date: Date;
  /** Identifiers printed in subject or text, rewritten per case (case number first, then order number). */
  numbers: string[];
}

export interface BenchMessage {
  /** Which case it belongs to (the case index of the generator). */
  caseIndex: number;
  /** The original's Message-ID, which is its log-entry key's source. */
  originalMessageId: string;
  raw: Buffer;
}

function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return emlFiles(path);
    return name.endsWith('.eml') ? [path] : [];
  });
}

/** At least this many digits in every number a template rewrites, so variants stay distinct. */
const MIN_DIGITS = 4;

/**
 * The corpus messages usable as templates: an expectation beside them naming a case or order number
 * that their text or subject prints as is (so rewriting it gives a message about another case).
 */
export async function loadTemplates(fixturesDir: string): Promise<Template[]> {
  const templates: Template[] = [];
  for (const file of emlFiles(fixturesDir).sort()) {
    const expectedFile = file.replace(/\.eml$/, '.expected.json');
    if (!existsSync(expectedFile)) continue;
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as {
      caseNumber?: string | null;
      orderNumber?: string | null;
    };
    const message = await parseInboundMessage(readFileSync(file), { maxBytes: 25 * 1024 * 1024 });
    const { original } = message;
    const printed = (n: string | null | undefined): n is string =>
      typeof n === 'string' &&
      (n.match(/\d/g) ?? []).length >= MIN_DIGITS &&
      (original.text.includes(n) || original.subject.includes(n));
    const numbers = [expected.caseNumber, expected.orderNumber].filter(printed);
    if (numbers.length === 0 || !original.from?.address || !original.date) continue;
    templates.push({
      file: file.slice(fixturesDir.length + 1),
      fromName: original.from.name,
      fromAddress: original.from.address,
      subject: original.subject,
      text: original.text,
      date: new Date(original.date),
      numbers,
    });
  }
  return templates;
}

/** `id` with its digits replaced by another number of the same length (variant 0 is `id` itself). */
export function variantOf(id: string, variant: number): string {
  const digits = id.replace(/\D/g, '');
  const modulus = 10n ** BigInt(digits.length);
  const next = ((BigInt(digits) + BigInt(variant) * 7919n) % modulus).toString().padStart(digits.length, '0');
  let i = 0;
  return id.replace(/\d/g, () => next[i++] ?? '0');
}

function rewrite(text: string, numbers: readonly string[], variant: number): string {
  // Longest first: an order number may contain a case number's digits, never the other way round.
  let out = text;
  for (const n of [...numbers].sort((a, b) => b.length - a.length)) out = out.split(n).join(variantOf(n, variant));
  return out;
}

export interface GenerateOptions {
  /** First case index: separate sets (backfill, arrivals) use separate ranges so their cases differ. */
  firstCase?: number;
  /** Part of every Message-ID, so two sets never share a log-entry key. */
  tag: string;
}

/**
 * `count` forwards over as many cases as they fill: case c takes template c mod T with its numbers
 * rewritten (variant c div T + 1) and 1 to 5 messages a day or so apart, each with its own Message-ID.
 * The messages come in date order, as a mailbox would have received them.
 */
export function generateMessages(
  templates: readonly Template[],
  count: number,
  options: GenerateOptions,
): BenchMessage[] {
  if (templates.length === 0) throw new Error('no corpus templates: is test/fixtures there?');
  const drafts: { caseIndex: number; date: Date; build: () => BenchMessage }[] = [];
  const first = options.firstCase ?? 0;
  for (let c = first; drafts.length < count; c++) {
    const template = templates[c % templates.length] as Template;
    const variant = Math.floor(c / templates.length) + 1;
    const perCase = Math.min(1 + (c % 5), count - drafts.length);
    for (let j = 0; j < perCase; j++) {
      const date = new Date(template.date.getTime() + j * (24 * 60 + 37) * 60_000);
      const originalMessageId = `<bench-${options.tag}-c${c}-m${j}@bench.example>`;
      drafts.push({
        caseIndex: c,
        date,
        build: () => ({
          caseIndex: c,
          originalMessageId,
          raw: forward({
            fromName: template.fromName,
            fromAddress: template.fromAddress,
            subject: rewrite(template.subject, template.numbers, variant),
            date,
            messageId: originalMessageId,
            parts: [textPart(rewrite(template.text, template.numbers, variant))],
            forwardMessageId: `<fwd-${options.tag}-c${c}-m${j}@example.net>`,
          }),
        }),
      });
    }
  }
  drafts.sort((a, b) => a.date.getTime() - b.date.getTime() || a.caseIndex - b.caseIndex);
  return drafts.map((d) => d.build());
}

/** RFC 2047 for a header value with non-ASCII letters. */
function headerText(value: string): string {
  const oneLine = value.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(oneLine) ? oneLine : `=?UTF-8?B?${Buffer.from(oneLine, 'utf8').toString('base64')}?=`;
}

function base64Lines(data: Buffer): string[] {
  const b64 = data.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines;
}

interface Part {
  headers: string[];
  body: string[];
}

function textPart(text: string, type = 'text/plain'): Part {
  return {
    headers: [`Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: base64'],
    body: base64Lines(Buffer.from(text, 'utf8')),
  };
}

function attachmentPart(data: Buffer, filename: string): Part {
  return {
    headers: [
      `Content-Type: application/octet-stream; name="${filename}"`,
      `Content-Disposition: attachment; filename="${filename}"`,
      'Content-Transfer-Encoding: base64',
    ],
    body: base64Lines(data),
  };
}

interface ForwardSpec {
  fromName: string;
  fromAddress: string;
  subject: string;
  date: Date;
  messageId: string;
  parts: Part[];
  forwardMessageId: string;
}

/**
 * A Thunderbird-style forward as an attachment (message/rfc822), with the receiving server's
 * verdict on the forwarder on top: what the worker trusts under AUTHSERV_ID.
 */
function forward(spec: ForwardSpec): Buffer {
  const stamp = spec.date.getTime().toString(36);
  const forwardDate = new Date(spec.date.getTime() + 47 * 60_000);
  const from = spec.fromName ? `${headerText(spec.fromName)} <${spec.fromAddress}>` : spec.fromAddress;
  const innerBoundary = `----inner${stamp}`;
  const inner = [
    `Date: ${rfc2822(spec.date)}`,
    `From: ${from}`,
    `To: Alice Martin <${FORWARDER}>`,
    `Message-ID: ${spec.messageId}`,
    `Subject: ${headerText(spec.subject)}`,
    'MIME-Version: 1.0',
    ...(spec.parts.length === 1
      ? [...(spec.parts[0] as Part).headers, '', ...(spec.parts[0] as Part).body]
      : [
          `Content-Type: multipart/mixed; boundary="${innerBoundary}"`,
          '',
          ...spec.parts.flatMap((p) => [`--${innerBoundary}`, ...p.headers, '', ...p.body]),
          `--${innerBoundary}--`,
        ]),
  ];
  const boundary = `----bench${stamp}`;
  const lines = [
    `Return-Path: <${FORWARDER}>`,
    `Delivered-To: ${TRACKER}`,
    'Received: from smtp.example.net (smtp.example.net [198.51.100.25])',
    `\tby ${AUTHSERV_ID} (Postfix) with ESMTPS id B${stamp.toUpperCase()}`,
    `\tfor <${TRACKER}>; ${rfc2822(forwardDate)}`,
    `Authentication-Results: ${AUTHSERV_ID};`,
    '\tdkim=pass (2048-bit key; unprotected) header.d=example.net header.s=mail2024;',
    '\tspf=pass smtp.mailfrom=example.net;',
    '\tdmarc=pass (p=quarantine dis=none) header.from=example.net',
    `Message-ID: ${spec.forwardMessageId}`,
    `Date: ${rfc2822(forwardDate)}`,
    'MIME-Version: 1.0',
    'User-Agent: Mozilla Thunderbird',
    `To: ${TRACKER}`,
    `From: Alice Martin <${FORWARDER}>`,
    `Subject: Fwd: ${headerText(spec.subject)}`,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    'This is a multi-part message in MIME format.',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8; format=flowed',
    'Content-Transfer-Encoding: 7bit',
    '',
    'For the record.',
    '',
    `--${boundary}`,
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="forwarded.eml"',
    '',
    ...inner,
    '',
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

export interface HostileMessage extends BenchMessage {
  name: string;
}

/** A paragraph of `bytes` characters with no line break: what a runaway regex or text layout chokes on. */
function oneParagraph(bytes: number): string {
  const words = ['refund', 'order', 'parcel', 'approved', 'pending', 'review', 'customer', 'warehouse', 'the', 'of'];
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const w = words[(i * 7 + (i >> 3)) % words.length] as string;
    out.push(w);
    length += w.length + 1;
  }
  return out.join(' ');
}

/**
 * The hostile set of the issue: a 1 MB single-paragraph text, 12,000 nested `<div>`s, a 2 MB base64
 * attachment, and (for RSS) a mail of about 24 MB, just under the worker's default 25 MiB limit so it
 * is parsed, not set aside unread. Each is a trusted forward about its own case.
 */
export function hostileMessages(tag: string, options: { big?: boolean } = {}): HostileMessage[] {
  const base = new Date(Date.UTC(2026, 10, 2, 9, 30));
  const make = (i: number, name: string, subject: string, parts: Part[]): HostileMessage => {
    const originalMessageId = `<bench-${tag}-hostile-${name}@bench.example>`;
    return {
      name,
      caseIndex: -1 - i,
      originalMessageId,
      raw: forward({
        fromName: 'Hostile Shop Support',
        fromAddress: 'support@hostile-shop.example',
        subject,
        date: new Date(base.getTime() + i * 3_600_000),
        messageId: originalMessageId,
        parts,
        forwardMessageId: `<fwd-${tag}-hostile-${name}@example.net>`,
      }),
    };
  };
  const caseLine = (i: number) => `Case Number: HX-${40100 + i}`;
  const set = [
    make(0, 'text-1mb-paragraph', `Your request ${caseLine(0)}`, [
      textPart(`Dear Alice,\n\n${caseLine(0)}\n\n${oneParagraph(1024 * 1024)}\n`),
    ]),
    make(1, 'html-12000-nested-divs', `Your request ${caseLine(1)}`, [
      textPart(
        `<html><body><p>${caseLine(1)}</p>${'<div>'.repeat(12_000)}Your refund has been approved.${'</div>'.repeat(12_000)}</body></html>`,
        'text/html',
      ),
    ]),
    make(2, 'base64-2mb-attachment', `Your request ${caseLine(2)}`, [
      textPart(`Dear Alice,\n\n${caseLine(2)}\nThe invoice is attached.\n`),
      attachmentPart(randomBytes(2 * 1024 * 1024), 'invoice.bin'),
    ]),
  ];
  if (options.big !== false) {
    // 17.6 MB of bytes is about 24.2 MB in base64 lines: under 25 MiB with the headers.
    set.push(
      make(3, 'mail-24mb', `Your request ${caseLine(3)}`, [
        textPart(`Dear Alice,\n\n${caseLine(3)}\nThe photos of the damaged parcel are attached.\n`),
        attachmentPart(randomBytes(17_600_000), 'photos.bin'),
      ]),
    );
  }
  return set;
}
