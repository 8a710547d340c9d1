/**
 * Typed errors. Callers tell them apart with `instanceof` and `code`, never by message text.
 * A `QuarantineError` is permanent (the message goes to Quarantine at once, no retry);
 * anything else thrown by a job is treated as temporary and retried with backoff.
 */
export class RefundTrackerError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Start-up configuration is missing or invalid; the message names each bad variable. */
export class ConfigError extends RefundTrackerError {
  readonly issues: string[];
  constructor(issues: string[]) {
    // One bad variable: one line. Several: one line each.
    super(
      'config_invalid',
      issues.length === 1
        ? `Invalid configuration: ${issues[0]}`
        : `Invalid configuration:\n  - ${issues.join('\n  - ')}`,
    );
    this.issues = issues;
  }
}

export type QuarantineReason =
  | 'too_large'
  | 'not_mime'
  | 'unparseable'
  | 'untrusted_sender'
  /** From an allowed forwarder by its headers, but the receiving server does not vouch for it. */
  | 'unauthenticated'
  | 'no_case_number'
  /**
   * A command mail (a reply to the digest, or `case:` above a forward) from an allowed forwarder that could
   * not be obeyed in full: the detail lists each command that failed, one per line. The ones that could
   * be obeyed were applied; the digest shows the message under "Needs you".
   */
  | 'command_rejected'
  /**
   * One mail that carries more forwarded messages as attachments than are read from one mail (20; fewer
   * are each logged on their own): forwarded in smaller groups, none is dropped for the others.
   */
  | 'several_originals'
  /**
   * A mail server's delivery report (a bounce or delay notice, RFC 3464; a read receipt, RFC 8098), sent or
   * forwarded to the mailbox: no correspondence, and the mail it returns never reached its recipient. The
   * detail names the recipients and what became of the mail.
   */
  | 'delivery_report'
  | 'processing_failed';

/** A message that can never be processed as it is: moved to Quarantine with this reason. */
export class QuarantineError extends RefundTrackerError {
  readonly reason: QuarantineReason;
  constructor(reason: QuarantineReason, message: string, options?: { cause?: unknown }) {
    super(`quarantine_${reason}`, message, options);
    this.reason = reason;
  }
}

/** A command-line argument or input file is wrong. */
export class UsageError extends RefundTrackerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, options);
  }
}

/** Error codes that mean the command was asked for something wrong (exit 2), not that it failed (exit 1). */
// A bad rule pack (RULES_PATH, --rules) is configuration too.
const USAGE_CODES = new Set(['usage', 'config_invalid', 'invalid_argument', 'rule_pack_invalid', 'pattern_invalid']);

/**
 * The process exit status for an error that ended a command: 2 for a usage or configuration error
 * (the command line or the environment must change), 1 for any other failure (not found, a service down).
 */
export function exitCodeOf(err: unknown): 1 | 2 {
  return err instanceof RefundTrackerError && USAGE_CODES.has(err.code) ? 2 : 1;
}
