// Mail archives read for `import`: mbox (Thunderbird, Gmail Takeout CRLF, Apple Mail), Maildir, a folder
// of .eml files, a single .eml; what is refused and how. Expectations were read off the fixtures by hand.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseFromLine } from '../../src/ingest/archive/from-line.js';
import { compareMaildirNames, deliveryTime } from '../../src/ingest/archive/maildir.js';
import { MboxSplitter, readMbox, unquoteFrom } from '../../src/ingest/archive/mbox.js';
import {
  type ArchivedMessage,
  ArchiveError,
  countArchive,
  detectArchive,
  readArchive,
} from '../../src/ingest/mail-archive.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';

const archives = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'archives');
const at = (...path: string[]) => join(archives, ...path);
const scratch = mkdtempSync(join(tmpdir(), 'rt-archive-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function all(source: string, options: Parameters<typeof readArchive>[1] = {}): Promise<ArchivedMessage[]> {
  const found: ArchivedMessage[] = [];
  for await (const m of readArchive(source, options)) found.push(m);
  return found;
}
const text = (m: ArchivedMessage | undefined) => m?.raw.toString('utf8') ?? '';
const parse = (m: ArchivedMessage) => parseInboundMessage(m.raw, { maxBytes: 1024 * 1024 });
const subjectsOf = (ms: ArchivedMessage[]) => Promise.all(ms.map(async (m) => (await parse(m)).original.subject));
const iso = (m: ArchivedMessage) => m.receivedAt?.toISOString() ?? null;

/** What the error says, or a failure when there is none. */
async function failure(run: () => Promise<unknown>): Promise<ArchiveError> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(ArchiveError);
    expect(err).toBeInstanceOf(UsageError);
    return err as ArchiveError;
  }
  throw new Error('expected an ArchiveError');
}

