// `import imap:FOLDER` reads another folder of the tracker's account on the real Dovecot: every message in
// UID order with its INTERNALDATE, in batches, and changes nothing there (EXAMINE: no flag, no move).
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ArchivedMessage,
  ArchiveError,
  countArchive,
  detectArchive,
  readArchive,
} from '../../src/ingest/mail-archive.js';
import { countIn, imapSession, messagesIn, quietLogger, type TestWorld, testWorld } from '../support/harness.js';

const FOLDER = 'Refund archive';

/** A support mail as it would sit in an archive folder, CRLF as on the wire. */
function supportMail(n: number, body = `Your refund for order 4471-${n} has been approved.`): string {
  return [
    'From: ParcelPoint Support <support@parcelpoint.com>',
    'To: alice@example.net',
    `Subject: [Ticket #PP-2093${n}] Update ${n}`,
    `Date: Mon, ${n} Oct 2023 10:00:00 +0000`,
    `Message-ID: <archive.${n}@parcelpoint.com>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

/** What each appended message should read back as: its bytes, INTERNALDATE and flags. */
const appended = [
  { raw: supportMail(1), date: new Date('2023-10-01T10:00:05Z'), flags: ['\\Seen'] },
  { raw: supportMail(2), date: new Date('2023-10-02T11:30:00Z'), flags: [] },
  { raw: supportMail(3, 'x'.repeat(20_000)), date: new Date('2023-10-03T09:15:00Z'), flags: ['\\Flagged'] },
  { raw: supportMail(4), date: new Date('2023-10-04T16:45:00Z'), flags: [] },
  { raw: supportMail(5), date: new Date('2023-10-05T08:00:00Z'), flags: ['\\Seen', '\\Answered'] },
];

async function all(source: string, options: Parameters<typeof readArchive>[1]): Promise<ArchivedMessage[]> {
  const found: ArchivedMessage[] = [];
  for await (const m of readArchive(source, options)) found.push(m);
  return found;
}

describe('reading another IMAP folder as an archive', () => {
  let world: TestWorld;
  let imap: ImapFlow;
  let uids: number[];
  const options = () => ({ imap: world.config.imap, logger: quietLogger(), batchSize: 2 });

  beforeAll(async () => {
    world = testWorld();
    imap = await imapSession(world);
    await imap.mailboxCreate(FOLDER);
    uids = [];
    for (const m of appended) {
      const done = await imap.append(FOLDER, m.raw, m.flags, m.date);
      uids.push(done ? (done.uid ?? 0) : 0);
    }
    expect(uids.every((uid) => uid > 0)).toBe(true);
  });

  afterAll(async () => {
    await imap?.logout();
  });

  it('gives every message in UID order, bytes as stored, INTERNALDATE as receivedAt, across batches', async () => {
    expect(await detectArchive(`imap:${FOLDER}`)).toBe('imap');
    expect(await countArchive(`imap:${FOLDER}`, options())).toBe(5);

    const messages = await all(`imap:${FOLDER}`, options());

    expect(messages.map((m) => m.origin)).toEqual(uids.map((uid) => `imap:${FOLDER}#${uid}`));
    expect(messages.map((m) => m.raw.toString('utf8'))).toEqual(appended.map((m) => m.raw));
    expect(messages.map((m) => m.receivedAt?.toISOString())).toEqual(appended.map((m) => m.date.toISOString()));
    expect(messages.map((m) => [m.tooLarge, m.size])).toEqual(appended.map((m) => [false, Buffer.byteLength(m.raw)]));
  });

  it('changes nothing in the folder: no \\Seen added, nothing moved, INBOX untouched', async () => {
    await all(`imap:${FOLDER}`, options());

    // \Recent is this session's view (the reader's EXAMINE does not claim it): not a stored flag.
    const after = await messagesIn(imap, FOLDER);
    expect(after.map((m) => [m.uid, m.flags.filter((f) => f !== '\\Recent').sort()])).toEqual(
      appended.map((m, i) => [uids[i], [...m.flags].sort()]),
    );
    expect(await countIn(imap, 'INBOX')).toBe(0);
  });

  it('gives only the header section of a message over the size cap, with its full size', async () => {
    const messages = await all(`imap:${FOLDER}`, { ...options(), maxMessageBytes: 8192 });

    const big = messages[2];
    expect(big?.tooLarge).toBe(true);
    expect(big?.size).toBe(Buffer.byteLength(appended[2]?.raw ?? ''));
    expect(big?.raw.toString('utf8')).toBe(`${(appended[2]?.raw ?? '').split('\r\n\r\n')[0]}\r\n\r\n`);
    expect(messages.filter((m) => m.tooLarge)).toHaveLength(1);
  });

  it('refuses a folder that does not exist, naming it', async () => {
    const read = all('imap:No such folder', options());
    await expect(read).rejects.toBeInstanceOf(ArchiveError);
    await expect(read).rejects.toThrow(/imap:No such folder: no such folder/);
    await expect(countArchive('imap:No such folder', options())).rejects.toBeInstanceOf(ArchiveError);
  });

  it('stops with an error when the folder is recreated during the import (its UIDs mean nothing now)', async () => {
    const folder = 'Recreated';
    await imap.mailboxCreate(folder);
    await imap.append(folder, supportMail(6), [], new Date('2023-10-06T10:00:00Z'));
    await imap.append(folder, supportMail(7), [], new Date('2023-10-07T10:00:00Z'));
    const reader = readArchive(`imap:${folder}`, { ...options(), batchSize: 1 });

    const first = await reader.next();
    expect(first.done).toBe(false);
    await imap.mailboxDelete(folder);
    await imap.mailboxCreate(folder);
    await imap.append(folder, supportMail(8), [], new Date('2023-10-08T10:00:00Z'));
    await imap.append(folder, supportMail(9), [], new Date('2023-10-09T10:00:00Z'));

    await expect(reader.next()).rejects.toThrow(/recreated during the import/);
  });
});
