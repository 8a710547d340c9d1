import { createReadStream } from 'node:fs';
import { ArchiveError } from './archive-error.js';
import { type FromLine, MAX_FROM_LINE_CHARS, parseFromLine } from './from-line.js';
import type { ArchivedMessage } from './types.js';

/**
 * Reading an mbox as a stream: messages are split on From_ lines at the start of a line that
 * follows a blank line (or at the start of the file), one message at a time in memory.
 *
 * - mboxrd quoting is undone: a line `>From ` loses one `>` (`>>From ` becomes `>From `). mboxo
 *   files quote the same way, so they read the same (their `>From ` ambiguity cannot be undone).
 * - CRLF files (Gmail Takeout) are read as they are: the bytes of each message are kept, CRLF included.
 * - The blank line before each From_ line is the separator, not part of the message.
 * - Content-Length (mboxcl2) is ignored: its writers also quote From_ lines in bodies.
 * - A `From ` line that does not look like a From_ line (no time and year after a sender) is body
 *   text, so an unquoted `From the moment…` paragraph does not cut a message in two.
 * - Some exporters leave out the blank line before a From_ line: one with a readable date that is
 *   followed by a header field still separates (else the next message would vanish into this one).
 */

const NEWLINE = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM_ = Buffer.from('From ', 'latin1');

/** Read size: large enough for throughput, small enough that only one message is ever held. */
const CHUNK_BYTES = 64 * 1024;

/**
 * A line longer than this (a one-line HTML body, unwrapped base64) is passed on in pieces, so that
 * not even a line is held whole: a From_ line or a blank line is never this long.
 */
const LONG_LINE_BYTES = 1024 * 1024;

/** The header section is kept whole up to this size for a too-large message; beyond, it is cut. */
const MAX_HEADER_BYTES = 1024 * 1024;

/** A message as the splitter found it, before it gets its origin. */
export interface SplitMessage {
  /** 1-based position in the file. */
  index: number;
  /** Byte offset and line number of its From_ line. */
  offset: number;
  line: number;
  fromLine: FromLine;
  raw: Buffer;
  size: number;
  tooLarge: boolean;
}

export interface MboxSplitterOptions {
  /** Bytes kept per message (above it, only the header section). */
  maxMessageBytes: number;
  /** False: only count messages (countArchive), keeping no bytes. */
  keepBytes: boolean;
  /** For error messages. */
  path: string;
}

/**
 * Byte-level mbox splitter: push chunks, get the messages completed so far. Pure (no I/O), so the
 * reader and the counter share it and tests can feed it any chunking.
 */
export class MboxSplitter {
  /** Pieces of the line not yet ended by a newline (a line may span many chunks). */
  private partialLine: Buffer[] = [];
  private partialLineBytes = 0;
  /** Byte offset of the next line's start, and its 1-based number. */
  private offset = 0;
  private lineNumber = 1;
  private current: MessageInProgress | null = null;
  /** A blank line just read: the separator if a From_ line follows, else part of the message. */
  private pendingBlank: Buffer | null = null;
  private count = 0;
  /** A From_ line read where no blank line precedes it: decided by the line after it. */
  private fromCandidate: { text: Buffer; fromLine: FromLine; offset: number; line: number } | null = null;
  /** The pieces passed on so far ended inside a line: what follows continues it. */
  private midLine = false;

  constructor(private readonly options: MboxSplitterOptions) {}

