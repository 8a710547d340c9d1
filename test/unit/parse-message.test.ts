// parseInboundMessage: forward unwrapping across mail clients, the log-entry key, and refusals.
// Every expectation below was checked against the .eml itself, not copied from the parser's output.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QuarantineError } from '../../src/errors.js';
import type { ForwardKind } from '../../src/ingest/inbound-message.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const read = (...path: string[]): Buffer => readFileSync(join(fixtures, ...path));
const parse = (raw: Buffer, maxBytes = 1024 * 1024) => parseInboundMessage(raw, { maxBytes });

interface Expected {
  forward: ForwardKind;
  from: string;
  fromName: string;
  subject: string;
  date: string;
  textIncludes: string;
}

const forwardNames = readdirSync(join(fixtures, 'forwards'))
  .filter((f) => f.endsWith('.eml'))
  .map((f) => f.replace(/\.eml$/, ''))
  .sort();

describe('forwards/ fixtures against their expected.json', () => {
  it('covers every fixture (a new .eml without expectations fails here)', () => {
    expect(forwardNames).toEqual([
      'apple-ios-spanish',
      'attached-nested',
      'gmail-html-only',
      'not-forwarded',
      'outlook-web-french',
      'yahoo',
    ]);
  });

  it.each(forwardNames)('%s', async (name) => {
    const expected = JSON.parse(read('forwards', `${name}.expected.json`).toString('utf8')) as Expected;
    const message = await parse(read('forwards', `${name}.eml`));
    expect(message.forward).toBe(expected.forward);
    expect(message.original.from?.address).toBe(expected.from);
    expect(message.original.from?.name).toBe(expected.fromName);
    expect(message.original.subject).toBe(expected.subject);
    expect(message.original.date).toBe(expected.date);
    expect(message.original.text).toContain(expected.textIncludes);
  });
});

describe('the forwarder-zone decision for zone-less forward dates', () => {
  // Gmail writes `Mon, Nov 13, 2023 at 9:41 AM` in the forwarder's local time. The forwarder's own
  // Date header (+0100 here) gives that zone, so 9:41 is 08:41Z; read as UTC it would be 09:41Z, i.e.
  // after the forward itself was sent (10:15:42 +0100 = 09:15:42Z), which cannot be.
  it.each([
    ['gmail-html-only', '2023-11-13T08:41:00.000Z', 'Mon, 13 Nov 2023 10:15:42 +0100'],
    // The inline forward sits inside the attachment: its forwarder is Tom (Date: 17:05:22 +0100), so
    // `Wed, Nov 8, 2023 at 4:47 PM` is 15:47Z, 18 minutes before Tom forwarded it (16:05:22Z).
    ['attached-nested', '2023-11-08T15:47:00.000Z', 'Wed, 8 Nov 2023 19:30:11 +0100'],
  ])('%s: the original is dated %s, before the forward', async (name, date, envelopeDate) => {
    const message = await parse(read('forwards', `${name}.eml`));
    expect(message.original.date).toBe(date);
    expect(Date.parse(message.original.date ?? '')).toBeLessThan(Date.parse(envelopeDate));
    expect(message.envelopeDate).toBe(new Date(envelopeDate).toISOString());
  });
});

