import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { parseInboundMessage } from '../../../src/ingest/parse-message.js';
import {
  commandsAboveForward,
  commandsInDigestReply,
  contactPersonOf,
  type UserCommand,
} from '../../../src/rules/user-commands.js';

/** A command without the line it came from (every command carries its line; tested apart). */
type Expected = UserCommand extends infer C ? (C extends unknown ? Omit<C, 'line'> : never) : never;
const withoutLine = (commands: UserCommand[]): Expected[] => commands.map(({ line: _line, ...rest }) => rest);

const close = (
  caseNumber: string,
  outcome: string,
  amount: number | null = null,
  currency: string | null = null,
  transactionId: string | null = null,
) => ({ kind: 'close', caseNumber, outcome, amount, currency, transactionId }) as Expected;
const contact = (channel: string, text: string, contactPerson: string | null, caseNumber: string | null = null) =>
  ({ kind: 'contact', channel, text, contactPerson, caseNumber }) as Expected;

describe('commandsAboveForward: one line, one command', () => {
  it.each<[string, string, Expected[]]>([
    // case: file the forward under this case
    ['en', 'case: GTB-2023-5876', [{ kind: 'case', caseNumber: 'GTB-2023-5876' }]],
    ['en', 'Case: #GTB-2023-5876.', [{ kind: 'case', caseNumber: 'GTB-2023-5876' }]],
    ['en', 'CASE GTB-2023-5876', [{ kind: 'case', caseNumber: 'GTB-2023-5876' }]],
    ['en', 'Ticket: 00123456', [{ kind: 'case', caseNumber: '00123456' }]],
    ['en', 'case: order:112-1234567-1234567', [{ kind: 'case', caseNumber: 'order:112-1234567-1234567' }]],
    ['de', 'Fall: 00123456', [{ kind: 'case', caseNumber: '00123456' }]],
    ['de', 'Vorgang: VG-2024/0417', [{ kind: 'case', caseNumber: 'VG-2024/0417' }]],
    ['fr', 'dossier : DR-4471902', [{ kind: 'case', caseNumber: 'DR-4471902' }]],
    ['es', 'Caso: TS-2023-104455', [{ kind: 'case', caseNumber: 'TS-2023-104455' }]],
    ['es', '- expediente: 2024-INC-00417', [{ kind: 'case', caseNumber: '2024-INC-00417' }]],
    // note: on the forward's case
    ['en', 'note: they want photos of the box', [{ kind: 'note', text: 'they want photos of the box' }]],
    ['en', 'NOTE:   second time I ask', [{ kind: 'note', text: 'second time I ask' }]],
    ['de', 'Notiz: Paket liegt noch bei der Post', [{ kind: 'note', text: 'Paket liegt noch bei der Post' }]],
    ['de', 'Anmerkung: zweite Mahnung', [{ kind: 'note', text: 'zweite Mahnung' }]],
    ['fr', 'remarque : deuxième relance', [{ kind: 'note', text: 'deuxième relance' }]],
    ['es', 'nota: segundo aviso', [{ kind: 'note', text: 'segundo aviso' }]],
    // contacts outside the mailbox
    [
      'en',
      'phone: called Anna, refund promised by Friday',
      [contact('phone', 'called Anna, refund promised by Friday', 'Anna')],
    ],
    [
      'en',
      'Call: spoke with Lisa Chen from GTBuy, escalated',
      [contact('phone', 'spoke with Lisa Chen from GTBuy, escalated', 'Lisa Chen')],
    ],
    [
      'en',
      'chat: chatted with Kevin, he sent a label',
      [contact('chat', 'chatted with Kevin, he sent a label', 'Kevin')],
    ],
    [
      'en',
      'web form: sent the photos through their form',
      [contact('web_form', 'sent the photos through their form', null)],
    ],
    ['en', 'email: wrote to billing again, no answer', [contact('email', 'wrote to billing again, no answer', null)]],
    [
      'en',
      'email: wrote to billing@gtbuy.example again',
      [contact('email', 'wrote to billing@gtbuy.example again', null)],
    ],
    [
      'en',
      'phone: called Anna on 0800 555 0199, refund by Friday',
      [contact('phone', 'called Anna on 0800 555 0199, refund by Friday', 'Anna')],
    ],
    [
      'en',
      'phone: called GTBuy support, on hold 40 min',
      [contact('phone', 'called GTBuy support, on hold 40 min', null)],
    ],
    [
      'de',
      'Telefon: mit Frau Schmidt telefoniert, Erstattung bis Freitag',
      [contact('phone', 'mit Frau Schmidt telefoniert, Erstattung bis Freitag', 'Frau Schmidt')],
    ],
    [
      'de',
      'Anruf: Telefonat mit Jonas Weber, Rückruf morgen',
      [contact('phone', 'Telefonat mit Jonas Weber, Rückruf morgen', 'Jonas Weber')],
    ],
    [
      'fr',
      'téléphone : appelé Julie, remboursement promis',
      [contact('phone', 'appelé Julie, remboursement promis', 'Julie')],
    ],
    ['fr', 'Tchat : parlé avec Camille', [contact('chat', 'parlé avec Camille', 'Camille')]],
    [
      'es',
      'teléfono: llamé a Marta, reembolso en 5 días',
      [contact('phone', 'llamé a Marta, reembolso en 5 días', 'Marta')],
    ],
    ['es', 'Llamada: hablé con el soporte', [contact('phone', 'hablé con el soporte', null)]],
    // commands that name their case are read above a forward too
    ['en', 'note GTB-1: called again', [{ kind: 'note_case', caseNumber: 'GTB-1', text: 'called again' }]],
    ['en', 'close GTB-1 denied', [close('GTB-1', 'denied')]],
  ])('%s: %j', (_lang, line, expected) => {
    const parsed = commandsAboveForward(line);
    expect(parsed.problems).toEqual([]);
    expect(withoutLine(parsed.commands)).toEqual(expected);
    for (const c of parsed.commands) expect(c.line).toBe(line.trim());
  });
});