  push(chunk: Buffer): SplitMessage[] {
    const done: SplitMessage[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl < 0) break;
      const piece = chunk.subarray(start, nl + 1);
      if (this.partialLine.length > 0) {
        this.partialLine.push(piece);
        const line = Buffer.concat(this.partialLine, this.partialLineBytes + piece.length);
        this.partialLine = [];
        this.partialLineBytes = 0;
        this.takeLine(line, done);
      } else {
        this.takeLine(piece, done);
      }
      start = nl + 1;
    }
    if (start < chunk.length) {
      // Copy: the reader may reuse its chunk buffer.
      const rest = Buffer.from(chunk.subarray(start));
      this.partialLine.push(rest);
      this.partialLineBytes += rest.length;
      if (this.partialLineBytes > LONG_LINE_BYTES) {
        const piece = Buffer.concat(this.partialLine, this.partialLineBytes);
        this.partialLine = [];
        this.partialLineBytes = 0;
        this.takeLine(piece, done);
        this.midLine = true;
      }
    }
    return done;
  }

  /** The file ended: the last message, and a check that the file held any and was not cut off. */
  end(): SplitMessage[] {
    const done: SplitMessage[] = [];
    if (this.partialLine.length > 0) {
      const line = Buffer.concat(this.partialLine, this.partialLineBytes);
      this.partialLine = [];
      this.partialLineBytes = 0;
      this.takeLine(line, done);
    }
    if (!this.current) throw new ArchiveError(this.options.path, 'is empty');
    const last = this.current;
    if (this.fromCandidate) last.append(this.fromCandidate.text);
    this.fromCandidate = null;
    this.current = null;
    if (!last.headerEnded && !this.pendingBlank) {
      // No blank line after its header section, not even the one writers put after each message:
      // the file stops in the middle of this message's headers.
      throw new ArchiveError(this.options.path, 'ends inside the header section of its last message (truncated?)', {
        position: `message ${last.index}, From_ line at byte ${last.offset}, line ${last.line}`,
      });
    }
    // A blank line at the very end is the writer's separator after the last message, as before a From_ line.
    this.pendingBlank = null;
    done.push(last.finish());
    return done;
  }

  /** Messages completed so far (for counting). */
  get messages(): number {
    return this.count;
  }

  private takeLine(line: Buffer, done: SplitMessage[]): void {
    const lineOffset = this.offset;
    const lineNumber = this.lineNumber;
    this.offset += line.length;
    if (this.midLine) {
      // The rest of a long line: plain content, whatever it starts with.
      this.midLine = line[line.length - 1] !== NEWLINE;
      if (!this.midLine) this.lineNumber += 1;
      this.current?.append(line);
      return;
    }
    if (line[line.length - 1] === NEWLINE) this.lineNumber += 1;
    const blank = isBlank(line);
    if (!this.current) {
      if (blank) return;
      if (!startsWithFrom(line)) {
        throw new ArchiveError(this.options.path, 'is not an mbox: its first line is not a From_ line', {
          position: `byte ${lineOffset}, line ${lineNumber}`,
        });
      }
      // The first From_ line need not carry a date: nothing before it could be mistaken for one.
      this.begin(parseFromLine(lineText(line)) ?? { sender: '', date: null }, lineOffset, lineNumber);
      return;
    }
    if (this.pendingBlank) {
      if (startsWithFrom(line)) {
        const fromLine = parseFromLine(lineText(line));
        if (fromLine) {
          this.pendingBlank = null;
          done.push(this.current.finish());
          this.begin(fromLine, lineOffset, lineNumber);
          return;
        }
      }
      this.current.append(this.pendingBlank);
      this.pendingBlank = null;
    }
    if (this.fromCandidate) {
      const candidate = this.fromCandidate;
      this.fromCandidate = null;
      if (!blank && startsWithHeaderField(line)) {
        done.push(this.current.finish());
        this.begin(candidate.fromLine, candidate.offset, candidate.line);
      } else {
        this.current.append(candidate.text);
      }
    }
    if (blank) {
      // Held past this chunk: a copy, as append makes.
      this.pendingBlank = Buffer.from(line);
      return;
    }
    if (startsWithFrom(line)) {
      const fromLine = parseFromLine(lineText(line));
      if (fromLine?.date) {
        // A From_ line with a readable date but no blank line before it: some exporters leave the
        // blank out. It separates if a header field follows; otherwise it is body text.
        this.fromCandidate = { text: Buffer.from(line), fromLine, offset: lineOffset, line: lineNumber };
        return;
      }
    }
    this.current.append(unquoteFrom(line));
  }

  private begin(fromLine: FromLine, offset: number, line: number): void {
    this.count += 1;
    this.current = new MessageInProgress(this.count, offset, line, fromLine, this.options);
  }
}

class MessageInProgress {
  private readonly parts: Buffer[] = [];
  private kept = 0;
  size = 0;
  headerEnded = false;
  private tooLarge = false;

  constructor(
    readonly index: number,
    readonly offset: number,
    readonly line: number,
    private readonly fromLine: FromLine,
    private readonly options: MboxSplitterOptions,
  ) {}

