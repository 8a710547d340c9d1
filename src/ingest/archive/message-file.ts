import { open, stat } from 'node:fs/promises';
import { ArchiveError } from './archive-error.js';
import { parseFromLine } from './from-line.js';

/** A too-large message's header section is looked for in this many first bytes (then cut there). */
const MAX_HEADER_BYTES = 1024 * 1024;

export interface MessageFile {
  raw: Buffer;
  size: number;
  tooLarge: boolean;
  /** The date of a leading From_ line (some tools save one into .eml and Maildir files). */
  fromLineDate: Date | null;
  mtime: Date;
}

/**
 * Reads one message stored in a file of its own (Maildir, .eml). A file over the cap yields only
 * its header section. A leading From_ line, which some tools write, is not part of the message.
 */
export async function readMessageFile(path: string, maxMessageBytes: number): Promise<MessageFile> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw new ArchiveError(path, `cannot be read: ${(cause as Error).message}`, { cause });
  }
  try {
    const info = await handle.stat();
    const tooLarge = info.size > maxMessageBytes;
    const want = tooLarge ? Math.min(info.size, MAX_HEADER_BYTES) : info.size;
    const buffer = Buffer.alloc(want);
    let filled = 0;
    while (filled < want) {
      const { bytesRead } = await handle.read(buffer, filled, want - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    let raw: Buffer = buffer.subarray(0, filled);
    let size = info.size;
    let fromLineDate: Date | null = null;
    const firstLineEnd = raw.indexOf(0x0a);
    if (raw.subarray(0, 5).toString('latin1') === 'From ' && firstLineEnd > 0) {
      const fromLine = parseFromLine(raw.toString('latin1', 0, firstLineEnd).replace(/\r$/, ''));
      fromLineDate = fromLine?.date ?? null;
      raw = raw.subarray(firstLineEnd + 1);
      size -= firstLineEnd + 1;
    }
    if (tooLarge) raw = headerSection(raw);
    return { raw, size, tooLarge, fromLineDate, mtime: info.mtime };
  } catch (cause) {
    if (cause instanceof ArchiveError) throw cause;
    throw new ArchiveError(path, `cannot be read: ${(cause as Error).message}`, { cause });
  } finally {
    await handle.close();
  }
}

/** The header section and the blank line after it (all of `raw` when no blank line is found). */
function headerSection(raw: Buffer): Buffer {
  const lf = raw.indexOf('\n\n');
  const crlf = raw.indexOf('\r\n\r\n');
  const ends = [lf >= 0 ? lf + 2 : -1, crlf >= 0 ? crlf + 4 : -1].filter((e) => e >= 0);
  return ends.length > 0 ? raw.subarray(0, Math.min(...ends)) : raw;
}

/** Whether a path is a directory (false when it does not exist). */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