describe('commandsInDigestReply: confirm, close, reopen, note a case', () => {
  it.each<[string, string, Expected[]]>([
    ['en', 'confirm GTB-2023-5876', [{ kind: 'confirm', caseNumber: 'GTB-2023-5876' }]],
    ['en', 'Confirm: GTB-2023-5876.', [{ kind: 'confirm', caseNumber: 'GTB-2023-5876' }]],
    ['en', 'confirm case #00123456', [{ kind: 'confirm', caseNumber: '00123456' }]],
    [
      'en',
      'confirm GTB-1, GTB-2 and GTB-3',
      [
        { kind: 'confirm', caseNumber: 'GTB-1' },
        { kind: 'confirm', caseNumber: 'GTB-2' },
        { kind: 'confirm', caseNumber: 'GTB-3' },
      ],
    ],
    ['en', 'confirm order:112-1234567-1234567', [{ kind: 'confirm', caseNumber: 'order:112-1234567-1234567' }]],
    ['en', 'reopen ORDER:112-1234567-1234567', [{ kind: 'reopen', caseNumber: 'order:112-1234567-1234567' }]],
    ['de', 'bestätigen GTB-2023-5876', [{ kind: 'confirm', caseNumber: 'GTB-2023-5876' }]],
    ['fr', 'Confirmer DR-4471902', [{ kind: 'confirm', caseNumber: 'DR-4471902' }]],
    ['es', 'confirmar TS-2023-104455', [{ kind: 'confirm', caseNumber: 'TS-2023-104455' }]],
    [
      'en',
      'close GTB-2023-5876 full_refund 20.00 EUR txn ABC',
      [close('GTB-2023-5876', 'full_refund', 20, 'EUR', 'ABC')],
    ],
    ['en', 'close GTB-1 refunded 20 EUR', [close('GTB-1', 'full_refund', 20, 'EUR')]],
    [
      'en',
      'close GTB-1 refunded $54.99, transaction id: TXN781345',
      [close('GTB-1', 'full_refund', 54.99, 'USD', 'TXN781345')],
    ],
    ['en', 'close GTB-1 partial refund of 12.50 eur', [close('GTB-1', 'partial_refund', 12.5, 'EUR')]],
    ['en', 'Close GTB-1 as denied', [close('GTB-1', 'denied')]],
    ['en', 'close GTB-1 store credit', [close('GTB-1', 'store_credit')]],
    ['en', 'close GTB-1 replacement', [close('GTB-1', 'replacement')]],
    ['en', 'close GTB-1 refunded 20', [close('GTB-1', 'full_refund', 20, null)]],
    ['en', 'close GTB-1 refunded 20 euros txn RF-881.', [close('GTB-1', 'full_refund', 20, 'EUR', 'RF-881')]],
    ['en', 'close GTB-1 - partial, 5 dollars', [close('GTB-1', 'partial_refund', 5, 'USD')]],
    ['de', 'schließen GTB-1 erstattet 64,95 €', [close('GTB-1', 'full_refund', 64.95, 'EUR')]],
    [
      'de',
      'Schliessen 10204577312 Teilerstattung 1.234,56 EUR',
      [close('10204577312', 'partial_refund', 1234.56, 'EUR')],
    ],
    ['de', 'schließen GTB-1 abgelehnt', [close('GTB-1', 'denied')]],
    ['de', 'schließen Fall GTB-1 Gutschein über 30 EUR', [close('GTB-1', 'store_credit', 30, 'EUR')]],
    ['fr', 'clôturer DR-4471902 remboursé 84,50 €', [close('DR-4471902', 'full_refund', 84.5, 'EUR')]],
    ['fr', 'clôturer DR-4471902 avoir', [close('DR-4471902', 'store_credit')]],
    ['fr', 'fermer DR-4471902 refusé', [close('DR-4471902', 'denied')]],
    [
      'es',
      'cerrar TS-2023-104455 reembolso parcial de 12,50 EUR',
      [close('TS-2023-104455', 'partial_refund', 12.5, 'EUR')],
    ],
    ['es', 'cerrar TS-1 rechazado', [close('TS-1', 'denied')]],
    ['es', 'Cerrar TS-1 reemplazo', [close('TS-1', 'replacement')]],
    ['en', 'reopen GTB-2023-5876', [{ kind: 'reopen', caseNumber: 'GTB-2023-5876' }]],
    ['de', 'wieder öffnen GTB-2023-5876', [{ kind: 'reopen', caseNumber: 'GTB-2023-5876' }]],
    ['fr', 'rouvrir DR-4471902', [{ kind: 'reopen', caseNumber: 'DR-4471902' }]],
    ['es', 'reabrir TS-2023-104455', [{ kind: 'reopen', caseNumber: 'TS-2023-104455' }]],
    [
      'en',
      'note GTB-1: they asked for photos',
      [{ kind: 'note_case', caseNumber: 'GTB-1', text: 'they asked for photos' }],
    ],
    [
      'en',
      'note: GTB-1 parcel still at the depot',
      [{ kind: 'note_case', caseNumber: 'GTB-1', text: 'parcel still at the depot' }],
    ],
    [
      'de',
      'Notiz GTB-1: Paket liegt beim Zoll',
      [{ kind: 'note_case', caseNumber: 'GTB-1', text: 'Paket liegt beim Zoll' }],
    ],
    ['fr', 'remarque DR-4471902 : relancé', [{ kind: 'note_case', caseNumber: 'DR-4471902', text: 'relancé' }]],
    ['es', 'nota TS-1: segundo aviso', [{ kind: 'note_case', caseNumber: 'TS-1', text: 'segundo aviso' }]],
    [
      'en',
      'phone GTB-1: called Anna, refund promised by Friday',
      [contact('phone', 'called Anna, refund promised by Friday', 'Anna', 'GTB-1')],
    ],
  ])('%s: %j', (_lang, line, expected) => {
    const parsed = commandsInDigestReply(line);
    expect(parsed.problems).toEqual([]);
    expect(withoutLine(parsed.commands)).toEqual(expected);
  });
});