describe('mbox', () => {
  it('splits a Thunderbird mbox into its three messages, From_ lines dropped, >From unquoted', async () => {
    const path = at('thunderbird-refunds.mbox');
    const messages = await all(path);

    expect(messages.map((m) => m.origin)).toEqual([1, 2, 3].map((n) => `mbox:${path}#${n}`));
    expect(await subjectsOf(messages)).toEqual([
      'We received your request - Case Number: GTB-2023-5876',
      'Re: We received your request - Case Number: GTB-2023-5876',
      'Your refund has been processed - Case Number: GTB-2023-5876',
    ]);
    expect(messages.map(iso)).toEqual([
      '2023-10-26T14:03:11.000Z',
      '2023-10-27T18:30:42.000Z',
      '2023-11-02T09:47:03.000Z',
    ]);
    for (const m of messages) {
      expect(text(m).startsWith('X-Mozilla-Status: 0001\n')).toBe(true);
      expect(text(m)).not.toMatch(/^From - /m);
      expect(m.tooLarge).toBe(false);
      expect(m.size).toBe(m.raw.length);
    }
    // mboxrd: one '>' comes off a quoted From_ line, however many there are.
    expect(text(messages[1])).toContain('\nFrom the tracking page it looks like');
    expect(text(messages[1])).toContain('\n>From now on all returns go through the web form.\n');
    // The blank line before the next From_ line separates; it is not the message's.
    expect(text(messages[0]).endsWith('reply within 2 business days.\n\nGTBuy Customer Service\n')).toBe(true);
    expect(text(messages[2]).endsWith('GTBuy Refunds Team\n')).toBe(true);
  });

  it('reads a Gmail Takeout mbox with CRLF lines, keeping CRLF, and its From_ dates with a zone before the year', async () => {
    const messages = await all(at('gmail-takeout.mbox'));

    expect(messages).toHaveLength(2);
    expect(messages.map(iso)).toEqual(['2023-11-07T10:15:00.000Z', '2023-11-10T16:42:31.000Z']);
    expect(await subjectsOf(messages)).toEqual([
      'Ihre Anfrage – Ticket-Nr. NH-448120',
      'Erstattung veranlasst – Ticket-Nr. NH-448120',
    ]);
    for (const m of messages) {
      expect(text(m).startsWith('X-GM-THRID: 1781048203947412553\r\n')).toBe(true);
      expect(text(m)).not.toMatch(/[^\r]\n/);
    }
    expect(text(messages[0]).endsWith('Nordhaus Kundenservice\r\n')).toBe(true);
  });

  it("reads Apple Mail's export folder Name.mbox through the mbox file inside it", async () => {
    const folder = at('apple-mail', 'Refunds.mbox');
    expect(await detectArchive(folder)).toBe('mbox');
    const messages = await all(folder);

    expect(messages.map((m) => m.origin)).toEqual([`mbox:${join(folder, 'mbox')}#1`]);
    expect(messages.map(iso)).toEqual(['2023-11-06T08:05:12.000Z']);
    expect(await subjectsOf(messages)).toEqual(['Return RMA-55310 received']);
  });

  it('gives every message of a 500-message mbox built at run time, each once, in order', async () => {
    const path = join(scratch, 'big.mbox');
    writeFileSync(path, generatedMbox(500, '\n', 'careless'));

    const messages = await all(path);

    expect(messages).toHaveLength(500);
    const keys = await Promise.all(messages.map(async (m) => (await parse(m)).messageKey));
    expect(new Set(keys).size).toBe(500);
    expect(messages.map((m) => /^Message-ID: <(\d+)@/m.exec(text(m))?.[1])).toEqual(
      Array.from({ length: 500 }, (_, i) => String(i + 1)),
    );
    expect(messages.every((m) => text(m).includes('\nFrom the moment your parcel arrived'))).toBe(true);
    expect(await countArchive(path)).toBe(500);
  });

  it('gives back the exact bytes an mboxrd writer quoted, LF and CRLF, whatever the read size', async () => {
    for (const eol of ['\n', '\r\n']) {
      const originals = Array.from({ length: 4 }, (_, i) => generatedMessage(i + 1, eol));
      const path = join(scratch, `roundtrip-${eol.length}.mbox`);
      writeFileSync(path, generatedMbox(4, eol));
      for (const chunkBytes of [1, 7, 4096, 65536]) {
        const read: string[] = [];
        for await (const m of readMbox(path, { maxMessageBytes: 1024 * 1024, chunkBytes })) read.push(text(m));
        expect(read).toEqual(originals);
      }
    }
  });

  it('splits where an exporter left out the blank line before a From_ line, when headers follow it', async () => {
    const path = join(scratch, 'no-blank-lines.mbox');
    writeFileSync(
      path,
      [
        'From a@example.com Mon Nov  6 08:05:12 2023',
        'Subject: first',
        '',
        'As agreed on the phone:',
        'From support@shop.example.com Mon Nov  6 08:05:12 2023',
        'we refund the full amount.',
        'From b@example.com Mon Nov  6 08:06:12 2023',
        'Subject: second',
        '',
        'two',
        'From c@example.com Mon Nov  6 08:07:12 2023',
        '',
      ].join('\n'),
    );

    const messages = await all(path);

    expect(messages.map(text)).toEqual([
      'Subject: first\n\nAs agreed on the phone:\nFrom support@shop.example.com Mon Nov  6 08:05:12 2023\nwe refund the full amount.\n',
      'Subject: second\n\ntwo\nFrom c@example.com Mon Nov  6 08:07:12 2023\n',
    ]);
    expect(messages.map(iso)).toEqual(['2023-11-06T08:05:12.000Z', '2023-11-06T08:06:12.000Z']);
    expect(await countArchive(path)).toBe(2);
  });

  it('keeps a line longer than a read chunk many times over whole', async () => {
    const long = `<p>${'Refund approved. '.repeat(150_000)}</p>`;
    const message = `Message-ID: <long@example.com>\nSubject: long line\n\n${long}\n`;
    const path = join(scratch, 'long-line.mbox');
    writeFileSync(
      path,
      `From x@example.com Mon Nov  6 08:05:12 2023\n${message}\nFrom y@example.com Mon Nov  6 09:00:00 2023\nSubject: next\n\nok\n`,
    );

    const messages = await all(path);

    expect(messages.map(text)).toEqual([message, 'Subject: next\n\nok\n']);
  });

  it('does not stop at a message that is not mail: it is passed on for the pipeline to quarantine', async () => {
    const path = join(scratch, 'one-bad.mbox');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from('From a@example.com Mon Nov  6 08:05:12 2023\nSubject: first\n\none\n\n'),
        Buffer.from('From b@example.com Mon Nov  6 08:06:12 2023\n\x00\x01\x02\xff\xfe binary junk\n\n'),
        Buffer.from('From c@example.com Mon Nov  6 08:07:12 2023\nSubject: third\n\nthree\n'),
      ]),
    );

    const messages = await all(path);

    expect(messages.map((m) => m.origin.split('#')[1])).toEqual(['1', '2', '3']);
    expect(text(messages[2])).toBe('Subject: third\n\nthree\n');
  });

  it('yields only the header section of a message over the size cap, and its full size', async () => {
    const body = 'x'.repeat(5000);
    const path = join(scratch, 'large.mbox');
    writeFileSync(
      path,
      `From a@example.com Mon Nov  6 08:05:12 2023\nSubject: big\nMessage-ID: <big@example.com>\n\n${body}\n${body}\n\nFrom b@example.com Mon Nov  6 08:06:12 2023\nSubject: small\n\nok\n`,
    );

    const [big, small] = await all(path, { maxMessageBytes: 4096 });

    expect(big?.tooLarge).toBe(true);
    expect(text(big)).toBe('Subject: big\nMessage-ID: <big@example.com>\n\n');
    expect(big?.size).toBe(text(big).length + 2 * 5001);
    expect(small?.tooLarge).toBe(false);
    expect(text(small)).toBe('Subject: small\n\nok\n');
  });

  it('reports a file cut off inside a header section after giving the messages before it', async () => {
    const path = at('truncated.mbox');
    const got: string[] = [];
    const err = await failure(async () => {
      for await (const m of readArchive(path)) got.push(m.origin);
    });

    expect(got).toEqual([`mbox:${path}#1`]);
    expect(err.message).toContain(path);
    expect(err.position).toBe('message 2, From_ line at byte 292, line 10');
  });
});