  append(line: Buffer): void {
    this.size += line.length;
    const inHeader = !this.headerEnded;
    if (inHeader && isBlank(line)) this.headerEnded = true;
    if (!this.options.keepBytes) return;
    if (this.size > this.options.maxMessageBytes && !this.tooLarge) {
      // Over the cap: keep the header section only (if it is complete, the body goes).
      this.tooLarge = true;
      if (!inHeader) this.dropBody();
    }
    if (this.tooLarge && (!inHeader || this.kept + line.length > MAX_HEADER_BYTES)) return;
    // Copy: lines may be views into a chunk the reader reuses.
    this.parts.push(Buffer.from(line));
    this.kept += line.length;
  }

  /** Keeps the parts up to and including the blank line that ended the header section. */
  private dropBody(): void {
    const end = this.parts.findIndex((p) => isBlank(p));
    if (end >= 0) {
      const removed = this.parts.splice(end + 1);
      for (const p of removed) this.kept -= p.length;
    }
  }

  finish(): SplitMessage {
    return {
      index: this.index,
      offset: this.offset,
      line: this.line,
      fromLine: this.fromLine,
      raw: this.options.keepBytes ? Buffer.concat(this.parts, this.kept) : Buffer.alloc(0),
      size: this.size,
      tooLarge: this.tooLarge,
    };
  }
}

function isBlank(line: Buffer): boolean {
  return (line.length === 1 && line[0] === NEWLINE) || (line.length === 2 && line[0] === CR && line[1] === NEWLINE);
}

function startsWithFrom(line: Buffer): boolean {
  return line.length >= FROM_.length && line.subarray(0, FROM_.length).equals(FROM_);
}

/** `Name:` at the start of the line, as a header field starts (RFC 5322 field name: printable, no colon). */
function startsWithHeaderField(line: Buffer): boolean {
  let i = 0;
  while (i < line.length && i < 77 && line[i] !== 0x3a) {
    const c = line[i] as number;
    if (c < 0x21 || c > 0x7e) return false;
    i += 1;
  }
  return i > 0 && line[i] === 0x3a;
}

/** The line as text without its terminator (From_ lines are ASCII; latin1 keeps every byte). */
function lineText(line: Buffer): string {
  let end = Math.min(line.length, MAX_FROM_LINE_CHARS + 2);
  while (end > 0 && (line[end - 1] === NEWLINE || line[end - 1] === CR)) end -= 1;
  return line.toString('latin1', 0, end);
}

/** mboxrd: `>From `, `>>From `, … lose one `>`; any other line is returned as it is. */
export function unquoteFrom(line: Buffer): Buffer {
  if (line[0] !== GT) return line;
  let i = 1;
  while (i < line.length && line[i] === GT) i += 1;
  if (line.length - i < FROM_.length || !line.subarray(i, i + FROM_.length).equals(FROM_)) return line;
  return line.subarray(1);
}

export interface ReadMboxOptions {
  maxMessageBytes: number;
  /** Read size; tests use tiny chunks to cross every boundary. */
  chunkBytes?: number;
}

/** Streams the messages of an mbox file. `path` is absolute (it is part of each origin). */
export async function* readMbox(path: string, options: ReadMboxOptions): AsyncGenerator<ArchivedMessage> {
  const splitter = new MboxSplitter({ path, maxMessageBytes: options.maxMessageBytes, keepBytes: true });
  const toArchived = (m: SplitMessage): ArchivedMessage => ({
    raw: m.raw,
    size: m.size,
    tooLarge: m.tooLarge,
    origin: `mbox:${path}#${m.index}`,
    receivedAt: m.fromLine.date,
  });
  for await (const chunk of chunksOf(path, options.chunkBytes ?? CHUNK_BYTES)) {
    for (const m of splitter.push(chunk)) yield toArchived(m);
  }
  for (const m of splitter.end()) yield toArchived(m);
}

/** Number of messages in an mbox file: the same split as readMbox, keeping no bytes. */
export async function countMbox(path: string): Promise<number> {
  const splitter = new MboxSplitter({ path, maxMessageBytes: 0, keepBytes: false });
  for await (const chunk of chunksOf(path, CHUNK_BYTES)) splitter.push(chunk);
  splitter.end();
  return splitter.messages;
}

async function* chunksOf(path: string, chunkBytes: number): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  let offset = 0;
  try {
    for await (const chunk of stream) {
      offset += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  } catch (cause) {
    throw new ArchiveError(path, `cannot be read: ${(cause as Error).message}`, { position: `byte ${offset}`, cause });
  } finally {
    stream.destroy();
  }
}