describe('a line that starts like a command but cannot be obeyed is a problem that says why', () => {
  it.each<[string, 'forward' | 'digest', string, RegExp]>([
    ['en', 'digest', 'close', /"close" needs a case number/],
    [
      'en',
      'digest',
      'close GTB-1',
      /needs an outcome \(full_refund, partial_refund, store_credit, replacement, denied\)/,
    ],
    ['en', 'digest', 'close GTB-1 bananas', /"bananas" is not an outcome/],
    ['en', 'digest', 'close GTB-1 refunded 20 EUR maybe', /did not understand "maybe"/],
    ['en', 'digest', 'close GTB-1 refunded but not yet', /did not understand "but not yet"/],
    ['en', 'digest', 'close GTB-1 denied 20 EUR', /a denied case carries no amount/],
    ['en', 'digest', 'close GTB-1 refunded 20 EUR 30 EUR', /two amounts/],
    ['en', 'digest', 'close GTB-1 refunded denied', /two outcomes/],
    ['en', 'digest', 'confirm', /"confirm" needs a case number/],
    ['en', 'digest', 'confirm: please', /"please" is not a case number/],
    ['en', 'digest', 'confirm GTB-1 not yet', /takes only case numbers; did not understand "not yet"/],
    ['de', 'digest', 'bestätigen', /"bestätigen" needs a case number/],
    ['fr', 'digest', 'rouvrir', /"rouvrir" needs a case number/],
    ['es', 'digest', 'cerrar TS-1 plátanos', /"plátanos" is not an outcome/],
    ['en', 'digest', 'note: please hurry', /a note in a reply to the digest needs a case number/],
    ['en', 'digest', 'phone: called Anna', /a contact in a reply to the digest needs a case number/],
    ['en', 'digest', 'case: GTB-1', /only files a forwarded message/],
    ['en', 'forward', 'case:', /needs a case number after it/],
    ['en', 'forward', 'case: pending', /"pending" is not a case number/],
    ['en', 'forward', 'case: GTB-1 the blender one', /takes only a case number/],
    ['en', 'forward', 'note:', /needs the text of the note/],
    ['en', 'forward', 'note GTB-1:', /needs the text of the note/],
    ['en', 'forward', 'phone:', /needs what was said after it/],
  ])('%s %s: %j', (_lang, where, line, why) => {
    const parsed = where === 'forward' ? commandsAboveForward(line) : commandsInDigestReply(line);
    expect(parsed.commands).toEqual([]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]?.line).toBe(line);
    expect(parsed.problems[0]?.why).toMatch(why);
    expect(parsed.problems[0]?.about).toBe(/^case/i.test(line) ? 'case' : undefined);
  });

  it('two different case numbers above one forward file it under neither, and say so', () => {
    const parsed = commandsAboveForward('case: GTB-1\nnote: see below\ncase: GTB-2');
    expect(withoutLine(parsed.commands)).toEqual([{ kind: 'note', text: 'see below' }]);
    expect(parsed.problems).toEqual([
      {
        line: 'case: GTB-1 / case: GTB-2',
        why: expect.stringMatching(/more than one case number \(GTB-1, GTB-2\)/),
        about: 'case',
      },
    ]);
  });

  it('the same case number twice is one command', () => {
    const parsed = commandsAboveForward('case: GTB-1\nCase: GTB-1');
    expect(withoutLine(parsed.commands)).toEqual([{ kind: 'case', caseNumber: 'GTB-1' }]);
    expect(parsed.problems).toEqual([]);
  });
});

