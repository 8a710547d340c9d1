import { QuarantineError, RefundTrackerError } from '../errors.js';
import type { InboundMessage } from '../ingest/inbound-message.js';
import type { Logger } from '../logger.js';
import type { CaseStore, ChangeAuthor } from '../models/case-store.js';
import type { DigestStore } from '../models/digest-store.js';
import { threadIdsOf } from '../rules/case-decision.js';
import { ANNOTATION_CHANNEL } from '../rules/case-terms.js';
import { dueDateOf } from '../rules/next-steps.js';
import {
  type CommandProblem,
  commandsAboveForward,
  commandsInDigestReply,
  type UserCommand,
} from '../rules/user-commands.js';

/**
 * Commands a user sends by email (issue 8, §2): a reply to the digest (`confirm GTB-1`, `close GTB-1
 * denied`, `note GTB-1: …`), and the text typed above a forward (`case: GTB-1`, `note: …`, `phone: called
 * Anna, …`). rules/user-commands.ts reads them; this module carries them to the case store.
 *
 * Only for a message the worker already trusts (an allowed forwarder, vouched for by the receiving server):
 * a stranger's reply to a digest is quarantined as untrusted before it gets here and changes nothing.
 * Every change is recorded with who made it and how (`via: 'digest_reply'` or `'email'`), under the key
 * `<the command mail's key>#<index of the command>`: a retried job, or the same mail delivered twice,
 * applies each command once.
 */

export interface EmailCommandDeps {
  cases: Pick<CaseStore, 'applyManualChange' | 'addNote'>;
  digests: Pick<DigestStore, 'sentDigestAmong'>;
  logger: Logger;
}

/** A reply to a digest, obeyed. */
export interface DigestReplyOutcome {
  /** The digest it answers. */
  digestMessageId: string;
  /** Commands applied now or by an earlier attempt (each once, by key). */
  applied: number;
  /** Null when every command was obeyed; else `command_rejected` listing each failure, one per line. */
  rejected: QuarantineError | null;
}

/**
 * When `message` answers a digest sent to `owner` (its In-Reply-To or References names the digest's
 * Message-ID), obeys the commands in the reply's own text and says how it went; null when it is no
 * digest reply (then it is mail about a case like any other). A command mail is never a case message:
 * nothing of it is logged in a case. Temporary failures (MongoDB) throw.
 */
export async function obeyDigestReply(
  message: InboundMessage,
  owner: string,
  deps: EmailCommandDeps,
): Promise<DigestReplyOutcome | null> {
  // The reply as received: a forwarded digest is the digest, not an answer to it.
  if (message.forward !== 'none') return null;
  const threadIds = threadIdsOf({
    inReplyTo: message.original.inReplyTo ?? null,
    references: message.original.references ?? [],
  });
  const digestMessageId = await deps.digests.sentDigestAmong(owner, threadIds);
  if (!digestMessageId) return null;
  const log = deps.logger.child({ messageKey: message.messageKey, digest: digestMessageId });

  const at = userDateOf(message);
  if (!at) {
    const rejected = new QuarantineError(
      'unparseable',
      'reply to the digest has no date: no Date header or INTERNALDATE',
    );
    return { digestMessageId, applied: 0, rejected };
  }
  const text = message.original.text;
  const parsed = commandsInDigestReply(text);
  const failures: Failure[] = parsed.problems.map((p) => ({ line: p.line, said: problemLine(p) }));
  const context: CommandContext = {
    owner,
    at,
    author: { by: owner, via: 'digest_reply' },
    keyOf: (index) => `${commandMailKeyOf(message)}#${index}`,
    forwardCase: null,
  };
  let applied = 0;
  for (const [index, command] of parsed.commands.entries()) {
    const failure = await obey(command, index, context, deps.cases);
    if (failure) failures.push({ line: command.line, said: failure });
    else applied++;
  }
  if (parsed.commands.length === 0 && parsed.problems.length === 0) {
    failures.push({
      line: '',
      said: 'no command found above the quoted digest (confirm CASE, close CASE OUTCOME, reopen CASE, note CASE: …)',
    });
  }
  // In the order the user wrote them.
  const inOrder = failures
    .map((f) => ({ ...f, at: text.indexOf(f.line) }))
    .sort((a, b) => a.at - b.at)
    .map((f) => f.said);
  log.info({ applied, failed: failures.length }, 'reply to the digest obeyed');
  return {
    digestMessageId,
    applied,
    rejected: inOrder.length > 0 ? new QuarantineError('command_rejected', inOrder.join('\n')) : null,
  };
}

