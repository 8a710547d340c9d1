// parseInboundMessage: forward unwrapping across mail clients, the log-entry key, and refusals.
// Every expectation below was checked against the .eml itself, not copied from the parser's output.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuarantineError } from '../../src/errors.js';
import {
  ALL_HEADER_WORDS,
  findForwardHeaderBlock,
  forwardSubjectRest,
  parseMailbox,
} from '../../src/ingest/forward-header-block.js';
import type { ForwardKind } from '../../src/ingest/inbound-message.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { contextOf } from '../../src/rules/context.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const read = (...path: string[]): Buffer => readFileSync(join(fixtures, ...path));
const parse = (raw: Buffer, maxBytes = 1024 * 1024) => parseInboundMessage(raw, { maxBytes });
/** A plain-text UTF-8 message from its header lines and body lines, CRLF as on the wire. */
const plainMail = (headers: string[], body: string[]): Buffer =>
  Buffer.from(
    [
      ...headers,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      ...body,
      '',
    ].join('\r\n'),
    'utf8',
  );

interface Expected {
  forward: ForwardKind;
  from: string;
  fromName: string;
  subject: string;
  date: string;
  textIncludes: string;
  /** The first words of the original's text: nothing of the header block may stand before them. */
  textStartsWith?: string;
  /** Who forwarded it, when the fixture pins it (auto-forwards name the forwarder in Resent-From etc.). */
  envelopeFrom?: string;
  messageKey?: string;
  /** Why the expectation is what it is; not checked. */
  note?: string;
}

/** A line that starts with a forward header label of any language (From/Date/Subject kinds): a leak. */
const headerLabelLine = new RegExp(
  `^[\\s*]*(?:${[...new Set(ALL_HEADER_WORDS.flatMap((w) => [...w.from, ...w.date, ...w.subject]))].join('|')})\\s?[:：]`,
  'imu',
);

const forwardNames = readdirSync(join(fixtures, 'forwards'))
  .filter((f) => f.endsWith('.eml'))
  .map((f) => f.replace(/\.eml$/, ''))
  .sort();

