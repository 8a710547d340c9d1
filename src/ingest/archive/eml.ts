import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ArchiveError } from './archive-error.js';
import { byName } from './maildir.js';
import { readMessageFile } from './message-file.js';
import type { ArchivedMessage } from './types.js';

/** `.eml`, `.EML`, `.Eml`: how mail clients save one message per file. */
export const isEmlName = (name: string): boolean => /\.eml$/i.test(name);

/** Numbers in names compared as numbers (`2.eml` before `10.eml`), then code-unit order for ties. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });
const byEmlName = (a: string, b: string): number => collator.compare(a, b) || byName(a, b);

/**
 * The .eml files of a folder in name order; with `recursive`, then each subfolder's (in name order,
 * depth first). Dot files and folders (`.DS_Store`, `._x.eml` AppleDouble files) are skipped.
 */
export async function listEmlFolder(dir: string, recursive: boolean): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    throw new ArchiveError(dir, `cannot be listed: ${(cause as Error).message}`, { cause });
  }
  const visible = entries.filter((e) => !e.name.startsWith('.'));
  const files = visible
    .filter((e) => e.isFile() && isEmlName(e.name))
    .map((e) => e.name)
    .sort(byEmlName)
    .map((name) => join(dir, name));
  if (!recursive) return files;
  const subfolders = visible
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort(byEmlName);
  for (const sub of subfolders) files.push(...(await listEmlFolder(join(dir, sub), true)));
  return files;
}

export async function* readEmlFiles(paths: string[], maxMessageBytes: number): AsyncGenerator<ArchivedMessage> {
  for (const path of paths) {
    const file = await readMessageFile(path, maxMessageBytes);
    yield {
      raw: file.raw,
      size: file.size,
      tooLarge: file.tooLarge,
      origin: `eml:${path}`,
      // A saved file's mtime is when it was saved, not received: only a From_ line says more.
      receivedAt: file.fromLineDate,
    };
  }
}
