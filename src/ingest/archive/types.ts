import type { ImapConfig } from '../../config.js';
import type { Logger } from '../../logger.js';

/**
 * One message read from a mail archive (an mbox, a Maildir, a folder of .eml files, or another
 * folder of the tracker's IMAP account), before parsing: the bytes as the archive holds them.
 */
export interface ArchivedMessage {
  /**
   * The message's bytes: an mbox message without its From_ line and with mboxrd quoting undone
   * (`>From ` is `From ` again). For a message over the size cap (`tooLarge`), its header section only.
   */
  raw: Buffer;
  /** Bytes of the whole message, also when only its header section is in `raw`. */
  size: number;
  /**
   * The message is larger than `maxMessageBytes`: `raw` holds only its header section, so the
   * pipeline can quarantine it as too large with its subject and sender (as the poller does).
   */
  tooLarge: boolean;
  /**
   * Where it was found, for logs and reports: `mbox:/abs/path#17` (17th message, from 1),
   * `maildir:/abs/path/cur/NAME`, `eml:/abs/path/x.eml`, `imap:Folder#UID`.
   */
  origin: string;
  /**
   * When the message was received, as the archive records it: the mbox From_ line's date, the
   * Maildir file name's delivery time (else the file's mtime), the IMAP INTERNALDATE; for a lone
   * .eml file the date of a leading From_ line if it has one. Null when the archive does not say.
   * The original's date of last resort (parseInboundMessage's `receivedAt`), never the import time.
   */
  receivedAt: Date | null;
}

export type ArchiveKind = 'mbox' | 'maildir' | 'eml-folder' | 'eml' | 'imap';

/** Options for readArchive and countArchive; every field has a default. */
export interface ArchiveOptions {
  /**
   * Maildir: also read the Maildir++ subfolders (`.Sent`, `.Archive.2023`, …) after the folder itself;
   * folder of .eml: also the .eml files in subfolders. Default false: only the folder named.
   */
  recursive?: boolean;
  /**
   * Messages larger than this are yielded with their header section only (`tooLarge`), so a huge
   * attachment is never held in memory. Default: `imap.maxMessageBytes` when given, else 25 MiB
   * (MAX_MESSAGE_BYTES's default).
   */
  maxMessageBytes?: number;
  /** For `imap:FOLDER`: the tracker's IMAP account. Default: loadImapConfig() from the environment. */
  imap?: ImapConfig;
  /** For `imap:FOLDER`: messages fetched per round trip. Default 100. */
  batchSize?: number;
  /** For `imap:FOLDER`: connection warnings go here. Default: silent. */
  logger?: Logger;
}

/** 25 MiB, the default of MAX_MESSAGE_BYTES (config.ts): the same cap as mail that arrives by IMAP. */
export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
