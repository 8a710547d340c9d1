// A mail that carries several forwarded messages as attachments (a selection forwarded at once by Gmail,
// Outlook or Thunderbird): with `severalOriginals: 'each'` every original is read on its own, with its own
// sender, date, subject, Message-ID and key, in the forwarder's envelope; `analyze` prints each. Every
// expectation was read from the .eml itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainEachOriginal, explainFile } from '../../src/cli/analyze-command.js';
import { QuarantineError } from '../../src/errors.js';
import { type InboundMessage, originalsOf } from '../../src/ingest/inbound-message.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { analyze } from '../../src/rules/analyze.js';
import { builtInRuleset } from '../../src/rules/ruleset.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'mime');
const read = (file: string): Buffer => readFileSync(join(dir, file));
const parseEach = (raw: Buffer) => parseInboundMessage(raw, { maxBytes: 1024 * 1024, severalOriginals: 'each' });
const reasonOf = async (promise: Promise<unknown>) => {
  const err = await promise.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(QuarantineError);
  return { reason: (err as QuarantineError).reason, detail: (err as QuarantineError).message };
};

interface Original {
  name: string;
  from: string;
  date: string;
  subject: string;
  messageId: string;
  textIncludes: string;
  caseNumber: string;
  orderNumber: string;
  resolution?: { outcome: string; amount: number; currency: string };
}

const fixtures: Array<{ file: string; envelopeMessageId: string; note: string; originals: Original[] }> = [
  {
    file: '22-gmail-several-originals-attached-en.eml',
    envelopeMessageId: '<CAB3xK0p8ZqL2n+Yd1hT0wV9fR6mE4sJ5uG7cA2bN1oQ3iX8kWz@mail.gmail.com>',
    note: 'The tent refund and the photo book, both attached.',
    originals: [
      {
        name: 'Your refund for case LO-31907 has been approved.eml',
        from: 'help@lumen-outdoor.example',
        date: '2026-11-18T16:41:05.000Z',
        subject: 'Your refund for case LO-31907 has been approved',
        messageId: '<cs.LO-31907.1763484065@lumen-outdoor.example>',
        textIncludes: 'refund of $129.00 for order LO-884213 has been approved',
        caseNumber: 'LO-31907',
        orderNumber: 'LO-884213',
        resolution: { outcome: 'full_refund', amount: 129, currency: 'USD' },
      },
      {
        name: '[Ticket #PX-20418] Misprinted photo book.eml',
        from: 'support@pixelcraft-prints.example',
        date: '2026-11-20T10:15:38.000Z',
        subject: '[Ticket #PX-20418] Misprinted photo book',
        messageId: '<20261120101538.PX-20418.a7c2@pixelcraft-prints.example>',
        textIncludes: 'Marco – Pixelcraft Prints Support',
        caseNumber: 'PX-20418',
        orderNumber: 'PX-77031',
      },
    ],
  },
  {
    file: '23-outlook-two-eml-files-attached-de.eml',
    envelopeMessageId: '<AM9PR07MB71230F3D2C1B4E5A6D7F8091A2B3@AM9PR07MB7123.eurprd07.prod.outlook.example>',
    note: 'Zwei Mails im Anhang, bitte getrennt ablegen.',
    originals: [
      {
        name: 'Ihre Erstattung zum Vorgang KN-2026-0815.eml',
        from: 'service@kaffeerei-nord.example',
        date: '2026-11-23T12:02:17.000Z',
        subject: 'Ihre Erstattung zum Vorgang KN-2026-0815',
        messageId: '<KN-2026-0815.20261123130217@kaffeerei-nord.example>',
        textIncludes: 'Wir haben Ihnen heute 89,90 € auf Ihr PayPal-Konto erstattet.',
        caseNumber: 'KN-2026-0815',
        orderNumber: '50031877',
        resolution: { outcome: 'full_refund', amount: 89.9, currency: 'EUR' },
      },
      {
        name: 'Reklamation VS-44190 Ihr Fahrradschloss.eml',
        from: 'hilfe@velostadt.example',
        date: '2026-11-24T08:45:01.000Z',
        subject: 'Reklamation VS-44190: Ihr Fahrradschloss',
        messageId: '<reklamation.VS-44190.1764060301@velostadt.example>',
        textIncludes: 'Wir haben Ihre Reklamation VS-44190 angelegt und prüfen sie.',
        caseNumber: 'VS-44190',
        orderNumber: '7720-193',
      },
    ],
  },
  {
    file: '24-thunderbird-originals-two-charsets-fr-pl.eml',
    envelopeMessageId: '<8e0c5b7a-31d4-4f2e-b6a9-0c7d2e1f4a58@example.net>',
    note: 'Two shops, two cases.',
    originals: [
      {
        name: 'Remboursement effectue - dossier SAV-2026-3318.eml',
        from: 'sav@cieletbois.example',
        date: '2026-11-26T09:00:00.000Z',
        subject: 'Remboursement effectué - dossier SAV-2026-3318',
        messageId: '<sav-2026-3318.1764151200@cieletbois.example>',
        // ISO-8859-15 quoted-printable: € is 0xA4 there (ISO-8859-1's ¤).
        textIncludes: 'Le remboursement de 54,00 € a été effectué sur votre carte ce jour.',
        caseNumber: 'SAV-2026-3318',
        orderNumber: 'CB-66120',
        resolution: { outcome: 'full_refund', amount: 54, currency: 'EUR' },
      },
      {
        name: 'Reklamacja RK-58203.eml',
        from: 'bok@zagiel-sklep.example',
        date: '2026-11-27T13:22:31.000Z',
        subject: 'Reklamacja RK-58203 - zamówienie 2026/11/4471',
        messageId: '<RK-58203.20261127@zagiel-sklep.example>',
        // ISO-8859-2, 8bit: ż, ś, ł are bytes of their own there.
        textIncludes: 'Zwrot środków w kwocie 120,00 zł',
        caseNumber: 'RK-58203',
        orderNumber: '2026/11/4471',
      },
    ],
  },
];