describe('what is no command is ignored without a problem', () => {
  it.each([
    'Hi tracker,',
    'FYI',
    'See below, the refund finally came through.',
    'Thanks!',
    'Sent from my iPhone',
    'Von meinem iPhone gesendet',
    'Envoyé de mon iPhone',
    'Enviado desde mi iPhone',
    'Best regards,',
    'Alice Martin',
    'Please note: the refund may take 5-7 business days.',
    'Case closed, thanks',
    'Close to giving up on these people.',
    'Confirmed by phone yesterday.',
    'Note that they never answered.',
    'Note to self: check the bank statement',
    'Phone: +49 30 1234567',
    'Tel.: (030) 12 34 56',
    'E-Mail: alice@example.net',
    'Mail: <https://example.net/contact>',
    'Phone: 555-1234 ext. 12',
    'E-Mail: alice@example.net (privat)',
    'Telefon: 030 / 123 456 - mobil 0170 123456',
    'Téléphone : 01 23 45 67 89',
    'Telefon 0800 123 456',
    'Fall 2023 was a mess.',
    'Reopening hours: 9-17',
  ])('%j', (line) => {
    expect(commandsAboveForward(line)).toEqual({ commands: [], problems: [] });
    expect(commandsInDigestReply(line)).toEqual({ commands: [], problems: [] });
  });
});