describe('forwards/ fixtures against their expected.json', () => {
  it('covers every fixture (a new .eml without expectations fails here)', () => {
    expect(forwardNames).toEqual([
      'apple-ios-spanish',
      'apple-mail-french',
      'apple-mail-japanese',
      'apple-mail-portuguese',
      'attached-inline-disposition',
      'attached-nested',
      'auto-forward-gmail',
      'auto-forward-resent',
      'gmail-german',
      'gmail-html-only',
      'gmail-italian',
      'gmail-polish',
      'gmail-romanian',
      'gmail-ukrainian',
      'not-forwarded',
      'outlook-desktop-dutch',
      'outlook-desktop-finnish',
      'outlook-desktop-german',
      'outlook-desktop-italian',
      'outlook-desktop-japanese',
      'outlook-desktop-polish',
      'outlook-desktop-russian',
      'outlook-desktop-spanish',
      'outlook-new-html-only',
      'outlook-of-gmail-double',
      'outlook-web-french',
      'outlook-web-hungarian',
      'thunderbird-english',
      'thunderbird-german',
      'thunderbird-russian-koi8r',
      'yahoo',
      'yandex-russian',
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
    if (expected.textStartsWith !== undefined)
      expect(message.original.text.startsWith(expected.textStartsWith)).toBe(true);
    if (expected.envelopeFrom !== undefined) expect(message.envelopeFrom?.address).toBe(expected.envelopeFrom);
    if (expected.messageKey !== undefined) expect(message.messageKey).toBe(expected.messageKey);
    // Whatever the client, nothing of the forwarder's note or of the header block stays in the text.
    if (message.forward !== 'none' && message.forward !== 'auto') {
      expect(message.original.text).not.toMatch(headerLabelLine);
      expect(message.original.text).not.toMatch(
        /for the (refund )?tracker|für den tracker|zur erfassung|seguimiento|per il tracker|in de tracker|w trackerze|controle de reembolsos|для трекера|ご確認お願い/iu,
      );
    }
  });

  it.each(forwardNames)('%s: the same bytes give the same key', async (name) => {
    const raw = read('forwards', `${name}.eml`);
    const [a, b] = await Promise.all([parse(raw), parse(Buffer.from(raw))]);
    expect(a.messageKey).toBe(b.messageKey);
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
    // Outlook desktop, German and Spanish: `Dienstag, 14. November 2023 16:02`, `lunes, 20 de
    // noviembre de 2023 9:47`, written in the forwarder's +0100.
    ['outlook-desktop-german', '2023-11-14T15:02:00.000Z', 'Wed, 15 Nov 2023 08:10:33 +0100'],
    ['outlook-desktop-spanish', '2023-11-20T08:47:00.000Z', 'Mon, 20 Nov 2023 13:05:18 +0100'],
    // Gmail in German: `Fr., 24. Nov. 2023 um 10:12 Uhr`, forwarder in +0100.
    ['gmail-german', '2023-11-24T09:12:00.000Z', 'Fri, 24 Nov 2023 18:40:02 +0100'],
    // The inner Gmail line of a double forward: its own forwarder's Date header is gone, the outer
    // forwarder's +0100 is the best we have (the same household, here).
    ['outlook-of-gmail-double', '2023-11-24T16:41:00.000Z', 'Sat, 25 Nov 2023 11:20:41 +0100'],
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

  it('an attached original cut off inside its header section is refused as such, not logged empty', async () => {
    const raw = read('bad', 'attached-message-cut-in-headers.eml');
    const error = await parse(raw).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QuarantineError);
    expect((error as QuarantineError).reason).toBe('unparseable');
    expect((error as QuarantineError).message).toContain('ends inside its header section: its text was cut off');
    // The same attachment with its header section ended and a text is the original.
    const whole = raw
      .toString('latin1')
      .replace(
        ' boundary="==lk_alt_8842\r\n',
        ' boundary="==lk_alt_8842"\r\n\r\n--==lk_alt_8842\r\nContent-Type: text/plain\r\n\r\nWe have issued your refund of $64.00.\r\n--==lk_alt_8842--\r\n',
      );
    const message = await parse(Buffer.from(whole, 'latin1'));
    expect(message.original.from?.address).toBe('help@lakeside-outfitters.example');
    expect(message.original.text).toContain('issued your refund');
  });

  it('accepts a message of exactly maxBytes', async () => {
    const message = await parse(seed, seed.length);
    expect(message.original.from?.address).toBe('lisa.chen@gtbuy.com');
  });
});

describe('auto-forwarded mail (server rules keep the original headers)', () => {
  const resent = read('forwards', 'auto-forward-resent.eml').toString('latin1');
  const gmail = read('forwards', 'auto-forward-gmail.eml').toString('latin1');
  const withoutResent = resent.replace(/^Resent-[^\n]*\n/gm, '');
  const resentBlock = (from: string, date: string, id: string) =>
    `Resent-From: ${from}\r\nResent-Date: ${date}\r\nResent-To: cases@tracker.example.net\r\nResent-Message-ID: ${id}\r\n`;

  it('Resent-From: the forwarder is envelopeFrom, the message itself the original', async () => {
    const message = await parse(Buffer.from(resent, 'latin1'));
    expect(message.forward).toBe('auto');
    expect(message.envelopeFrom).toEqual({ address: 'alice@example.net', name: 'Alice Martin' });
    expect(message.envelopeDate).toBe('2023-11-27T08:30:12.000Z'); // Resent-Date: when it was forwarded
    expect(message.envelopeMessageId).toBe('<20231127083012.4F2A1C0081@mail.example.net>');
    expect(message.original.messageId).toBe('<tkt-30917.1701073795.51c2@helpdesk.casaverde.example>');
    expect(message.original.to).toEqual([{ address: 'alice@example.net', name: '' }]);
  });

  it('counts as forwarded for the rules: forwardedBy is the forwarder', async () => {
    for (const raw of [resent, gmail]) {
      const message = await parse(Buffer.from(raw, 'latin1'));
      expect(contextOf(message).forwardedBy).toBe('alice@example.net');
    }
  });

  it('X-Forwarded-For (Gmail forwarding): the first address is the forwarder', async () => {
    const message = await parse(Buffer.from(gmail, 'latin1'));
    expect(message.forward).toBe('auto');
    expect(message.envelopeFrom?.address).toBe('alice@example.net');
    expect(message.envelopeDate).toBe('2023-11-28T14:02:11.000Z');
  });

  it('the topmost resent block is the latest forward, the one into our mailbox', async () => {
    const twice = resent.replace(
      'Resent-From: Alice',
      `${resentBlock('Bob Martin <bob@example.net>', 'Mon, 27 Nov 2023 10:00:00 +0100', '<second@example.net>')}Resent-From: Alice`,
    );
    const message = await parse(Buffer.from(twice, 'latin1'));
    expect(message.forward).toBe('auto');
    expect(message.envelopeFrom?.address).toBe('bob@example.net');
  });

  it.each([
    [
      'Resent-From is the sender itself (her own mail, resent)',
      resent.replace(/^From: .*$/m, 'From: Alice Martin <alice@example.net>'),
    ],
    ['X-Forwarded-For without an address', gmail.replace(/^X-Forwarded-For: .*$/m, 'X-Forwarded-For: 203.0.113.7')],
    ['no trace headers at all', withoutResent],
  ])('not auto: %s', async (_label, raw) => {
    const message = await parse(Buffer.from(raw, 'latin1'));
    expect(message.forward).toBe('none');
    expect(message.envelopeFrom?.address).toBe(message.original.from?.address);
  });

  it('the same message auto-forwarded twice, or forwarded as an attachment, keeps its key', async () => {
    const again = withoutResent.replace(
      'Received: from o1',
      `${resentBlock('Alice Martin <alice@example.net>', 'Tue, 28 Nov 2023 07:00:00 +0100', '<again@mail.example.net>')}Received: from o1`,
    );
    const inner = withoutResent.slice(withoutResent.indexOf('Received: from o1'));
    const attached = [
      'From: Alice Martin <alice@example.net>',
      'To: cases@tracker.example.net',
      'Subject: Fwd: Refund confirmation for ticket #CV-30917',
      'Date: Tue, 28 Nov 2023 08:00:00 +0100',
      'Message-ID: <wrapper-cv-30917@example.net>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'Attached, for the tracker.',
      '--b1',
      'Content-Type: message/rfc822',
      'Content-Disposition: attachment; filename="refund.eml"',
      '',
      inner.replace(/\r?\n/g, '\r\n'),
      '--b1--',
      '',
    ].join('\r\n');
    const [first, second, asAttachment] = await Promise.all([
      parse(Buffer.from(resent, 'latin1')),
      parse(Buffer.from(again, 'latin1')),
      parse(Buffer.from(attached, 'latin1')),
    ]);
    expect(second.forward).toBe('auto');
    expect(asAttachment.forward).toBe('attachment');
    expect(first.messageKey).toBe('mid:<tkt-30917.1701073795.51c2@helpdesk.casaverde.example>');
    expect(second.messageKey).toBe(first.messageKey);
    expect(asAttachment.messageKey).toBe(first.messageKey);
  });

  it('an auto-forwarded inline forward (someone else forwarded it to the user) is unwrapped too', async () => {
    // Tom forwards the GTBuy confirmation to Alice with Gmail; Alice's account auto-forwards it to us.
    const seed = read('seed', '01-web-form-confirmation.eml').toString('latin1');
    const fromTom = `X-Forwarded-For: alice@example.net cases@tracker.example.net\r\n${seed.replace(
      'From: Alice Martin <alice@example.net>',
      'From: Tom Martin <tom.martin@example.org>',
    )}`;
    const [direct, auto] = await Promise.all([
      parse(Buffer.from(seed, 'latin1')),
      parse(Buffer.from(fromTom, 'latin1')),
    ]);
    expect(auto.forward).toBe('auto');
    expect(auto.envelopeFrom?.address).toBe('alice@example.net');
    expect(auto.original.from?.address).toBe('noreply@gtbuy.com');
    expect(auto.messageKey).toBe(direct.messageKey);
  });
});

describe('forward as attachment with Content-Disposition: inline', () => {
  it('reads the attached message’s own headers; the note and a made-up header block stay out', async () => {
    const message = await parse(read('forwards', 'attached-inline-disposition.eml'));
    expect(message.forward).toBe('attachment');
    expect(message.original.messageId).toBe('<refund.2023-RF-00417.1701270157@kestrelbooks.example>');
    expect(message.original.to).toEqual([{ address: 'alice@example.net', name: 'Alice Martin' }]);
    expect(message.original.text).not.toContain('For the tracker.');
    expect(message.original.text.trimStart().startsWith('Dear Alice Martin,')).toBe(true);
  });
});

describe('when the body is read as a forward', () => {
  const mail = (subject: string, body: string) =>
    plainMail(
      [
        'From: Alice Martin <alice@example.net>',
        'To: cases@tracker.example.net',
        `Subject: ${subject}`,
        'Date: Wed, 22 Nov 2023 09:00:00 +0100',
        'Message-ID: <gate-test@example.net>',
      ],
      [body],
    );
  const outlookBlock = [
    'For the tracker.',
    '',
    '________________________________',
    'From: Shop Support <support@shop.example>',
    'Sent: Tuesday, November 21, 2023 4:15 PM',
    'To: Alice Martin <alice@example.net>',
    'Subject: Your refund 55-1200',
    '',
    'Your refund of 12.00 EUR has been issued.',
  ].join('\r\n');

  it.each([
    ['FWD: (upper case)', 'FWD: Your refund 55-1200'],
    ['[EXT] FW: (gateway tag)', '[EXT] FW: Your refund 55-1200'],
    ['TR : (French spacing)', 'TR : Your refund 55-1200'],
    ['WG: (German Outlook)', 'WG: Your refund 55-1200'],
  ])('%s is a forward subject', async (_label, subject) => {
    const message = await parse(mail(subject, outlookBlock));
    expect(message.forward).toBe('inline');
    expect(message.original.from?.address).toBe('support@shop.example');
    expect(message.original.date).toBe('2023-11-21T15:15:00.000Z');
  });

  it('a reply quoting history under an Outlook separator is not a forward', async () => {
    const message = await parse(mail('RE: Your refund 55-1200', outlookBlock.replace('For the tracker.', 'Thanks!')));
    expect(message.forward).toBe('none');
    expect(message.original.from?.address).toBe('alice@example.net');
  });

  it('a forward subject over a body without any header block leaves the message as it is', async () => {
    const message = await parse(mail('Fwd: my refund', 'The shop said on the phone the refund is on its way.'));
    expect(message.forward).toBe('none');
    expect(message.original.text).toContain('refund is on its way');
  });

  it('the forwarder’s edited subject does not replace the original’s', async () => {
    const message = await parse(mail('Fwd: refund finally came!', outlookBlock));
    expect(message.original.subject).toBe('Your refund 55-1200');
  });
});

describe('header blocks in languages the rules do not read', () => {
  /** An Outlook forward whose block is written with `labels` (From, Sent, To, Subject), under `note`. */
  const outlookForward = (subject: string, labels: string[], note: string[]) => {
    const [from, sent, to, subjectLabel] = labels;
    return plainMail(
      ['From: Sam <sam@example.com>', `Subject: ${subject}`, 'Date: Mon, 30 Nov 2026 12:00:00 +0100'],
      [
        ...note,
        '________________________________',
        `${from}: Harbor Tech Support <support@harbortech.example>`,
        `${sent}: 30.11.2026 10:15`,
        `${to}: Sam <sam@example.com>`,
        `${subjectLabel}: Your refund for order HT-4471`,
        '',
        'Hi Sam, your refund of $129.00 has been processed.',
      ],
    );
  };

  // The forwarder edited the subject, so only the block's own subject line can give the original's.
  it.each([
    ['Finnish', 'Lähettäjä', 'Lähetetty', 'Vastaanottaja', 'Aihe'],
    ['Hungarian', 'Feladó', 'Elküldve', 'Címzett', 'Tárgy'],
    ['Romanian', 'De la', 'Trimis', 'Către', 'Subiect'],
    ['Hebrew', 'מאת', 'נשלח', 'אל', 'נושא'],
    ['Slovak', 'Od', 'Odoslané', 'Komu', 'Predmet'],
    ['Croatian', 'Šalje', 'Poslano', 'Prima', 'Predmet'],
    ['Bulgarian', 'От', 'Изпратено', 'До', 'Относно'],
  ])('%s Outlook: %s / %s / %s / %s', async (_language, ...labels) => {
    const message = await parse(outlookForward('FW: refund came', labels, ['For the record.', '']));
    expect(message.forward).toBe('inline');
    expect(message.original.from?.address).toBe('support@harbortech.example');
    expect(message.original.subject).toBe('Your refund for order HT-4471');
    expect(message.original.text.startsWith('Hi Sam,')).toBe(true);
  });

  it.each([
    ['Finnish', 'VL', 'Lähettäjä', 'Lähetetty', 'Vastaanottaja', 'Aihe'],
    ['Hungarian', 'TOV', 'Feladó', 'Elküldve', 'Címzett', 'Tárgy'],
  ])('%s Outlook’s own forward prefix (%s:) opens the forward', async (_language, prefix, ...labels) => {
    const message = await parse(outlookForward(`${prefix}: Your refund for order HT-4471`, labels, []));
    expect(message.forward).toBe('inline');
    expect(message.original.from?.address).toBe('support@harbortech.example');
  });
});

describe('the same support message forwarded by two clients keeps its key', () => {
  it('Thunderbird (RFC date with seconds) and Outlook desktop (zone-less, minutes), German', async () => {
    const thunderbird = await parse(read('forwards', 'thunderbird-german.eml'));
    const outlook = [
      'From: "Alice Martin" <alice@example.net>',
      'To: <cases@tracker.example.net>',
      'Subject: WG: Gutschrift zu Ihrer Retoure R-2023-55871',
      'Date: Tue, 21 Nov 2023 08:00:00 +0100',
      'Message-ID: <000001da1c55$0a1b2c3d$1e2f3a4b$@example.net>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="utf-8"',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Bitte erfassen.',
      '',
      ' ',
      '',
      'Von: Nordlicht-Versand Kundenservice <service@nordlicht-versand.example> ',
      'Gesendet: Montag, 20. November 2023 10:05',
      'An: Alice Martin <alice@example.net>',
      'Betreff: Gutschrift zu Ihrer Retoure R-2023-55871',
      '',
      ' ',
      '',
      // The same words, wrapped differently.
      thunderbird.original.text.replace(/\. /g, '.\n'),
      '',
    ].join('\r\n');
    const copy = await parse(Buffer.from(outlook, 'utf8'));
    expect(copy.forward).toBe('inline');
    expect(copy.original.date).toBe('2023-11-20T09:05:00.000Z');
    expect(copy.messageKey).toBe(thunderbird.messageKey);
  });

  it('the double forward and a direct Gmail forward of the innermost message', async () => {
    const double = await parse(read('forwards', 'outlook-of-gmail-double.eml'));
    const direct = [
      'From: Alice Martin <alice@example.net>',
      'To: cases@tracker.example.net',
      'Subject: Fwd: Refund issued for order 7731-2290',
      'Date: Sat, 25 Nov 2023 12:00:00 +0100',
      'Message-ID: <CAH3mNq-direct@mail.gmail.com>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset="UTF-8"',
      'Content-Transfer-Encoding: 8bit',
      '',
      '---------- Forwarded message ---------',
      'From: Alpenrad Returns <returns@alpenrad.example>',
      'Date: Fri, Nov 24, 2023 at 5:41\u202fPM',
      'Subject: Refund issued for order 7731-2290',
      'To: <tom.martin@example.org>',
      '',
      '',
      double.original.text,
      '',
    ].join('\r\n');
    const copy = await parse(Buffer.from(direct, 'utf8'));
    expect(copy.original.from?.address).toBe('returns@alpenrad.example');
    expect(copy.messageKey).toBe(double.messageKey);
  });
});

describe('nested inline forwards across clients', () => {
  const head = (subject: string) => [
    'From: Alice Martin <alice@example.net>',
    'To: cases@tracker.example.net',
    `Subject: ${subject}`,
    'Date: Sat, 25 Nov 2023 12:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
  ];
  const inner = ['Hi,', '', 'Your refund of 10.00 EUR has been issued.', '', 'Shop team'];
  type Layer = (from: string, subject: string, date: string, body: string[]) => string[];
  const gmail: Layer = (from, subject, date, body) => [
    '---------- Forwarded message ---------',
    `From: ${from}`,
    `Date: ${date}`,
    `Subject: ${subject}`,
    'To: <x@example.org>',
    '',
    '',
    ...body,
  ];
  const apple: Layer = (from, subject, date, body) => [
    'Begin forwarded message:',
    '',
    `> From: ${from}`,
    `> Subject: ${subject}`,
    `> Date: ${date}`,
    '> To: x@example.org',
    '> ',
    ...body.map((l) => `> ${l}`),
  ];
  const outlook: Layer = (from, subject, date, body) => [
    '________________________________',
    `From: ${from}`,
    `Sent: ${date}`,
    'To: x@example.org',
    `Subject: ${subject}`,
    '',
    ...body,
  ];
  const shop = 'Shop <shop@shop.example>';
  const variants: [string, string[]][] = [
    [
      'Gmail of Gmail',
      [
        ...head('Fwd: Fwd: Refund 1'),
        'note',
        '',
        ...gmail('Tom <tom@example.org>', 'Fwd: Refund 1', 'Fri, Nov 24, 2023 at 6:00 PM', [
          'fyi',
          '',
          ...gmail(shop, 'Refund 1', 'Fri, Nov 24, 2023 at 5:00 PM', inner),
        ]),
      ],
    ],
    [
      'Outlook web of Apple Mail',
      [
        ...head('FW: Fwd: Refund 1'),
        'note',
        '',
        ...outlook('Tom <tom@example.org>', 'Fwd: Refund 1', 'Friday, November 24, 2023 6:00 PM', [
          'fyi',
          '',
          ...apple(shop, 'Refund 1', '24 November 2023 at 17:00:00 CET', inner),
        ]),
      ],
    ],
    [
      'Apple Mail of Outlook web of Gmail',
      [
        ...head('Fwd: FW: Fwd: Refund 1'),
        'note',
        '',
        ...apple('Tom <tom@example.org>', 'FW: Fwd: Refund 1', '25 November 2023 at 09:00:00 CET', [
          'fyi',
          '',
          ...outlook('Bob <bob@example.org>', 'Fwd: Refund 1', 'Friday, November 24, 2023 6:00 PM', [
            'fyi too',
            '',
            ...gmail(shop, 'Refund 1', 'Fri, Nov 24, 2023 at 5:00 PM', inner),
          ]),
        ]),
      ],
    ],
  ];

  it('every chain reaches the innermost message, with one key for all', async () => {
    const messages = await Promise.all(variants.map(([, lines]) => parse(Buffer.from(lines.join('\r\n'), 'utf8'))));
    for (const message of messages) {
      expect(message.forward).toBe('inline');
      expect(message.original.from?.address).toBe('shop@shop.example');
      expect(message.original.subject).toBe('Refund 1');
      expect(message.original.date).toBe('2023-11-24T16:00:00.000Z');
      expect(message.original.text).toBe(inner.join('\n'));
    }
    expect(new Set(messages.map((m) => m.messageKey)).size).toBe(1);
  });

  it('a chain of 200 forwards stops at the depth limit instead of recursing on', async () => {
    let body = inner;
    for (let i = 0; i < 200; i++) body = gmail(shop, 'Fwd: Refund 1', 'Fri, Nov 24, 2023 at 5:00 PM', body);
    const message = await parse(Buffer.from([...head('Fwd: Refund 1'), ...body].join('\r\n'), 'utf8'));
    expect(message.forward).toBe('inline');
    expect(message.original.from?.address).toBe('shop@shop.example');
  });
});

describe('the fallback header-block reader (forward-header-block.ts)', () => {
  it.each([
    ['Name <a@b>', 'Shop Support <support@shop.example>', 'support@shop.example', 'Shop Support'],
    ['quoted name', '"Shop, Support" <Support@Shop.example>', 'support@shop.example', 'Shop, Support'],
    [
      'Outlook desktop [mailto:]',
      'Atención al Cliente [mailto:clientes@shop.example]',
      'clientes@shop.example',
      'Atención al Cliente',
    ],
    [
      'Outlook HTML as text',
      'Shop <support@shop.example<mailto:support@shop.example>>',
      'support@shop.example',
      'Shop',
    ],
    ['address in angle brackets only', '<support@shop.example>', 'support@shop.example', ''],
    ['bare address', 'support@shop.example', 'support@shop.example', ''],
    ['name only (Outlook, address book entry)', 'Alice Martin', '', 'Alice Martin'],
  ])('parseMailbox: %s', (_label, value, address, name) => {
    expect(parseMailbox(value)).toEqual({ address, name });
  });

  it.each([
    ['Fwd: x', 'x'],
    ['FWD:x', 'x'],
    ['Fw: x', 'x'],
    ['TR : x', 'x'],
    ['WG: AW: x', 'AW: x'],
    ['RV: x', 'x'],
    ['[EXT] FW: x', 'x'],
    ['Re: x', null],
    ['AW: x', null],
    ['Forwarding policy update', null],
    ['x', null],
  ])('forwardSubjectRest(%j) → %j', (subject, rest) => {
    expect(forwardSubjectRest(subject)).toBe(rest);
  });

  it.each([
    [
      'Thunderbird, tab after the label, Subject first',
      'Note\n\n-------- Forwarded Message --------\nSubject: \tRefund\nDate: \tFri, 17 Nov 2023 09:14:27 -0800\nFrom: \tShop <s@shop.example>\nTo: \ta@example.net\n\n\nBody line',
      { from: 's@shop.example', date: 'Fri, 17 Nov 2023 09:14:27 -0800', subject: 'Refund', body: 'Body line' },
    ],
    [
      'Apple Mail, quoted with "> "',
      'Note\n\n> Début du message réexpédié :\n> \n> De: Shop <s@shop.example>\n> Objet: Remboursement\n> Date: 21 novembre 2023 à 14:37:12 UTC+1\n> À: Alice <a@example.net>\n> \n> Bonjour,\n> >> older quote',
      {
        from: 's@shop.example',
        date: '21 novembre 2023 à 14:37:12 UTC+1',
        subject: 'Remboursement',
        body: 'Bonjour,\n>> older quote',
      },
    ],
    [
      'Outlook plain text with *bold* labels and a space before the colon',
      '*De :* Service <s@shop.example>\n*Envoyé :* mardi 7 novembre 2023 10:15\n*À :* Alice\n*Objet :* Votre demande\n\nBonjour',
      { from: 's@shop.example', date: 'mardi 7 novembre 2023 10:15', subject: 'Votre demande', body: 'Bonjour' },
    ],
    [
      'Outlook Spanish, Enviado el:, CC and a wrapped Para: list',
      'De: Tienda <t@shop.example>\nEnviado el: lunes, 20 de noviembre de 2023 9:47\nPara: Alice <a@example.net>;\n Bob <b@example.net>\nCC: c@shop.example\nAsunto: Reembolso\n\nHola',
      { from: 't@shop.example', date: 'lunes, 20 de noviembre de 2023 9:47', subject: 'Reembolso', body: 'Hola' },
    ],
    [
      'Outlook adds Importance: and Attachments: to the block',
      'Von: Shop <s@shop.example>\nGesendet: Montag, 13. November 2023 09:41\nAn: Alice <a@example.net>\nWichtigkeit: Hoch\nBetreff: Gutschrift\n\nHallo',
      { from: 's@shop.example', date: 'Montag, 13. November 2023 09:41', subject: 'Gutschrift', body: 'Hallo' },
    ],
    [
      'web.de writes the salutation right under a long Betreff:, no blank line',
      'Gesendet: Freitag, 27. November 2026 um 14:31 Uhr\nVon: "Lampenhaus" <k@lampenhaus.example>\nAn: "Jana" <j@example.de>\nBetreff: Ihre Rücksendung zur Bestellung 7004-118832\nGuten Tag Frau Krause,\n\nWir haben erstattet.',
      {
        from: 'k@lampenhaus.example',
        date: 'Freitag, 27. November 2026 um 14:31 Uhr',
        subject: 'Ihre Rücksendung zur Bestellung 7004-118832',
        body: 'Guten Tag Frau Krause,\n\nWir haben erstattet.',
      },
    ],
  ])('%s', (_label, text, expected) => {
    const block = findForwardHeaderBlock(text);
    expect(block).not.toBeNull();
    expect({ from: block?.from?.address, date: block?.date, subject: block?.subject, body: block?.body }).toEqual(
      expected,
    );
  });

  it('reads the recipients of a wrapped list', () => {
    const block = findForwardHeaderBlock(
      'De: Tienda <t@shop.example>\nEnviado el: lunes, 20 de noviembre de 2023 9:47\nPara: Alice <a@example.net>;\n Bob <b@example.net>\nAsunto: Reembolso\n\nHola',
    );
    expect(block?.to.map((m) => m.address)).toEqual(['a@example.net', 'b@example.net']);
  });

  it.each([
    ['no From line', 'Date: Mon, 6 Nov 2023 10:00:00 +0100\nSubject: Hello\n\nBody'],
    ['From alone', 'From: Shop <s@shop.example>\n\nBody'],
    ['labels spread over paragraphs', 'From: Shop <s@shop.example>\n\nSubject: Hello\n\nDate: today'],
    ['prose with colons', 'Note: from the shop: refund\nReason: broken\nFrom now on: fine'],
    ['a colon far into the line', `${'x'.repeat(60)} From: Shop <s@shop.example>\nSubject: y`],
  ])('no block: %s', (_label, text) => {
    expect(findForwardHeaderBlock(text)).toBeNull();
  });

  it.each([
    ['200k header-like lines that never form a block', 'From: a@b.example\n'.repeat(200_000)],
    ['one 2 MB line full of colons', `From${':'.repeat(2_000_000)}`],
    ['200k alternating labels at changing quote depths', '> From: a@b.example\n>> Subject: x\n'.repeat(100_000)],
    ['deeply quoted lines', `${'> '.repeat(100_000)}From: a@b.example\n`],
  ])('stays linear on hostile input: %s', (_label, text) => {
    const started = performance.now();
    findForwardHeaderBlock(text);
    // Quadratic work on 200k lines would take minutes; linear takes a fraction of a second.
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('a message with no usable Date never takes "now" (issue 6)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const support = ['Your refund of 42.00 EUR for order 5531-77 has been issued.', '', 'Shop team'];
  const outlookBlock = (dateLine: string | null) => [
    'For the tracker.',
    '',
    '________________________________',
    'From: Shop Support <support@shop.example>',
    ...(dateLine === null ? [] : [dateLine]),
    'To: Alice Martin <alice@example.net>',
    'Subject: Refund 5531-77',
    '',
    ...support,
  ];
  const alice = ['From: Alice Martin <alice@example.net>', 'To: cases@tracker.example.net'];
  const forwardDate = 'Date: Wed, 22 Nov 2023 09:00:00 +0100';
  const receivedAt = new Date('2023-11-22T08:30:00.000Z');
  const attached = (innerHeaders: string[]) =>
    plainMail(
      [...alice, 'Subject: Fwd: Refund 5531-77', forwardDate, 'Message-ID: <wrap-5531@example.net>'].map((h) =>
        h.startsWith('MIME') ? h : h,
      ),
      [],
    )
      .toString('utf8')
      .replace(
        'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
        [
          'Content-Type: multipart/mixed; boundary="b1"',
          '',
          '--b1',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Attached.',
          '--b1',
          'Content-Type: message/rfc822',
          '',
          ...innerHeaders,
          'Content-Type: text/plain; charset=utf-8',
          '',
          ...support,
          '--b1--',
          '',
        ].join('\r\n'),
      );

  // Each row: the bytes, the receivedAt passed in, and the original's date the chain gives.
  it.each([
    [
      'inline forward, block without a date line: the forward’s own Date',
      plainMail([...alice, 'Subject: FW: Refund 5531-77', forwardDate], outlookBlock(null)),
      receivedAt,
      '2023-11-22T08:00:00.000Z',
    ],
    [
      'inline forward, unreadable block date: the forward’s own Date',
      plainMail([...alice, 'Subject: FW: Refund 5531-77', forwardDate], outlookBlock('Sent: sometime last week')),
      receivedAt,
      '2023-11-22T08:00:00.000Z',
    ],
    [
      'inline forward, no date anywhere in the bytes: INTERNALDATE',
      plainMail([...alice, 'Subject: FW: Refund 5531-77'], outlookBlock(null)),
      receivedAt,
      '2023-11-22T08:30:00.000Z',
    ],
    [
      'not forwarded, no Date header: INTERNALDATE',
      plainMail(
        ['From: Shop Support <support@shop.example>', 'To: alice@example.net', 'Subject: Refund 5531-77'],
        support,
      ),
      receivedAt,
      '2023-11-22T08:30:00.000Z',
    ],
    [
      'not forwarded, unreadable Date header (mailparser would say "now"): INTERNALDATE',
      plainMail(
        ['From: Shop Support <support@shop.example>', 'Subject: Refund 5531-77', 'Date: not a date at all'],
        support,
      ),
      receivedAt,
      '2023-11-22T08:30:00.000Z',
    ],
    [
      'not forwarded, no Date header, no INTERNALDATE: null',
      plainMail(['From: Shop Support <support@shop.example>', 'Subject: Refund 5531-77'], support),
      null,
      null,
    ],
    [
      'attached original without a Date: the attaching forward’s Date',
      Buffer.from(attached(['From: Shop Support <support@shop.example>', 'Subject: Refund 5531-77']), 'utf8'),
      receivedAt,
      '2023-11-22T08:00:00.000Z',
    ],
    [
      'auto-forward (Resent-From) of a Date-less mail: the Resent-Date',
      plainMail(
        [
          'Resent-From: Alice Martin <alice@example.net>',
          'Resent-Date: Wed, 22 Nov 2023 09:10:00 +0100',
          'From: Shop Support <support@shop.example>',
          'To: alice@example.net',
          'Subject: Refund 5531-77',
        ],
        support,
      ),
      receivedAt,
      '2023-11-22T08:10:00.000Z',
    ],
    // A date after the forward that carries it, or after the server received it, is no date it was written on.
    [
      'inline forward, block dated after the forward (a clock years ahead): the forward’s own Date',
      plainMail(
        [...alice, 'Subject: FW: Refund 5531-77', forwardDate],
        outlookBlock('Sent: Wednesday, January 1, 2031 9:00 AM'),
      ),
      receivedAt,
      '2023-11-22T08:00:00.000Z',
    ],
    [
      'attached original dated after its forward: the forward’s Date',
      Buffer.from(
        attached([
          'From: Shop Support <support@shop.example>',
          'Date: Wed, 1 Jan 2031 09:00:00 +0100',
          'Subject: Refund 5531-77',
        ]),
        'utf8',
      ),
      receivedAt,
      '2023-11-22T08:00:00.000Z',
    ],
    [
      'not forwarded, Date after INTERNALDATE: INTERNALDATE',
      plainMail(
        [
          'From: Shop Support <support@shop.example>',
          'Subject: Refund 5531-77',
          'Date: Wed, 1 Jan 2031 09:00:00 +0100',
        ],
        support,
      ),
      receivedAt,
      '2023-11-22T08:30:00.000Z',
    ],
    [
      'not forwarded, Date before INTERNALDATE: its own Date',
      plainMail(
        [
          'From: Shop Support <support@shop.example>',
          'Subject: Refund 5531-77',
          'Date: Wed, 22 Nov 2023 08:29:00 +0000',
        ],
        support,
      ),
      receivedAt,
      '2023-11-22T08:29:00.000Z',
    ],
    [
      'a Date header without a zone is read in UTC, the same on every machine',
      plainMail(
        ['From: Shop Support <support@shop.example>', 'Subject: Refund 5531-77', 'Date: 22 Nov 2023 07:15'],
        support,
      ),
      null,
      '2023-11-22T07:15:00.000Z',
    ],
  ])('%s', async (_label, raw, received, date) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-05-05T05:05:05.000Z'));
    const message = await parseInboundMessage(raw, { maxBytes: 1024 * 1024, receivedAt: received });
    expect(message.original.date).toBe(date);
  });

  it.each([
    [
      'not forwarded, no Date, no Message-ID',
      plainMail(['From: Shop <support@shop.example>', 'Subject: Refund 5531-77'], support),
    ],
    [
      'not forwarded, unreadable Date, no Message-ID',
      plainMail(['From: Shop <support@shop.example>', 'Date: soon'], support),
    ],
    ['inline forward without any date', plainMail([...alice, 'Subject: FW: Refund 5531-77'], outlookBlock(null))],
    [
      'inline forward with an unreadable block date',
      plainMail([...alice, 'Subject: FW: x', forwardDate], outlookBlock('Sent: ?')),
    ],
  ])('%s: the same bytes at two different times give one key and one date', async (_label, raw) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-01-01T00:00:00.000Z'));
    const first = await parseInboundMessage(raw, { maxBytes: 1024 * 1024 });
    vi.setSystemTime(new Date('2029-07-15T13:37:00.000Z'));
    const second = await parseInboundMessage(Buffer.from(raw), { maxBytes: 1024 * 1024 });
    expect(first.messageKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.messageKey).toBe(first.messageKey);
    expect(second.original.date).toBe(first.original.date);
    expect(first.original.date === null || !first.original.date.startsWith('2024-01-01')).toBe(true);
  });

  it('the INTERNALDATE and the forward’s own Date date the log entry but never change the key', async () => {
    const once = plainMail([...alice, 'Subject: FW: Refund 5531-77', forwardDate], outlookBlock(null));
    const again = plainMail(
      [...alice, 'Subject: FW: Refund 5531-77', 'Date: Fri, 24 Nov 2023 18:00:00 +0100'],
      outlookBlock(null),
    );
    const [a, b, c] = await Promise.all([
      parseInboundMessage(once, { maxBytes: 1024 * 1024, receivedAt }),
      parseInboundMessage(once, { maxBytes: 1024 * 1024, receivedAt: new Date('2023-12-01T00:00:00Z') }),
      parseInboundMessage(again, { maxBytes: 1024 * 1024 }),
    ]);
    expect([a.original.date, c.original.date]).toEqual(['2023-11-22T08:00:00.000Z', '2023-11-24T17:00:00.000Z']);
    expect(b.messageKey).toBe(a.messageKey);
    expect(c.messageKey).toBe(a.messageKey);
  });
});

describe('forward subjects and header labels in more languages', () => {
  it.each([
    ['I: (Italian Outlook)', 'I: Rimborso ordine 44817', 'Rimborso ordine 44817'],
    ['PD: (Polish Outlook)', 'PD: Zwrot środków', 'Zwrot środków'],
    ['Doorst: (Dutch Outlook)', 'Doorst: Terugbetaling', 'Terugbetaling'],
    ['ENC: (Brazilian Outlook)', 'ENC: Reembolso aprovado', 'Reembolso aprovado'],
    ['FW： with a full-width colon (Japanese input)', 'FW：返金のお知らせ', '返金のお知らせ'],
    ['Re: stays a reply', 'Re: Rimborso', null],
    ['a word that starts like a prefix', 'Informazioni: rimborso', null],
    ['İLT: (Turkish Outlook)', 'İLT: İade talebi', 'İade talebi'],
    ['VL: (Finnish Outlook)', 'VL: Palautus', 'Palautus'],
    ['Videresend: (Norwegian New Outlook)', 'Videresend: Refusjon', 'Refusjon'],
    ['VS: (Danish and Norwegian Outlook)', 'VS: Refusion', 'Refusion'],
    ['VB: (Swedish Outlook)', 'VB: Återbetalning', 'Återbetalning'],
    ['YNT: is a Turkish reply', 'YNT: Sipariş 4471203', null],
    ['SV: is a Scandinavian reply', 'SV: Återbetalning', null],
    ['Odp: is a Polish or Czech reply', 'Odp: Zwrot środków', null],
    ['Odg: is a Croatian reply', 'Odg: Povrat novca', null],
    ['Antw: is a German or Dutch reply', 'Antw: Terugbetaling', null],
    ['RIF: is an Italian reply', 'RIF: Rimborso', null],
    ['RES: is a Portuguese reply', 'RES: Reembolso', null],
    ['Cvp: is a Turkish reply', 'Cvp: İade', null],
  ])('forwardSubjectRest: %s', (_label, subject, rest) => {
    expect(forwardSubjectRest(subject)).toBe(rest);
  });

  // `VS:` forwards in Danish and Norwegian Outlook and answers in Finnish: the header block the client quoted
  // says which (`Lähettäjä:` is Finnish, `Fra:` Danish or Norwegian).
  it.each([
    [
      'a Finnish reply',
      'Kiitos viestistä.\n\nLähettäjä: Maija <maija@example.fi>\nLähetetty: 3. joulukuuta 2026 9.15\nAihe: Palautus',
      null,
    ],
    ['a Finnish reply quoted with >', 'Kiitos.\n\n> Lähettäjä: Maija <maija@example.fi>\n> Aihe: Palautus', null],
    [
      'a Danish forward',
      'Se nedenfor.\n\nFra: Butik <kundeservice@butik.dk>\nSendt: 3. december 2026 09:15\nEmne: Refusion',
      'Palautus',
    ],
    ['no header block at all', 'Se nedenfor.', 'Palautus'],
  ])('forwardSubjectRest: VS: above %s', (_label, text, rest) => {
    expect(forwardSubjectRest('VS: Palautus', text)).toBe(rest);
  });

  it.each([
    [
      'Italian Outlook',
      'Da: Negozio <n@shop.example>\nInviato: giovedì 12 ottobre 2023 14:05\nA: Marco <m@example.it>\nOggetto: Rimborso\n\nGentile cliente',
    ],
    [
      'Dutch Outlook',
      'Van: Winkel <n@shop.example>\nVerzonden: donderdag 12 oktober 2023 14:05\nAan: Sanne <s@example.nl>\nOnderwerp: Rimborso\n\nGentile cliente',
    ],
    [
      'Polish Thunderbird',
      'Temat: \tRimborso\nData: \tczw., 12 paź 2023 o 14:05\nNadawca: \tSklep <n@shop.example>\nAdresat: \tk@example.pl\n\nGentile cliente',
    ],
    [
      'Portuguese Outlook',
      'De: Loja <n@shop.example>\nEnviada em: quinta-feira, 12 de outubro de 2023 14:05\nPara: Ana <a@example.com.br>\nAssunto: Rimborso\n\nGentile cliente',
    ],
    [
      'Russian Outlook',
      'От: Магазин <n@shop.example>\nОтправлено: 12 октября 2023 г. 14:05\nКому: Иван <i@example.ru>\nТема: Rimborso\n\nGentile cliente',
    ],
    [
      'Ukrainian Outlook',
      'Від: Магазин <n@shop.example>\nНадіслано: 12 жовтня 2023 р. 14:05\nКому: Олена <o@example.ua>\nТема: Rimborso\n\nGentile cliente',
    ],
    [
      'Japanese Outlook, full-width colons',
      '差出人： ショップ <n@shop.example>\n送信日時： 2023年10月12日 14:05\n宛先： 太郎 <t@example.jp>\n件名： Rimborso\n\nGentile cliente',
    ],
  ])('findForwardHeaderBlock: %s', (_label, text) => {
    const block = findForwardHeaderBlock(text);
    expect(block?.from?.address).toBe('n@shop.example');
    expect(block?.subject).toBe('Rimborso');
    expect(block?.date).toMatch(/2023/);
    expect(block?.body).toBe('Gentile cliente');
  });

  it.each([
    [
      'indented continuation (RFC 5322 folding)',
      'From: Shop <n@shop.example>\nSubject: Your refund\n  for order 5531-77\nDate: Wed, 22 Nov 2023 09:00:00 +0100\n\nHello',
      'Your refund for order 5531-77',
      'Hello',
    ],
    [
      'a long subject wrapped by the client, the block ending after it',
      'Od: Sklep <n@shop.example>\nWysłane: czwartek, 12 października 2023 14:05\nTemat: Zwrot środków za zamówienie ZK/2023/10/55871 oraz korekta\nfaktury VAT\n\nDzień dobry',
      'Zwrot środków za zamówienie ZK/2023/10/55871 oraz korekta faktury VAT',
      'Dzień dobry',
    ],
    [
      'a short subject followed by the body without a blank line: not a continuation',
      'From: Shop <n@shop.example>\nDate: Wed, 22 Nov 2023 09:00:00 +0100\nSubject: Refund\nHello Alice,\n\nYour refund',
      'Refund',
      'Hello Alice,\n\nYour refund',
    ],
  ])('folded subject: %s', (_label, text, subject, body) => {
    const block = findForwardHeaderBlock(text);
    expect(block?.subject).toBe(subject);
    expect(block?.body).toBe(body);
  });
});

describe('a message without a subject is a forward when a separator of any language stands above the block', () => {
  const mail = (body: string[]) =>
    plainMail(
      [
        'From: Ivan Petrov <ivan.petrov@example.ru>',
        'To: cases@tracker.example.net',
        'Subject: ',
        'Date: Thu, 12 Oct 2023 15:31:09 +0300',
        'Message-ID: <no-subject@example.ru>',
      ],
      body,
    );
  const block = [
    'От: Служба поддержки <support@tehnomir.example>',
    'Дата: четверг, 12 октября 2023 г., 14:05',
    'Тема: Возврат средств',
    'Кому: ivan.petrov@example.ru',
    '',
    'Возврат оформлен.',
  ];

  it.each([
    ['Yandex, ten dashes', '---------- Пересылаемое сообщение ----------'],
    ['Gmail pl', '---------- Wiadomość przekazana dalej ---------'],
    ['Thunderbird nl', '-------- Doorgestuurd bericht --------'],
    ['Apple Mail it, with a colon', 'Inizio messaggio inoltrato:'],
  ])('%s', async (_label, separator) => {
    const message = await parse(mail(['Смотри.', '', separator, ...block]));
    expect(message.forward).toBe('inline');
    expect(message.original.from?.address).toBe('support@tehnomir.example');
    expect(message.original.date).toBe('2023-10-12T11:05:00.000Z');
    expect(message.original.text).toBe('Возврат оформлен.');
  });

  it('without a separator the block is only quoted text', async () => {
    const message = await parse(mail(['Смотри.', '', ...block]));
    expect(message.forward).toBe('none');
  });
});

describe('the date comes from the header block, not from a date label in the body', () => {
  it('Polish Outlook (Wysłane:) over a body with `Data: 01.09.2023` (the order date)', async () => {
    const raw = [
      'From: Katarzyna Nowak <k.nowak@example.pl>',
      'To: cases@tracker.example.net',
      'Subject: PD: Zwrot 55871',
      'Date: Thu, 12 Oct 2023 19:02:44 +0200',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Od: Sklep Kolibra <bok@kolibra.example>',
      'Wysłane: czwartek, 12 października 2023 14:05',
      'Do: Katarzyna Nowak <k.nowak@example.pl>',
      'Temat: Zwrot 55871',
      '',
      'Dzień dobry,',
      '',
      'Zamówienie: ZK/2023/10/55871',
      'Data: 01.09.2023',
      'Zwrot środków został zlecony.',
      '',
    ].join('\r\n');
    const message = await parse(Buffer.from(raw, 'utf8'));
    expect(message.forward).toBe('inline');
    expect(message.original.date).toBe('2023-10-12T12:05:00.000Z');
    expect(message.original.text.startsWith('Dzień dobry,')).toBe(true);
  });
});

describe("an original's own quote markers survive the forward", () => {
  // email-forward-parser strips `>` from a forwarded body; a reply written between the customer's
  // quoted questions would then read its quotes as new text (real-world 207, bottom of the quotes).
  const gmail = (quotedForward: boolean) => {
    const q = quotedForward ? '> ' : '';
    const body = [
      'Ter info.',
      '',
      '---------- Forwarded message ---------',
      'From: Sanne Bakker <support@keukenstraat.example>',
      'Date: Tue, Mar 12, 2024 at 10:02 AM',
      'Subject: Re: Lekkende waterkoker',
      'To: Daan de Vries <daan@example.nl>',
      '',
      `${q}Hieronder mijn antwoorden tussen je vragen.`,
      '',
      `${q}> Wanneer krijg ik mijn geld terug?`,
      '',
      `${q}We hebben het bedrag teruggestort.`,
    ];
    return plainMail(
      [
        'From: Daan de Vries <daan@example.nl>',
        'To: cases@tracker.example.net',
        'Subject: Fwd: Re: Lekkende waterkoker',
        'Date: Tue, 12 Mar 2024 11:00:00 +0100',
        'Message-ID: <quote-markers@example.nl>',
      ],
      body,
    );
  };

  it("keeps the original's `>` lines quoted", async () => {
    const message = await parse(gmail(false));
    expect(message.original.text).toMatch(/^> Wanneer krijg ik mijn geld terug\?$/m);
    expect(contextOf(message).text.newText).not.toContain('Wanneer krijg ik');
  });

  it('still unquotes a forward whose every line the client quoted', async () => {
    const message = await parse(gmail(true));
    expect(message.original.text).toMatch(/^Hieronder mijn antwoorden/m);
  });
});
