import type { Dirent } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { loadImapConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { createLogger } from '../logger.js';
import { ArchiveError } from './archive/archive-error.js';
import { isEmlName, listEmlFolder, readEmlFiles } from './archive/eml.js';
import { countImapFolder, readImapFolder } from './archive/imap-folder.js';
import { listMaildir, readMaildir } from './archive/maildir.js';
import { countMbox, readMbox } from './archive/mbox.js';
import { isDirectory } from './archive/message-file.js';
import {
  type ArchivedMessage,
  type ArchiveKind,
  type ArchiveOptions,
  DEFAULT_MAX_MESSAGE_BYTES,
} from './archive/types.js';

/**
 * Mail the user already has, read as a stream of raw messages for `import PATH|imap:FOLDER`:
 * an mbox file (Thunderbird, Gmail Takeout, Apple Mail's `Name.mbox/mbox`, mutt), a Maildir, a
 * folder of .eml files, a single .eml file, or another folder of the tracker's IMAP account.
 * Nothing here parses or judges a message: a message that cannot be parsed is still yielded, for
 * the pipeline to quarantine. Only what makes the archive itself unreadable is an error
 * (ArchiveError: missing, empty, binary, not an mbox, cut off inside a header, no such IMAP folder).
 */

export { ArchiveError } from './archive/archive-error.js';
export type { ArchivedMessage, ArchiveKind, ArchiveOptions } from './archive/types.js';

/** `imap:Archive/2023` names a folder of the tracker's IMAP account; a local path never starts so. */
export const IMAP_SOURCE_PREFIX = 'imap:';

/** How many leading bytes tell what a file is. */
const SNIFF_BYTES = 4096;

/** Where an archive is and what it is; `path` is absolute (the IMAP folder name for `imap`). */
export interface LocatedArchive {
  kind: ArchiveKind;
  path: string;
}

/** What kind of archive `source` is; an ArchiveError (a UsageError) naming it for anything else. */
export async function detectArchive(
  source: string,
  options: Pick<ArchiveOptions, 'recursive'> = {},
): Promise<ArchiveKind> {
  return (await locateArchive(source, options)).kind;
}

/** Every message of the archive, one at a time, in the archive's order (see each reader). */
export async function* readArchive(source: string, options: ArchiveOptions = {}): AsyncGenerator<ArchivedMessage> {
  const settings = settle(options);
  const archive = await locateArchive(source, settings);
  switch (archive.kind) {
    case 'mbox':
      yield* readMbox(archive.path, settings);
      return;
    case 'maildir':
      yield* readMaildir(archive.path, settings);
      return;
    case 'eml-folder':
      yield* readEmlFiles(await listEmlFolder(archive.path, settings.recursive), settings.maxMessageBytes);
      return;
    case 'eml':
      yield* readEmlFiles([archive.path], settings.maxMessageBytes);
      return;
    case 'imap':
      yield* readImapFolder(archive.path, { ...settings, imap: settings.imap() });
      return;
  }
}

/**
 * How many messages readArchive will yield, for a progress total: the mbox is split the same way
 * without keeping bytes; folders are listed; an IMAP folder is asked by STATUS.
 */
export async function countArchive(source: string, options: ArchiveOptions = {}): Promise<number> {
  const settings = settle(options);
  const archive = await locateArchive(source, settings);
  switch (archive.kind) {
    case 'mbox':
      return countMbox(archive.path);
    case 'maildir':
      return (await listMaildir(archive.path, settings.recursive)).length;
    case 'eml-folder':
      return (await listEmlFolder(archive.path, settings.recursive)).length;
    case 'eml':
      return 1;
    case 'imap':
      return countImapFolder(archive.path, { imap: settings.imap(), logger: settings.logger });
  }
}

/** Defaults merged and checked once. The IMAP configuration is loaded only for an IMAP source. */
function settle(options: ArchiveOptions) {
  const maxMessageBytes = options.maxMessageBytes ?? options.imap?.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes < 1) {
    throw new UsageError(`maxMessageBytes must be a positive whole number of bytes, not ${maxMessageBytes}`);
  }
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new UsageError(`batchSize must be a positive whole number, not ${batchSize}`);
  }
  return {
    recursive: options.recursive ?? false,
    maxMessageBytes,
    batchSize,
    logger: options.logger ?? createLogger('silent'),
    imap: () => options.imap ?? loadImapConfig(),
  };
}