describe('From_ lines', () => {
  it.each([
    ['From - Thu Nov 02 10:15:22 2023', '-', '2023-11-02T10:15:22.000Z'],
    [
      'From 1781048203947412553@xxx Tue Nov 07 10:15:00 +0000 2023',
      '1781048203947412553@xxx',
      '2023-11-07T10:15:00.000Z',
    ],
    ['From refunds@gtbuy.com Thu Nov  2 10:15:22 2023', 'refunds@gtbuy.com', '2023-11-02T10:15:22.000Z'],
    ['From MAILER-DAEMON Fri Jul  8 12:08:34 2011', 'MAILER-DAEMON', '2011-07-08T12:08:34.000Z'],
    ['From alice@example.net Thu Nov  2 10:15:22 2023 +0100', 'alice@example.net', '2023-11-02T09:15:22.000Z'],
    ['From alice@example.net Thu, 02 Nov 2023 10:15:22 -0500', 'alice@example.net', '2023-11-02T15:15:22.000Z'],
    ['From alice@example.net Thu Nov  2 10:15 CET 2023', 'alice@example.net', '2023-11-02T10:15:00.000Z'],
    // A separator with a date nobody can read is still a separator, without a date.
    ['From alice@example.net Donnerstag 2.11. 10:15 2023', 'alice@example.net', null],
    ['From alice@example.net Thu Feb 31 10:15:22 2023', 'alice@example.net', null],
  ])('%s', (line, sender, date) => {
    const found = parseFromLine(line);
    expect(found?.sender).toBe(sender);
    expect(found?.date?.toISOString() ?? null).toBe(date);
  });

  it.each([
    'From the moment we received your parcel, 3 weeks have passed.',
    'From: GTBuy <noreply@gtbuy.com>',
    'From 9:00 to 17:00 our lines are open',
    'From me',
    `From x@example.com Thu Nov  2 10:15:22 2023${' '.repeat(600)}`,
  ])('is not a From_ line: %s', (line) => {
    expect(parseFromLine(line)).toBeNull();
  });

  it.each([
    ['>From here', 'From here'],
    ['>>From here', '>From here'],
    ['>>>From here\r\n', '>>From here\r\n'],
    ['> From here', '> From here'],
    ['>Fromage', '>Fromage'],
    ['From here', 'From here'],
    ['>', '>'],
  ])('mboxrd unquoting: %j becomes %j', (line, expected) => {
    expect(unquoteFrom(Buffer.from(line)).toString()).toBe(expected);
  });

  it('counts what it splits without keeping bytes', () => {
    const splitter = new MboxSplitter({ path: 'x.mbox', maxMessageBytes: 0, keepBytes: false });
    const found = [...splitter.push(Buffer.from(generatedMbox(3, '\n'))), ...splitter.end()];
    expect(found.map((m) => [m.index, m.raw.length])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
    expect(splitter.messages).toBe(3);
  });
});

describe('Maildir', () => {
  const root = at('maildir');

  it('reads cur/ and new/ together in delivery order, never tmp/ or the subfolders', async () => {
    const messages = await all(root);

    expect(messages.map((m) => m.origin)).toEqual([
      `maildir:${root}/cur/1698345664.M20P4711.mx1,S=574:2,S`,
      `maildir:${root}/cur/1698400012.M3P5120.mx1,S=534:2,RS`,
      `maildir:${root}/new/1698432000.M7P6021.mx1,S=555`,
    ]);
    expect(messages.map(iso)).toEqual([
      '2023-10-26T18:41:04.000Z',
      '2023-10-27T09:46:52.000Z',
      '2023-10-27T18:40:00.000Z',
    ]);
    expect(await subjectsOf(messages)).toEqual([
      '[Ticket #PP-20931] Missing parcel',
      '[Ticket #PP-20931] Carrier trace started',
      '[Ticket #PP-20931] Refund issued',
    ]);
    expect(await countArchive(root)).toBe(3);
  });

  it('with recursive, reads the Maildir++ subfolders after the folder itself', async () => {
    const messages = await all(root, { recursive: true });

    expect(messages.map((m) => m.origin.slice(`maildir:${root}/`.length))).toEqual([
      'cur/1698345664.M20P4711.mx1,S=574:2,S',
      'cur/1698400012.M3P5120.mx1,S=534:2,RS',
      'new/1698432000.M7P6021.mx1,S=555',
      '.Sent/cur/1698346000.M1P4802.laptop,S=485:2,S',
    ]);
    expect(await countArchive(root, { recursive: true })).toBe(4);
  });

  it('orders by the delivery time as a number, and dates by it', () => {
    const names = ['1698432000.M7P6021.mx1', '999999999.M1P1.old', 'courier-file', '1698345664.M20P4711.mx1:2,S'];
    expect([...names].sort(compareMaildirNames)).toEqual([
      '999999999.M1P1.old',
      '1698345664.M20P4711.mx1:2,S',
      '1698432000.M7P6021.mx1',
      'courier-file',
    ]);
    expect(deliveryTime('1698345664.M20P4711.mx1:2,S')?.toISOString()).toBe('2023-10-26T18:41:04.000Z');
    expect(deliveryTime('courier-file')).toBeNull();
  });

  it('yields the header section only of a file over the size cap', async () => {
    const dir = join(scratch, 'big-maildir');
    mkdirSync(join(dir, 'cur'), { recursive: true });
    writeFileSync(join(dir, 'cur', '1700000000.M1P1.host:2,S'), `Subject: huge\r\n\r\n${'y'.repeat(10_000)}\r\n`);

    const [m] = await all(dir, { maxMessageBytes: 2048 });

    expect(m?.tooLarge).toBe(true);
    expect(text(m)).toBe('Subject: huge\r\n\r\n');
    expect(m?.size).toBe(17 + 10_002);
  });
});

describe('.eml files', () => {
  const folder = at('eml-folder');

  it('reads every .eml of a folder in name order, numbers as numbers, any case of extension', async () => {
    expect(await detectArchive(folder)).toBe('eml-folder');
    const messages = await all(folder);

    expect(messages.map((m) => m.origin)).toEqual([
      `eml:${folder}/1 Web form confirmation.eml`,
      `eml:${folder}/2 Agent reply.eml`,
      `eml:${folder}/10 Replacement shipped.EML`,
    ]);
    expect(messages.map((m) => m.receivedAt)).toEqual([null, null, null]);
    expect(await countArchive(folder)).toBe(3);
  });

  it('with recursive, also the subfolders', async () => {
    const messages = await all(folder, { recursive: true });
    expect(messages.map((m) => m.origin.slice(`eml:${folder}/`.length))).toEqual([
      '1 Web form confirmation.eml',
      '2 Agent reply.eml',
      '10 Replacement shipped.EML',
      '2024/11 Survey.eml',
    ]);
  });

  it('reads a single .eml file, and one with a From_ line on top takes its date from it', async () => {
    const single = join(folder, '2 Agent reply.eml');
    expect(await detectArchive(single)).toBe('eml');
    expect(await subjectsOf(await all(single))).toEqual(['Re: Request QC-88123']);

    const saved = join(scratch, 'saved-by-mutt.txt');
    writeFileSync(saved, 'From help@quickcart.example Tue Mar  5 15:30:02 2024\nSubject: Re: Request QC-88123\n\nHi\n');
    expect(await detectArchive(saved)).toBe('mbox');
    const withHeaderFirst = join(scratch, 'message.txt');
    writeFileSync(withHeaderFirst, 'Return-Path: <help@quickcart.example>\nSubject: Re: Request QC-88123\n\nHi\n');
    expect(await detectArchive(withHeaderFirst)).toBe('eml');

    const emlWithFromLine = join(scratch, 'with-from-line.eml');
    writeFileSync(
      emlWithFromLine,
      'From help@quickcart.example Tue Mar  5 15:30:02 2024\nSubject: Re: Request QC-88123\n\nHi\n',
    );
    const [m] = await all(emlWithFromLine);
    expect(text(m)).toBe('Subject: Re: Request QC-88123\n\nHi\n');
    expect(m?.receivedAt?.toISOString()).toBe('2024-03-05T15:30:02.000Z');
  });
});

describe('what is not an archive', () => {
  const file = (name: string, content: string | Buffer) => {
    const path = join(scratch, name);
    writeFileSync(path, content);
    return path;
  };

  it.each([
    ['a missing path', () => join(scratch, 'nowhere.mbox'), 'no such file or folder', null],
    ['an empty file', () => file('empty.mbox', ''), 'is empty', null],
    ['a file of blank lines', () => file('blank.mbox', '\n\r\n\n'), 'is empty', null],
    ['a binary file', () => file('photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10])), 'binary', 'byte 4'],
    ['a gzip file', () => file('inbox.mbox.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00])), 'gzip', null],
    ['a zip file', () => file('takeout.zip', Buffer.from('PK\x03\x04\x14\x00', 'latin1')), 'unpack it', null],
    ['a text file', () => file('notes.txt', 'Called Anna on Monday.\n'), 'neither an mbox', 'byte 0, line 1'],
    ['a folder of other files', () => at('maildir', 'tmp'), 'neither a Maildir', null],
  ])('%s: an error naming it', async (_, make, says, position) => {
    const path = make();
    const err = await failure(() => detectArchive(path));
    expect(err.message).toContain(path);
    expect(err.message).toContain(says);
    expect(err.position).toBe(position);
    // readArchive and countArchive refuse the same way.
    await failure(() => all(path));
    await failure(() => countArchive(path));
  });

  it('a folder holding .mbox files says to import them one by one', async () => {
    const dir = join(scratch, 'thunderbird-profile');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'Inbox.mbox'), 'From - Thu Nov 02 10:15:22 2023\nSubject: x\n\ny\n');
    const err = await failure(() => detectArchive(dir));
    expect(err.message).toContain('Inbox.mbox');
  });

  it('an .mbox that starts with neither a From_ line nor a header is refused at its first text line', async () => {
    const path = join(scratch, 'not-really.mbox');
    writeFileSync(path, '\r\n\nDear Alice, your refund was approved.\n');
    const err = await failure(() => all(path));
    expect(err.message).toContain('not-really.mbox');
    expect(err.position).toBe('byte 3, line 3');
  });

  it("Apple Mail's mbox inside its folder must be an mbox", async () => {
    const dir = join(scratch, 'Broken.mbox');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'mbox'), 'Subject: a lone message\n\nbody\n');
    const err = await failure(() => detectArchive(dir));
    expect(err.message).toContain(join(dir, 'mbox'));
    expect(err.message).toContain('not an mbox');
  });

  it('imap: without a folder name is a usage error', async () => {
    await expect(detectArchive('imap:')).rejects.toBeInstanceOf(UsageError);
    expect(await detectArchive('imap:Archive/2023')).toBe('imap');
  });
});

/**
 * Message `n`: a body with a `From ` line after a blank line that is not a From_ line, a From_ line
 * look-alike and quoted ones (which the writer quotes, mboxrd style), and a header-only-ish ending.
 */
function generatedMessage(n: number, eol: string): string {
  return [
    `Message-ID: <${n}@shop.example.com>`,
    `Date: Mon, 6 Nov 2023 08:${String(n % 60).padStart(2, '0')}:00 +0000`,
    'From: Shop Support <support@shop.example.com>',
    'To: alice@example.net',
    `Subject: Case SHOP-${100_000 + n}: update ${n}`,
    '',
    'Hello Alice,',
    '',
    'From the moment your parcel arrived we started the refund.',
    'From support@shop.example.com Mon Nov  6 08:05:12 2023',
    '>From the warehouse: checked.',
    '>>From the courier: delivered.',
    '',
    `Refund ${n}.00 EUR approved.`,
    '',
  ].join(eol);
}

/** An mbox of `count` generated messages, as a careful mboxrd writer (Python's mailbox) writes it, or not. */
function generatedMbox(count: number, eol: string, writer: 'mboxrd' | 'careless' = 'mboxrd'): string {
  // A careless writer quotes only what looks like a From_ line, leaving `From the moment…` as it is.
  const quotable = writer === 'mboxrd' ? /^(>*From )/gm : /^(>*From )(?!the moment)/gm;
  return Array.from({ length: count }, (_, i) => {
    const quoted = generatedMessage(i + 1, eol).replace(quotable, '>$1');
    return `From support@shop.example.com Mon Nov  6 08:05:12 2023${eol}${quoted}${eol}`;
  }).join('');
}
