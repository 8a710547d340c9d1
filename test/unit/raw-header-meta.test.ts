// Mail that fails to parse keeps, in its quarantine record, what its own header section says: whose forward
// it is (so only that user's digest lists it), its sender and its subject, decoded and bounded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerSectionOf, MAX_HEADER_SECTION_BYTES, rawHeaderMeta } from '../../src/ingest/raw-header-meta.js';
import { FIXTURES } from '../support/harness.js';

const mail = (lines: string[], eol = '\r\n') => Buffer.from(lines.join(eol), 'utf8');
const mime = (name: string) => readFileSync(join(FIXTURES, 'mime', `${name}.eml`));

describe('rawHeaderMeta: what a header section says, without a MIME parser', () => {
  it.each([
    [
      'an Outlook forward of an S/MIME encrypted original (unparseable)',
      '37-outlook-attachment-smime-encrypted-original-en',
      {
        from: 'alice@example.net',
        forwarder: 'alice@example.net',
        subject: 'Fwd: Refund confirmation - case FO-11842',
        messageId: '<h37@example.net>',
      },
    ],
    [
      'a forwarded bounce (delivery_report): the forwarder, not the mailer daemon of the attached report',
      '76-thunderbird-attachment-postfix-bounce-multipart-report-en',
      {
        from: 'alice@example.net',
        forwarder: 'alice@example.net',
        subject: 'Fwd: Undelivered Mail Returned to Sender',
        messageId: '<3f1a7c2e-0b4d-4d7a-9a55-7c1e2b9d4410@example.net>',
      },
    ],
    [
      'a bounce a Sieve rule redirected (Resent-From): the user whose rule sent it',
      '79-sieve-redirect-exim-plain-text-bounce-fr',
      {
        from: 'mailer-daemon@mail.example.net',
        forwarder: 'alice@example.net',
        subject: 'Mail delivery failed: returning message to sender',
        messageId: '<E1vQx7b-0003Kc-1V@mail.example.net>',
      },
    ],
  ])('%s', (_what, name, expected) => {
    expect(rawHeaderMeta(mime(name))).toEqual(expected);
  });

  it('encoded words in the subject and the name are decoded; folded lines unfolded; LF line ends', () => {
    const meta = rawHeaderMeta(
      mail(
        [
          'From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <Joerg@Example.DE>',
          'Subject: =?ISO-8859-1?Q?WG:_Erstattung_f=FCr_Ihre?=',
          ' =?ISO-8859-1?Q?_Bestellung_Nr._4471?=',
          'Message-ID: <wg-4471@example.de>',
          '',
          'body',
        ],
        '\n',
      ),
    );
    expect(meta).toEqual({
      from: 'joerg@example.de',
      forwarder: 'joerg@example.de',
      subject: 'WG: Erstattung für Ihre Bestellung Nr. 4471',
      messageId: '<wg-4471@example.de>',
    });
  });

  it('raw UTF-8 (RFC 6532) and raw windows-1252 headers are both read', () => {
    expect(
      rawHeaderMeta(mail(['From: alice@example.net', 'Subject: Réf: remboursement — 12 €', '', 'x'])).subject,
    ).toBe('Réf: remboursement — 12 €');
    const cp1252 = Buffer.concat([
      Buffer.from('From: alice@example.net\r\nSubject: Rembours'),
      Buffer.from([0xe9, 0x20, 0x96, 0x20, 0x31, 0x32, 0x20, 0x80]),
      Buffer.from('\r\n\r\nbody'),
    ]);
    expect(rawHeaderMeta(cp1252).subject).toBe('Remboursé – 12 €');
  });

  it('Gmail’s X-Forwarded-For names the forwarder when From is the merchant', () => {
    const meta = rawHeaderMeta(
      mail([
        'X-Forwarded-For: bob@example.org cases@tracker.example.net',
        'From: Shop <refunds@shop.example>',
        'Subject: Your refund',
        '',
        '',
      ]),
    );
    expect(meta.forwarder).toBe('bob@example.org');
    expect(meta.from).toBe('refunds@shop.example');
  });

  it('control characters and escape sequences never reach the subject; a long subject is cut', () => {
    const meta = rawHeaderMeta(
      mail([
        'From: a@b.example',
        `Subject: Refund\u001b[31m done\u0007 =?UTF-8?B?${Buffer.from('\u0000x').toString('base64')}?=`,
        '',
        '',
      ]),
    );
    expect(meta.subject).toBe('Refund [31m done x');
    const long = rawHeaderMeta(mail(['From: a@b.example', `Subject: ${'Refund '.repeat(2000)}`, '', '']));
    expect(long.subject?.length).toBe(300);
  });

  it('the first mailbox of a list; a quoted name with a comma; nothing readable is null', () => {
    expect(rawHeaderMeta(mail(['From: alice@example.net, bob@example.org', '', ''])).from).toBe('alice@example.net');
    expect(rawHeaderMeta(mail(['From: "Martin, Alice" <Alice@Example.net>', '', ''])).from).toBe('alice@example.net');
    expect(rawHeaderMeta(mail(['From: undisclosed', 'Message-ID: not an id', '', '']))).toEqual({
      from: null,
      forwarder: null,
      subject: null,
      messageId: null,
    });
    expect(rawHeaderMeta(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'))).toEqual({
      from: null,
      forwarder: null,
      subject: null,
      messageId: null,
    });
  });

  it('only the header section is read: a From line in the body is not the sender', () => {
    expect(rawHeaderMeta(mail(['Subject: hi', '', 'From: bob@example.org'])).from).toBeNull();
    // An mbox `From ` line is no field; the headers after it are read.
    expect(
      rawHeaderMeta(mail(['From alice@example.net Mon Nov 30 10:00:00 2026', 'From: alice@example.net', '', ''])).from,
    ).toBe('alice@example.net');
  });

  it('headerSectionOf copies at most MAX_HEADER_SECTION_BYTES, ending at the empty line', () => {
    const raw = mail(['From: alice@example.net', 'Subject: s', '', 'body that is not copied']);
    const head = headerSectionOf(raw);
    expect(head.toString()).toBe('From: alice@example.net\r\nSubject: s');
    raw.fill(0x78);
    expect(head.toString()).toBe('From: alice@example.net\r\nSubject: s');
    const huge = mail(['From: alice@example.net', `X-Junk: ${'j'.repeat(200_000)}`, 'Subject: late', '', '']);
    expect(headerSectionOf(huge).length).toBe(MAX_HEADER_SECTION_BYTES);
    expect(rawHeaderMeta(huge)).toMatchObject({ from: 'alice@example.net', subject: null });
  });
});