describe('whole texts', () => {
  it('a user text above a forward: greeting, commands, signature', () => {
    const text = [
      'Hi,',
      '',
      'case: GTB-2023-5876',
      'phone: called Anna, refund promised by Friday',
      'note: second forward of this',
      '',
      'Thanks,',
      'Alice',
      '',
      'Sent from my iPhone',
    ].join('\n');
    const parsed = commandsAboveForward(text);
    expect(parsed.problems).toEqual([]);
    expect(withoutLine(parsed.commands)).toEqual([
      { kind: 'case', caseNumber: 'GTB-2023-5876' },
      contact('phone', 'called Anna, refund promised by Friday', 'Anna'),
      { kind: 'note', text: 'second forward of this' },
    ]);
  });

  it("a merchant's `Please note:` or `Case:` after the forward separator never becomes a command", () => {
    // The caller passes only the user's text; when it passes more, reading stops at the separator.
    const text = [
      'note: forwarding the denial',
      '',
      '---------- Forwarded message ---------',
      'From: GTBuy Support <support@gtbuy.example>',
      'Date: Mon, 4 Mar 2024 at 10:12',
      'Subject: Your case GTB-2023-5876',
      'To: <alice@example.net>',
      '',
      'Case: GTB-2023-9999',
      'Note: refunds take 5 days.',
      'close GTB-2023-5876 refunded',
    ].join('\n');
    const parsed = commandsAboveForward(text);
    expect(parsed.problems).toEqual([]);
    expect(withoutLine(parsed.commands)).toEqual([{ kind: 'note', text: 'forwarding the denial' }]);
  });

  it('an Outlook header block ends the user text above a forward', () => {
    const text = [
      'case: 00123456',
      '',
      '________________________________',
      'From: Shoply Help Center <help@shoply.example>',
      'Sent: Monday, March 4, 2024 10:12 AM',
      'To: Alice Martin <alice@example.net>',
      'Subject: Your request 00123456',
      '',
      'Note: We have declined your refund.',
    ].join('\n');
    expect(withoutLine(commandsAboveForward(text).commands)).toEqual([{ kind: 'case', caseNumber: '00123456' }]);
  });

  it('a Gmail reply to the digest: commands on top, the quoted digest ignored even below it', () => {
    const text = [
      'confirm GTB-2023-5876',
      'close 00123456 denied',
      '',
      'On Tue, 5 Mar 2024 at 07:00, Refund tracker <digest@tracker.example.net> wrote:',
      '',
      '> Needs you',
      '> GTB-2023-5876 (GTBuy): suggested full refund 129.99 USD. Reply "confirm GTB-2023-5876".',
      '> Case: 77104',
      '',
      'reopen 77104',
    ].join('\n');
    const parsed = commandsInDigestReply(text);
    expect(parsed.problems).toEqual([]);
    expect(withoutLine(parsed.commands)).toEqual([
      { kind: 'confirm', caseNumber: 'GTB-2023-5876' },
      close('00123456', 'denied'),
    ]);
  });

  it('a German Outlook reply: the quoted digest under `Von:`/`Gesendet:` is not read', () => {
    const text = [
      'bestätigen GTB-2023-5876',
      '',
      'Viele Grüße',
      'Alice',
      '',
      'Von: Refund Tracker <digest@tracker.example.net>',
      'Gesendet: Dienstag, 5. März 2024 07:00',
      'An: alice@example.net',
      'Betreff: Refund tracker digest',
      '',
      'schließen 00123456 abgelehnt',
    ].join('\n');
    const parsed = commandsInDigestReply(text);
    expect(parsed.problems).toEqual([]);
    expect(withoutLine(parsed.commands)).toEqual([{ kind: 'confirm', caseNumber: 'GTB-2023-5876' }]);
  });

  it('a wrapped attribution (two lines) ends the reply', () => {
    const text = [
      'reopen GTB-1',
      'On Tue, 5 Mar 2024 at 07:00, Refund tracker',
      '<digest@tracker.example.net> wrote:',
      'confirm GTB-2',
    ].join('\n');
    expect(withoutLine(commandsInDigestReply(text).commands)).toEqual([{ kind: 'reopen', caseNumber: 'GTB-1' }]);
  });

  it("the digest's own text, pasted with no quote marks and no attribution, gives no command", () => {
    // The plain-text digest (reports/digest-email.ts) prints its reply hints on `  > Label: …` lines.
    const digest = [
      'Your refunds on 5 March 2024',
      '1 needs you · 1 waiting on the merchant · 0 resolved',
      '',
      'NEEDS YOU (1)',
      'Confirm a suggestion, retry quarantined mail, or chase an overdue reply.',
      '',
      '* GTB-2023-5876 · gtbuy.com',
      '  Blender arrived broken',
      '  ! Suggested: full refund 129.99 USD. Is that right?',
      '  Last contact 4 Mar (email): GTBuy received the returned blender.',
      '  > Confirm: refund-tracker cases confirm GTB-2023-5876 (or reply “confirm GTB-2023-5876”)',
      '  > Bestätigen: refund-tracker cases confirm GTB-2023-5876 (oder antworten Sie „confirm GTB-2023-5876“)',
      '* Update on your order GT20231012-88431 (from noreply@gtbuy.com)',
      '  > Retry: refund-tracker quarantine retry 65e6f1a2b3c4d5e6f7a8b9c0',
      '',
      'Full detail of a case: refund-tracker cases show CASE. Reply to this mail with “confirm CASE” or “note CASE …” to act on a case.',
    ].join('\n');
    expect(commandsInDigestReply(digest)).toEqual({ commands: [], problems: [] });
  });

  it('`>` lines are skipped, and the signature delimiter ends the reply', () => {
    const text = ['> confirm GTB-9', 'reopen GTB-5', '-- ', 'Alice', 'confirm GTB-7'].join('\n');
    expect(withoutLine(commandsInDigestReply(text).commands)).toEqual([{ kind: 'reopen', caseNumber: 'GTB-5' }]);
  });

  it('CRLF line ends and bullets', () => {
    const parsed = commandsInDigestReply('- confirm GTB-1\r\n* reopen GTB-2\r\n• note GTB-3: ok\r\n');
    expect(withoutLine(parsed.commands)).toEqual([
      { kind: 'confirm', caseNumber: 'GTB-1' },
      { kind: 'reopen', caseNumber: 'GTB-2' },
      { kind: 'note_case', caseNumber: 'GTB-3', text: 'ok' },
    ]);
  });

  it('each problem keeps its place among the commands it did not stop', () => {
    const parsed = commandsInDigestReply('confirm GTB-1\nclose GTB-2\nreopen GTB-3');
    expect(withoutLine(parsed.commands)).toEqual([
      { kind: 'confirm', caseNumber: 'GTB-1' },
      { kind: 'reopen', caseNumber: 'GTB-3' },
    ]);
    expect(parsed.problems.map((p) => p.line)).toEqual(['close GTB-2']);
  });

  it('hostile input stays bounded: long lines are no commands, at most 50 commands are obeyed', () => {
    const long = `note: ${'x'.repeat(5000)}`;
    expect(commandsAboveForward(long)).toEqual({ commands: [], problems: [] });
    const many = Array.from({ length: 60 }, (_, i) => `confirm GTB-${i + 100}`).join('\n');
    const parsed = commandsInDigestReply(many);
    expect(parsed.commands).toHaveLength(50);
    expect(parsed.problems).toEqual([{ line: 'confirm GTB-150', why: expect.stringMatching(/at most 50 commands/) }]);
    const pathological = `close GTB-1 ${'1'.repeat(1900)}`;
    expect(commandsInDigestReply(pathological).commands).toEqual([]);
  });
});