/** What the forwarder typed above a forward, read: the case to file it under, and the commands to apply after. */
export interface ForwardCommands {
  /** `case: X`: the case the forwarded message is filed under, instead of the one the rules find. */
  caseNumber: string | null;
  /**
   * The `case:` line could not be read (no case number, two of them): the message is not filed by guess
   * but quarantined `command_rejected`, so the user sees it and files it.
   */
  rejected: QuarantineError | null;
  /** Every other command, with its index among the note's commands (its key). */
  commands: readonly { index: number; command: UserCommand }[];
  /** Lines that looked like commands and cannot be obeyed (the `case:` line's excepted). */
  problems: readonly CommandProblem[];
}

/**
 * The commands above a forward (InboundMessage.forwarderNote), or null when the message carries none
 * (not forwarded by hand, nothing typed, or only prose).
 */
export function commandsAboveForwardOf(message: InboundMessage): ForwardCommands | null {
  const note = message.forwarderNote;
  if (!note) return null;
  const parsed = commandsAboveForward(note);
  if (parsed.commands.length === 0 && parsed.problems.length === 0) return null;
  const caseProblems = parsed.problems.filter((p) => p.about === 'case');
  const caseCommand = parsed.commands.find((c) => c.kind === 'case');
  return {
    caseNumber: caseCommand?.kind === 'case' ? caseCommand.caseNumber : null,
    rejected:
      caseProblems.length > 0
        ? new QuarantineError('command_rejected', caseProblems.map(problemLine).join('\n'))
        : null,
    commands: parsed.commands.flatMap((command, index) => (command.kind === 'case' ? [] : [{ index, command }])),
    problems: parsed.problems.filter((p) => p.about !== 'case'),
  };
}

/**
 * After the forwarded message is logged under `caseNumber`: the other commands above it (`note:` as an
 * annotation, `phone:`, `chat:` as contacts, on that case; `confirm`, `close`, `note GTB-1: …` on the case they name), by the
 * owner `via: 'email'`. What cannot be obeyed is logged (ids only) and left: the forwarded mail is the
 * record, the note is extra. Returns the failures, one line each. Temporary failures (MongoDB) throw.
 */
export async function obeyCommandsAboveForward(
  commands: ForwardCommands,
  message: InboundMessage,
  owner: string,
  caseNumber: string,
  deps: Pick<EmailCommandDeps, 'cases' | 'logger'>,
): Promise<{ applied: number; failures: string[] }> {
  const log = deps.logger.child({ case: caseNumber, messageKey: message.messageKey });
  const failures = commands.problems.map(problemLine);
  const at = userDateOf(message);
  let applied = 0;
  if (at) {
    const context: CommandContext = {
      owner,
      at,
      author: { by: owner, via: 'email' },
      keyOf: (index) => `${commandMailKeyOf(message)}#${index}`,
      forwardCase: caseNumber,
    };
    for (const { index, command } of commands.commands) {
      const failure = await obey(command, index, context, deps.cases);
      if (failure) {
        failures.push(failure);
        log.warn({ command: command.kind, index }, 'command above the forward not obeyed');
      } else applied++;
    }
  } else if (commands.commands.length > 0) {
    failures.push('the forward has no date: commands above it not obeyed');
  }
  if (commands.problems.length > 0 || failures.length > 0) {
    log.warn({ problems: commands.problems.length, failed: failures.length }, 'commands above the forward');
  }
  if (applied > 0) log.info({ applied }, 'commands above the forward obeyed');
  return { applied, failures };
}