describe('several forwarded originals attached to one mail, read each', () => {
  it.each(fixtures)('$file', async ({ file, envelopeMessageId, note, originals }) => {
    const message = await parseEach(read(file));
    const each = originalsOf(message);
    expect(each).toHaveLength(originals.length);
    // The message itself is the first original, so a caller that reads only it reads a whole message.
    expect(message.messageKey).toBe(each[0]?.messageKey);
    for (const [i, expected] of originals.entries()) {
      const got = each[i] as InboundMessage;
      expect(got.attachedPart).toEqual({ index: i + 1, of: originals.length, name: expected.name });
      expect(got.attachedOriginals).toBeUndefined();
      // The forwarder is the outer mail's sender; each original keeps its own date, sender and subject.
      expect(got.forward).toBe('attachment');
      expect(got.envelopeFrom?.address).toBe('alice@example.net');
      expect(got.envelopeMessageId).toBe(envelopeMessageId);
      expect(got.forwarderNote).toBe(note);
      expect(got.original.from?.address).toBe(expected.from);
      expect(got.original.date).toBe(expected.date);
      expect(got.original.subject).toBe(expected.subject);
      expect(got.original.messageId).toBe(expected.messageId);
      expect(got.original.text).toContain(expected.textIncludes);
      for (const text of [got.original.text, got.original.subject, got.original.from?.name ?? '']) {
        for (const bad of ['\uFFFD', '\u0000', '\r']) expect(text).not.toContain(bad);
      }
      // The same key a forward of this original alone has (invariant 2 across forwards).
      expect(got.messageKey).toBe(`mid:${expected.messageId.toLowerCase()}`);
      const findings = analyze(got, builtInRuleset, { customerAddresses: ['alice@example.net'] });
      expect(findings.caseNumber).toBe(expected.caseNumber);
      expect(findings.orderNumber).toBe(expected.orderNumber);
      if (expected.resolution) expect(findings.resolution).toMatchObject(expected.resolution);
      else expect(findings.resolution).toBeNull();
    }
  });

  it('without `each` the mail is still refused whole (a caller that reads one message drops none unseen)', async () => {
    const detail = await reasonOf(parseInboundMessage(read(fixtures[0]?.file ?? ''), { maxBytes: 1024 * 1024 }));
    expect(detail.reason).toBe('several_originals');
  });

  it('an original forwarded alone has the key it has among several', async () => {
    const several = originalsOf(await parseEach(read('24-thunderbird-originals-two-charsets-fr-pl.eml')));
    const raw = read('24-thunderbird-originals-two-charsets-fr-pl.eml').toString('latin1');
    // The second part alone, as Thunderbird forwards one message as attachment.
    const alone = raw.replace(
      /--------------x3Yd7QmW0hZ1vB8nK5pR2sTa\r\nContent-Type: message\/rfc822; name="Remboursement[\s\S]*?(?=--------------x3Yd7QmW0hZ1vB8nK5pR2sTa\r\nContent-Type: message)/,
      '',
    );
    const single = await parseEach(Buffer.from(alone, 'latin1'));
    expect(single.attachedOriginals).toBeUndefined();
    expect(single.messageKey).toBe(several[1]?.messageKey);
    expect(single.original).toEqual(several[1]?.original);
  });

  it('originals without a Message-ID: each keyed by its content, as when forwarded alone', async () => {
    const raw = read('22-gmail-several-originals-attached-en.eml')
      .toString('utf8')
      .replace(/^Message-ID: <cs\.LO-31907[^\r]*\r\n/m, '')
      .replace(/^Message-ID: <20261120101538[^\r]*\r\n/m, '');
    const [first, second] = originalsOf(await parseEach(Buffer.from(raw)));
    expect(first?.messageKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second?.messageKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(first?.messageKey).not.toBe(second?.messageKey);
    // Stable: the same bytes give the same keys.
    const again = originalsOf(await parseEach(Buffer.from(raw)));
    expect(again.map((m) => m.messageKey)).toEqual([first?.messageKey, second?.messageKey]);
  });

  it('one attached message that cannot be read refuses the whole mail, naming it', async () => {
    const raw = read('21-thunderbird-two-originals-attached-en.eml').toString('utf8');
    // A third attachment that came through empty (Outlook does this to a message it could not save).
    const withEmpty = raw.replace(
      /--------------Kq0xJ3mR2bT8vW1yZ6cD4eF7--/,
      '--------------Kq0xJ3mR2bT8vW1yZ6cD4eF7\r\nContent-Type: message/rfc822; name="Lost.eml"\r\nContent-Disposition: attachment; filename="Lost.eml"\r\n\r\n\r\n--------------Kq0xJ3mR2bT8vW1yZ6cD4eF7--',
    );
    expect(await reasonOf(parseEach(Buffer.from(withEmpty)))).toEqual({
      reason: 'unparseable',
      detail:
        'the mail carries 3 forwarded messages; number 3 (Lost.eml) is empty or has no header block: none of them is logged until it can be read',
    });
  });

  it('more originals than are read from one mail refuse it whole', async () => {
    const part = (i: number) =>
      [
        '--b1',
        `Content-Type: message/rfc822; name="m${i}.eml"`,
        '',
        `From: shop@shop.example\r\nSubject: Refund ${i}\r\nMessage-ID: <m${i}@shop.example>\r\n\r\nRefund ${i}\r\n`,
      ].join('\r\n');
    const raw = [
      'From: Alice Martin <alice@example.net>',
      'Date: Tue, 14 Nov 2023 12:00:00 +0100',
      'Subject: Fwd: many',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'all of them',
      ...Array.from({ length: 21 }, (_, i) => part(i)),
      '--b1--',
      '',
    ].join('\r\n');
    expect(await reasonOf(parseEach(Buffer.from(raw)))).toEqual({
      reason: 'several_originals',
      detail:
        'the mail carries 21 forwarded messages, more than the 20 read from one mail: forward them in smaller groups',
    });
  });
});

describe('analyze prints each original', () => {
  const options = { ruleset: builtInRuleset, maxBytes: 1024 * 1024, customerAddresses: [] };
  it('one record per original, labelled with its place in the mail', async () => {
    const records = (await explainEachOriginal(join(dir, '23-outlook-two-eml-files-attached-de.eml'), options)).map(
      (e) => e.record,
    );
    expect(records.map((r) => (r.ok ? [r.file, r.caseNumber] : [r.file, r.error]))).toEqual([
      [
        '23-outlook-two-eml-files-attached-de.eml [original 1 of 2: Ihre Erstattung zum Vorgang KN-2026-0815.eml]',
        'KN-2026-0815',
      ],
      [
        '23-outlook-two-eml-files-attached-de.eml [original 2 of 2: Reklamation VS-44190 Ihr Fahrradschloss.eml]',
        'VS-44190',
      ],
    ]);
  });

  it('one message: one record under the file name, as before', async () => {
    const [only, ...none] = await explainEachOriginal(
      join(dir, '05-thunderbird-attachment-legacy-8bit-no-charset-de.eml'),
      options,
    );
    expect(none).toEqual([]);
    expect(only?.record.file).toBe('05-thunderbird-attachment-legacy-8bit-no-charset-de.eml');
    expect(only?.record).toEqual(
      (await explainFile(join(dir, '05-thunderbird-attachment-legacy-8bit-no-charset-de.eml'), options)).record,
    );
  });
});