describe('seed fixtures (case GTB-2023-5876, forwarded by alice@example.net)', () => {
  it.each([
    {
      file: '01-web-form-confirmation.eml',
      forward: 'inline',
      from: 'noreply@gtbuy.com',
      subject: 'We received your request - Case Number: GTB-2023-5876',
      day: '2023-10-26',
      key: 'sha256:',
    },
    {
      file: '02-customer-email.eml',
      forward: 'inline',
      from: 'alice@example.net',
      subject: 'Re: We received your request - Case Number: GTB-2023-5876',
      day: '2023-10-27',
      key: 'sha256:',
    },
    {
      file: '03-support-reply.eml',
      forward: 'inline',
      from: 'lisa.chen@gtbuy.com',
      subject: 'Re: We received your request - Case Number: GTB-2023-5876',
      day: '2023-10-27',
      key: 'sha256:',
    },
    {
      file: '04-refund-confirmation.eml',
      forward: 'attachment',
      from: 'refunds@gtbuy.com',
      subject: 'Your refund for case GTB-2023-5876 has been approved',
      day: '2023-11-02',
      key: 'mid:',
    },
  ])('$file: $forward forward of $from', async ({ file, forward, from, subject, day, key }) => {
    const message = await parse(read('seed', file));
    expect(message.forward).toBe(forward);
    expect(message.envelopeFrom?.address).toBe('alice@example.net');
    expect(message.original.from?.address).toBe(from);
    expect(message.original.subject).toBe(subject);
    expect(message.original.date?.slice(0, 10)).toBe(day);
    expect(message.messageKey.startsWith(key)).toBe(true);
    expect(message.messageKey).toMatch(key === 'mid:' ? /^mid:<.+@.+>$/ : /^sha256:[0-9a-f]{64}$/);
  });

  it('keys the attached original by its own Message-ID, lower-cased, not the wrapper’s', async () => {
    const message = await parse(read('seed', '04-refund-confirmation.eml'));
    expect(message.messageKey).toBe('mid:<refund-gtb-2023-5876.20231102094700@mail.gtbuy.com>');
    expect(message.envelopeMessageId).toBe('<5f2c8e71-3a94-4b0d-9e6f-1c7a2d8b4e53@example.net>');
  });

  it('reads the Outlook desktop windows-1252 forward without mojibake', async () => {
    const message = await parse(read('seed', '02-customer-email.eml'));
    expect(message.original.text).toContain('it still shows “Arrived at carrier facility”');
    expect(message.original.text).toContain('I don’t want a replacement');
  });

  it.each([
    '01-web-form-confirmation.eml',
    '02-customer-email.eml',
    '03-support-reply.eml',
    '04-refund-confirmation.eml',
  ])('%s: the same bytes give the same key', async (file) => {
    const [a, b] = await Promise.all([parse(read('seed', file)), parse(read('seed', file))]);
    expect(a.messageKey).toBe(b.messageKey);
  });

  it('gives the four seed messages four different keys', async () => {
    const files = [
      '01-web-form-confirmation.eml',
      '02-customer-email.eml',
      '03-support-reply.eml',
      '04-refund-confirmation.eml',
    ];
    const keys = await Promise.all(files.map(async (f) => (await parse(read('seed', f))).messageKey));
    expect(new Set(keys).size).toBe(4);
  });
});