/** Finds what `source` names; see detectArchive. */
async function locateArchive(source: string, options: Pick<ArchiveOptions, 'recursive'> = {}): Promise<LocatedArchive> {
  if (source.startsWith(IMAP_SOURCE_PREFIX)) {
    const folder = source.slice(IMAP_SOURCE_PREFIX.length);
    if (folder.trim() === '') throw new UsageError(`${source}: name the IMAP folder, e.g. imap:Archive`);
    return { kind: 'imap', path: folder };
  }
  const path = resolve(source);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ArchiveError(source, missing ? 'no such file or folder' : `cannot be read: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (info.isDirectory()) return locateInFolder(source, path, options.recursive ?? false);
  if (!info.isFile()) throw new ArchiveError(source, 'is neither a file nor a folder');
  return { kind: await sniffFile(source, path), path };
}

async function locateInFolder(source: string, path: string, recursive: boolean): Promise<LocatedArchive> {
  if ((await isDirectory(join(path, 'cur'))) || (await isDirectory(join(path, 'new')))) {
    return { kind: 'maildir', path };
  }
  let entries: Dirent[];
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (cause) {
    throw new ArchiveError(source, `cannot be listed: ${(cause as Error).message}`, { cause });
  }
  // Apple Mail exports a mailbox as a folder `Name.mbox` holding the mbox file `mbox`.
  if (entries.some((e) => e.isFile() && e.name === 'mbox')) {
    const inner = join(path, 'mbox');
    await sniffFile(join(source, 'mbox'), inner, 'mbox');
    return { kind: 'mbox', path: inner };
  }
  if ((await listEmlFolder(path, recursive)).length > 0) return { kind: 'eml-folder', path };
  const mboxFiles = entries.filter((e) => e.isFile() && /\.mbox$/i.test(e.name)).map((e) => e.name);
  if (mboxFiles.length > 0) {
    const named = mboxFiles.slice(0, 3).join(', ') + (mboxFiles.length > 3 ? ', …' : '');
    throw new ArchiveError(source, `holds mbox files (${named}): import each one by its path`);
  }
  const hint = !recursive && entries.some((e) => e.isDirectory()) ? ' (its subfolders are read with --recursive)' : '';
  throw new ArchiveError(
    source,
    `is neither a Maildir (no cur/ or new/ folder) nor a folder of .eml files (none found${hint})`,
  );
}

/**
 * mbox or single message, from the first bytes: an mbox starts with a From_ line, a message with
 * a header field; a `.eml` name says message. Compressed and binary files are refused by name.
 */
async function sniffFile(source: string, path: string, expected?: 'mbox'): Promise<'mbox' | 'eml'> {
  const head = await firstBytes(source, path);
  if (head.length === 0) throw new ArchiveError(source, 'is empty');
  if (head[0] === 0x1f && head[1] === 0x8b) throw new ArchiveError(source, 'is gzip-compressed: decompress it first');
  if (head.subarray(0, 4).toString('latin1') === 'PK\x03\x04') {
    throw new ArchiveError(source, 'is a zip file (a Google Takeout download?): unpack it and import the .mbox inside');
  }
  const skipped = /^(?:\r?\n)*/.exec(head.toString('latin1', 0, 256))?.[0] ?? '';
  const text = head.toString('latin1', skipped.length);
  if (text.trim() === '') throw new ArchiveError(source, 'is empty');
  const startsWithFromLine = text.startsWith('From ');
  const startsWithHeader = /^[\x21-\x39\x3b-\x7e]{1,76}:/.test(text);
  // Content decides; the name only tells a lone message with a From_ line on top from an mbox.
  if (expected !== 'mbox' && (startsWithFromLine || startsWithHeader) && isEmlName(basename(path))) return 'eml';
  if (startsWithFromLine) return 'mbox';
  if (startsWithHeader && expected !== 'mbox') return 'eml';
  const nul = head.indexOf(0);
  if (nul >= 0) throw new ArchiveError(source, 'holds binary data, not mail', { position: `byte ${nul}` });
  const position = `byte ${skipped.length}, line ${(skipped.match(/\n/g) ?? []).length + 1}`;
  throw new ArchiveError(
    source,
    expected === 'mbox'
      ? 'is not an mbox: its first line is not a From_ line'
      : 'is neither an mbox (no From_ line first) nor a message (no header field first)',
    { position },
  );
}

async function firstBytes(source: string, path: string): Promise<Buffer> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (cause) {
    throw new ArchiveError(source, `cannot be read: ${(cause as Error).message}`, { cause });
  }
}
