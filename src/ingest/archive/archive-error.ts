import { UsageError } from '../../errors.js';

/**
 * The archive named on the command line cannot be read as one: missing, empty, binary, not an
 * mbox, cut off inside a message, an IMAP folder that does not exist. The message names the path
 * and, when there is one, the position (`byte 2048, line 57`, `message 17`, `UID 4711`).
 */
export class ArchiveError extends UsageError {
  readonly path: string;
  readonly position: string | null;
  constructor(path: string, problem: string, options: { position?: string; cause?: unknown } = {}) {
    super(`${path}: ${problem}${options.position ? ` (at ${options.position})` : ''}`, { cause: options.cause });
    this.path = path;
    this.position = options.position ?? null;
  }
}