describe('contactPersonOf', () => {
  it.each<[string, string | null]>([
    ['called Anna, refund promised by Friday', 'Anna'],
    ['spoke to Mr. Lee, he escalated it', 'Mr. Lee'],
    ['talked with María José García about the label', 'María José García'],
    ['called them, nobody answered', null],
    ['called GTBuy, on hold for 40 minutes', null],
    ['called Shoply support', null],
    ['mit Anna telefoniert', 'Anna'],
    ['mit dem Kundenservice telefoniert', null],
    ['Gespräch mit Herr Becker, Gutschrift kommt', 'Herr Becker'],
    ['parlé à Élodie Martin', 'Élodie Martin'],
    ['appelé le service client', null],
    ['hablé con Diego, dice que 5 días', 'Diego'],
  ])('%j → %j', (text, name) => {
    expect(contactPersonOf(text)).toBe(name);
  });
});

describe('fixtures: mail a user sends with commands (test/fixtures/commands)', () => {
  const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'commands');
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => f.replace(/\.eml$/, ''));

  it('there are six: three forwards (Gmail, Outlook, Apple Mail) and three digest replies', () => {
    expect(names.filter((n) => n.includes('forward'))).toHaveLength(3);
    expect(names.filter((n) => n.startsWith('digest-reply'))).toHaveLength(3);
  });

  it.each(names)('%s', async (name) => {
    const raw = readFileSync(join(dir, `${name}.eml`));
    const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8'));
    const inbound = await parseInboundMessage(raw, { maxBytes: 1024 * 1024 });
    expect(inbound.envelopeFrom?.address).toBe(expected.sender);
    expect(inbound.forward).toBe(expected.forward);
    // The whole text/plain part: for a forward, reading stops at the forward's separator by itself.
    const text = (await simpleParser(raw)).text ?? '';
    const parse = expected.parser === 'commandsAboveForward' ? commandsAboveForward : commandsInDigestReply;
    expect(parse(text)).toEqual({ commands: expected.commands, problems: expected.problems });
  });
});