describe('the same inline forward, re-wrapped, keeps its key (invariant 2)', () => {
  const crlf = read('seed', '01-web-form-confirmation.eml').toString('latin1');
  const lf = crlf.replace(/\r\n/g, '\n');
  const headerEnd = lf.indexOf('\n\n');
  const head = lf.slice(0, headerEnd);
  const body = lf.slice(headerEnd + 2);
  // Quoted-printable soft breaks removed, then hard breaks at other places: the text changes shape.
  const rewrapped = `${head}\n\n${body.replace(/=\n/g, '').replace(/(This email confirms|My parcel with|A member of our support) /g, '$1\n')}`;

  const variants: [string, string][] = [
    ['CRLF turned into LF', lf],
    ['extra blank lines between paragraphs', `${head}\n\n${body.replace(/\n\n(?=[A-Z])/g, '\n\n\n\n')}`],
    ['paragraphs re-wrapped at other columns', rewrapped],
    [
      'a second forward of it, a day later, with another Message-ID and note',
      lf
        .replace(/^Message-ID: <[^>]+>$/m, 'Message-ID: <second-forward-of-the-same-mail@mail.gmail.com>')
        .replace(/^Date: Thu, 26 Oct 2023 20:41:04 \+0200$/m, 'Date: Fri, 27 Oct 2023 09:15:00 +0200')
        .replace('For the refund tracker\n', 'Sending this one again, in case it got lost\n'),
    ],
  ];

  it.each(variants)('%s', async (_label, variant) => {
    expect(variant).not.toBe(crlf);
    const [original, copy] = await Promise.all([
      parse(Buffer.from(crlf, 'latin1')),
      parse(Buffer.from(variant, 'latin1')),
    ]);
    expect(copy.forward).toBe('inline');
    expect(copy.messageKey).toMatch(/^sha256:/);
    expect(copy.messageKey).toBe(original.messageKey);
  });

  it('the paragraph re-wrap really changes the unwrapped text (so the key is what absorbs it)', async () => {
    const original = await parse(Buffer.from(crlf, 'latin1'));
    const copy = await parse(Buffer.from(rewrapped, 'latin1'));
    expect(copy.original.text).not.toBe(original.original.text);
    expect(copy.original.text).toContain('This email confirms\nthat we have received');
  });

  it('a different support message does not share the key', async () => {
    const changed = lf.replace('never arrived', 'arrived broken');
    const [original, copy] = await Promise.all([
      parse(Buffer.from(crlf, 'latin1')),
      parse(Buffer.from(changed, 'latin1')),
    ]);
    expect(copy.messageKey).not.toBe(original.messageKey);
  });

  it('the same support reply forwarded by Gmail instead of Apple Mail keeps its key', async () => {
    // 03 is Apple Mail's `> ` quoted forward with `Date: 27 October 2023 at 18:30:00 CEST`. Gmail writes
    // the same instant as `Fri, Oct 27, 2023 at 6:30 PM`, in the forwarder's zone (+0200 in the Date header).
    const apple = await parse(read('seed', '03-support-reply.eml'));
    const gmail = [
      'From: Alice Martin <alice@example.net>',
      'Date: Sat, 28 Oct 2023 09:00:00 +0200',
      'Message-ID: <CAH3mNq-regmail@mail.gmail.com>',
      'Subject: Fwd: Re: We received your request - Case Number: GTB-2023-5876',
      'To: cases@tracker.example.net',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="UTF-8"',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Again, for the tracker.',
      '',
      '---------- Forwarded message ---------',
      'From: Lisa Chen <lisa.chen@gtbuy.com>',
      'Date: Fri, Oct 27, 2023 at 6:30\u202fPM',
      'Subject: Re: We received your request - Case Number: GTB-2023-5876',
      'To: Alice Martin <alice@example.net>',
      '',
      '',
      // Same words, other line breaks.
      apple.original.text.replace(/\. (?=I )/g, '.\n'),
      '',
    ].join('\r\n');
    const copy = await parse(Buffer.from(gmail, 'utf8'));
    expect(copy.forward).toBe('inline');
    expect(copy.original.date).toBe('2023-10-27T16:30:00.000Z');
    expect(copy.messageKey).toBe(apple.messageKey);
  });
});

describe('refused input → QuarantineError with a reason', () => {
  const seed = read('seed', '03-support-reply.eml');

  it.each([
    ['a message one byte over maxBytes', seed, seed.length - 1, 'too_large'],
    ['a message far over maxBytes', seed, 1024, 'too_large'],
    ['bad/not-mime.eml (a PDF)', read('bad', 'not-mime.eml'), 1024 * 1024, 'not_mime'],
    ['an empty buffer', Buffer.alloc(0), 1024 * 1024, 'not_mime'],
    ['plain prose with no header block', Buffer.from('hello, this is not an email\r\n'), 1024 * 1024, 'not_mime'],
  ])('%s → %s', async (_label, raw, maxBytes, reason) => {
    const error = await parse(raw, maxBytes).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QuarantineError);
    expect((error as QuarantineError).reason).toBe(reason);
    expect((error as QuarantineError).code).toBe(`quarantine_${reason}`);
  });

  it('accepts a message of exactly maxBytes', async () => {
    const message = await parse(seed, seed.length);
    expect(message.original.from?.address).toBe('lisa.chen@gtbuy.com');
  });
});
