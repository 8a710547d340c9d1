import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ArchiveError } from './archive-error.js';
import { isDirectory, readMessageFile } from './message-file.js';
import type { ArchivedMessage } from './types.js';

/**
 * A Maildir: messages in `cur/` and `new/` (never `tmp/`, where deliveries are still being written),
 * read together in delivery order. A Maildir file name starts with its delivery time in seconds
 * (`1698345664.M20P4711.host,S=5120:2,S`), so that order is the names' order with the leading
 * number compared as a number. Maildir++ subfolders (`.Sent`, `.Archive.2023`) only with `recursive`.
 */

export interface MaildirEntry {
  /** The folder (the Maildir itself or a Maildir++ subfolder), `cur` or `new`, and the file name. */
  folder: string;
  sub: 'cur' | 'new';
  name: string;
}

/** Every message file of the Maildir (and of its subfolders with `recursive`), in reading order. */
export async function listMaildir(root: string, recursive: boolean): Promise<MaildirEntry[]> {
  const folders = [root];
  if (recursive) {
    const subfolders: string[] = [];
    for (const entry of await readDir(root)) {
      if (entry.isDirectory() && entry.name.startsWith('.') && entry.name !== '.' && entry.name !== '..') {
        const path = join(root, entry.name);
        if ((await isDirectory(join(path, 'cur'))) || (await isDirectory(join(path, 'new')))) subfolders.push(path);
      }
    }
    folders.push(...subfolders.sort(byName));
  }
  const all: MaildirEntry[] = [];
  for (const folder of folders) {
    const entries: MaildirEntry[] = [];
    for (const sub of ['cur', 'new'] as const) {
      const dir = join(folder, sub);
      if (!(await isDirectory(dir))) continue;
      for (const entry of await readDir(dir)) {
        // Dot files are not messages (a Maildir file name never starts with a dot).
        if (entry.isFile() && !entry.name.startsWith('.')) entries.push({ folder, sub, name: entry.name });
      }
    }
    all.push(...entries.sort((a, b) => compareMaildirNames(a.name, b.name)));
  }
  return all;
}

export async function* readMaildir(
  root: string,
  options: { recursive: boolean; maxMessageBytes: number },
): AsyncGenerator<ArchivedMessage> {
  for (const entry of await listMaildir(root, options.recursive)) {
    const found = await readMaildirFile(entry, options.maxMessageBytes);
    if (!found) continue;
    const { path, file } = found;
    yield {
      raw: file.raw,
      size: file.size,
      tooLarge: file.tooLarge,
      origin: `maildir:${path}`,
      receivedAt: deliveryTime(entry.name) ?? file.mtime,
    };
  }
}

/**
 * Reads an entry; a message a mail client read meanwhile was renamed (`new/NAME` → `cur/NAME:2,S`,
 * or new flags after `:2,`): it is looked up again by the unique part of its name. Null when it is
 * gone for good (deleted while we read).
 */
async function readMaildirFile(entry: MaildirEntry, maxMessageBytes: number) {
  const path = join(entry.folder, entry.sub, entry.name);
  try {
    return { path, file: await readMessageFile(path, maxMessageBytes) };
  } catch (err) {
    if (!(err instanceof ArchiveError) || (err.cause as NodeJS.ErrnoException)?.code !== 'ENOENT') throw err;
  }
  const unique = uniquePart(entry.name);
  const curDir = join(entry.folder, 'cur');
  const renamed = (await isDirectory(curDir))
    ? (await readDir(curDir)).find((e) => e.isFile() && uniquePart(e.name) === unique)
    : undefined;
  if (!renamed) return null;
  const newPath = join(curDir, renamed.name);
  return { path: newPath, file: await readMessageFile(newPath, maxMessageBytes) };
}

/** The name without its info suffix (`:2,FLAGS`; `;2,` on file systems that forbid colons). */
function uniquePart(name: string): string {
  const info = name.search(/[:;]2,/);
  return info >= 0 ? name.slice(0, info) : name;
}

/** Delivery time from the file name's leading seconds; null when the name does not start with one. */
export function deliveryTime(name: string): Date | null {
  const seconds = /^(\d{9,10})(?:\.|_|$)/.exec(name)?.[1];
  if (!seconds) return null;
  return new Date(Number(seconds) * 1000);
}

/** Leading delivery time as a number first, then the whole name: delivery order. */
export function compareMaildirNames(a: string, b: string): number {
  const ta = /^\d+/.exec(a)?.[0];
  const tb = /^\d+/.exec(b)?.[0];
  if (ta !== undefined && tb !== undefined && ta.length !== tb.length) return ta.length - tb.length;
  if (ta === undefined && tb !== undefined) return 1;
  if (ta !== undefined && tb === undefined) return -1;
  return byName(a, b);
}

/** Plain code-unit order: the same on every machine and locale. */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function readDir(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    throw new ArchiveError(dir, `cannot be listed: ${(cause as Error).message}`, { cause });
  }
}