/** A command that could not be obeyed: its line, and what the user is told (one line). */
interface Failure {
  line: string;
  said: string;
}

interface CommandContext {
  owner: string;
  /** When the user gave the command: the date of their mail. */
  at: Date;
  author: ChangeAuthor;
  keyOf: (index: number) => string;
  /** The case of the forwarded message, for `note:` and `phone:` without a case number; null in a digest reply. */
  forwardCase: string | null;
}

/** Store errors that mean "this command cannot be obeyed" rather than "try again later". */
const REFUSALS = new Set(['case_not_found', 'nothing_to_confirm']);

/** Applies one command; returns why it could not be obeyed (one line), or null. */
async function obey(
  command: UserCommand,
  index: number,
  context: CommandContext,
  cases: EmailCommandDeps['cases'],
): Promise<string | null> {
  const { owner, at, author } = context;
  const key = context.keyOf(index);
  try {
    switch (command.kind) {
      case 'case':
        return null;
      case 'confirm':
      case 'reopen':
        await cases.applyManualChange(owner, command.caseNumber, { action: command.kind, at, author, key });
        return null;
      case 'close':
        await cases.applyManualChange(owner, command.caseNumber, {
          action: 'close',
          at,
          author,
          key,
          note: command.line,
          resolution: {
            outcome: command.outcome,
            amount: command.amount,
            currency: command.currency,
            transactionId: command.transactionId,
          },
        });
        return null;
      case 'note':
      case 'note_case': {
        const caseNumber = command.kind === 'note_case' ? command.caseNumber : context.forwardCase;
        if (!caseNumber) return `"${command.line}": no case to add the note to`;
        // An annotation, as `cases note` without --channel: the user's thought, not a contact with the
        // merchant, so it moves nothing (a resolved case stays resolved). It came by email: `author.via`.
        await cases.addNote(owner, caseNumber, {
          at,
          author,
          key,
          text: command.text,
          channel: ANNOTATION_CHANNEL,
          contactPerson: null,
        });
        return null;
      }
      case 'contact': {
        const caseNumber = command.caseNumber ?? context.forwardCase;
        if (!caseNumber) return `"${command.line}": no case to log the ${command.channel} contact in`;
        // `refund promised by Friday`: due from the day the user wrote it.
        const due = dueDateOf(command.text, at.toISOString());
        await cases.addNote(owner, caseNumber, {
          at,
          author,
          key,
          text: command.text,
          channel: command.channel,
          contactPerson: command.contactPerson,
          nextSteps: due ? command.text : null,
          nextStepsDue: due,
        });
        return null;
      }
    }
  } catch (err) {
    if (err instanceof RefundTrackerError && REFUSALS.has(err.code)) return `"${command.line}": ${err.message}`;
    throw err;
  }
}

/** `"close GTB-1 bananas": "bananas" is not an outcome; …`: a problem on one line. */
function problemLine(problem: CommandProblem): string {
  return `"${problem.line}": ${problem.why}`;
}

/** When the user wrote the mail: its own Date (the forward's for a forward), else INTERNALDATE; never the clock. */
function userDateOf(message: InboundMessage): Date | null {
  const iso = message.envelopeDate ?? message.original.date;
  const date = iso ? new Date(iso) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/**
 * The identity of the mail that carried the commands: its own Message-ID (a forward's, not the forwarded
 * message's: two forwards of one merchant mail with different notes are two sets of commands), else the
 * message key. For a reply to the digest the two are the same (`mid:<id>`).
 */
function commandMailKeyOf(message: InboundMessage): string {
  return message.envelopeMessageId ? `mid:${message.envelopeMessageId.trim().toLowerCase()}` : message.messageKey;
}
