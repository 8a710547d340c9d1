import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { ImapConfig } from '../../config.js';
import { RefundTrackerError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { MailboxConnection, MailboxUnavailableError } from '../mailbox-connection.js';
import { internalDateOf } from '../mailbox-messages.js';
import { ArchiveError } from './archive-error.js';
import type { ArchivedMessage } from './types.js';

/**
 * Another folder of the tracker's own IMAP account, read as an archive: every message there when
 * the import starts, in UID order, fetched in batches. Read-only: the folder is opened with EXAMINE
 * and bodies are fetched with BODY.PEEK, so nothing is moved, flagged or marked seen.
 *
 * Each batch takes the folder lock, fetches, and releases it before its messages are handed on, so
 * a slow consumer holds no lock and a dropped connection is replaced at the next batch. If the
 * folder's UIDVALIDITY changes meanwhile (it was deleted and recreated), the UIDs read at the start
 * mean nothing any more: the import stops with an error, and running it again is safe (idempotent).
 */

/** Bytes of message bodies fetched per round trip at most (a single larger message goes alone). */
const GROUP_BYTES = 32 * 1024 * 1024;

/** What a too-large message costs in a group: only its header section is fetched. */
const HEADER_ESTIMATE_BYTES = 64 * 1024;

export interface ImapFolderOptions {
  imap: ImapConfig;
  maxMessageBytes: number;
  batchSize: number;
  logger: Logger;
}

export async function* readImapFolder(folder: string, options: ImapFolderOptions): AsyncGenerator<ArchivedMessage> {
  const logger = options.logger.child({ component: 'archive-imap', folder });
  const connection = new MailboxConnection(options.imap, logger);
  try {
    const start = await inFolder(connection, folder, null, async (client) => {
      const found = await client.search({ all: true }, { uid: true });
      return (Array.isArray(found) ? found : []).sort((a, b) => a - b);
    });
    const { uidValidity, result: uids } = start;
    for (let i = 0; i < uids.length; i += options.batchSize) {
      const batch = uids.slice(i, i + options.batchSize);
      const { result: heads } = await inFolder(connection, folder, uidValidity, (client) =>
        client.fetchAll(uidSet(batch), { uid: true, size: true, internalDate: true }, { uid: true }),
      );
      heads.sort((a, b) => a.uid - b.uid);
      const listed = new Set(heads.map((h) => h.uid));
      for (const uid of batch) if (!listed.has(uid)) logger.warn({ uid }, 'message left the folder before it was read');
      for (const group of groupsBySize(heads, options.maxMessageBytes)) {
        const { result: bodies } = await inFolder(connection, folder, uidValidity, (client) =>
          fetchBodies(client, group, options.maxMessageBytes),
        );
        for (const head of group) {
          const raw = bodies.get(head.uid);
          if (!raw) {
            logger.warn({ uid: head.uid }, 'message left the folder before it was read');
            continue;
          }
          const size = head.size ?? raw.length;
          yield {
            raw,
            size,
            tooLarge: size > options.maxMessageBytes,
            origin: `imap:${folder}#${head.uid}`,
            receivedAt: internalDateOf(head.internalDate),
          };
        }
      }
    }
  } finally {
    await connection.close();
  }
}

/** Messages in the folder now, by STATUS (the folder is not opened). */
export async function countImapFolder(
  folder: string,
  options: Pick<ImapFolderOptions, 'imap' | 'logger'>,
): Promise<number> {
  const connection = new MailboxConnection(options.imap, options.logger);
  try {
    const client = await connection.get();
    let status: Awaited<ReturnType<ImapFlow['status']>>;
    try {
      status = await client.status(folder, { messages: true });
    } catch (cause) {
      throw await folderError(client, folder, cause);
    }
    if (!status) throw await folderError(client, folder, undefined);
    return status.messages ?? 0;
  } finally {
    await connection.close();
  }
}

/**
 * Runs `work` with the folder open read-only (EXAMINE) under its lock, then closes the folder, so
 * every call opens it afresh and sees its current UIDVALIDITY. `expected`: the UIDVALIDITY the UIDs
 * in hand belong to (null on the first call, which learns it). A connection the server closed
 * since the last call is replaced once.
 */
async function inFolder<T>(
  connection: MailboxConnection,
  folder: string,
  expected: bigint | null,
  work: (client: ImapFlow) => Promise<T>,
): Promise<{ uidValidity: bigint; result: T }> {
  let client = await connection.get();
  let lock: { release(): void };
  try {
    lock = await client.getMailboxLock(folder, { readOnly: true, description: 'archive import' });
  } catch (cause) {
    if (client.usable) throw await folderError(client, folder, cause);
    client = await connection.get();
    try {
      lock = await client.getMailboxLock(folder, { readOnly: true, description: 'archive import' });
    } catch (again) {
      throw await folderError(client, folder, again);
    }
  }
  try {
    const uidValidity = client.mailbox ? client.mailbox.uidValidity : null;
    if (uidValidity === null) throw new MailboxUnavailableError(`IMAP folder ${folder} could not be opened`);
    if (expected !== null && uidValidity !== expected) {
      throw new ArchiveError(
        `imap:${folder}`,
        'was recreated during the import (its UIDVALIDITY changed); run it again',
      );
    }
    return { uidValidity, result: await work(client) };
  } catch (cause) {
    if (cause instanceof RefundTrackerError) throw cause;
    throw new MailboxUnavailableError(`reading IMAP folder ${folder} failed: ${(cause as Error).message}`, { cause });
  } finally {
    lock.release();
    // CLOSE after EXAMINE expunges nothing (RFC 3501 6.4.2); it only unselects.
    await client.mailboxClose().catch(() => undefined);
  }
}

/** A missing folder is the user's mistake (ArchiveError); anything else is the server's. */
async function folderError(client: ImapFlow, folder: string, cause: unknown): Promise<RefundTrackerError> {
  if (cause instanceof RefundTrackerError) return cause;
  let missing = (cause as { mailboxMissing?: boolean } | undefined)?.mailboxMissing === true;
  if (!missing) {
    try {
      missing = !(await client.list()).some((m) => m.path === folder);
    } catch {
      // The connection is gone: report the original failure.
    }
  }
  if (missing) {
    return new ArchiveError(`imap:${folder}`, 'no such folder in the IMAP account', { cause });
  }
  const why = cause instanceof Error ? cause.message : 'no answer';
  return new MailboxUnavailableError(`cannot open IMAP folder ${folder}: ${why}`, { cause });
}

/** Bodies of a group, by UID: whole messages, or only the header section of a too-large one. */
async function fetchBodies(
  client: ImapFlow,
  group: FetchMessageObject[],
  maxMessageBytes: number,
): Promise<Map<number, Buffer>> {
  const bodies = new Map<number, Buffer>();
  const whole = group.filter((h) => (h.size ?? 0) <= maxMessageBytes).map((h) => h.uid);
  const headersOnly = group.filter((h) => (h.size ?? 0) > maxMessageBytes).map((h) => h.uid);
  if (whole.length > 0) {
    for (const m of await client.fetchAll(uidSet(whole), { uid: true, source: true }, { uid: true })) {
      if (m.source) bodies.set(m.uid, m.source);
    }
  }
  if (headersOnly.length > 0) {
    for (const m of await client.fetchAll(uidSet(headersOnly), { uid: true, headers: true }, { uid: true })) {
      if (m.headers) bodies.set(m.uid, m.headers);
    }
  }
  return bodies;
}

/** Consecutive messages whose bodies together stay within GROUP_BYTES (at least one each). */
function groupsBySize<T extends { size?: number | undefined }>(heads: T[], maxMessageBytes: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const head of heads) {
    const size = head.size ?? 0;
    const cost = size > maxMessageBytes ? HEADER_ESTIMATE_BYTES : size;
    if (current.length > 0 && bytes + cost > GROUP_BYTES) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(head);
    bytes += cost;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** `[1,2,3,5,7,8]` → `1:3,5,7:8`: a short UID set for sorted UIDs. */
function uidSet(uids: number[]): string {
  const ranges: string[] = [];
  let i = 0;
  while (i < uids.length) {
    const first = uids[i] as number;
    let last = first;
    while (i + 1 < uids.length && uids[i + 1] === last + 1) {
      i += 1;
      last = uids[i] as number;
    }
    ranges.push(first === last ? String(first) : `${first}:${last}`);
    i += 1;
  }
  return ranges.join(',');
}
