import type { ParsedMail } from 'mailparser';
import { QuarantineError } from '../errors.js';

/**
 * Delivery reports: a mail server's bounce or delay notice (RFC 3464 delivery status notification, Exchange's
 * non-delivery report, Exim's and qmail's plain-text bounce) or a read receipt (RFC 8098 disposition
 * notification). A bounce carries the returned mail (`message/rfc822`, or only its headers as
 * `text/rfc822-headers`), which the unwrapping would otherwise take for a forwarded original: the customer's
 * own mail, which never reached the merchant, logged as correspondence, or the server's notice logged as
 * the merchant's reply. A report is no message of the case, so it is quarantined as `delivery_report`,
 * saying what failed for whom, where the user sees it ("Needs you") and can write to the merchant again.
 *
 * Told by structure and sender only, never by subject words: `Undeliverable: your parcel came back` is a
 * merchant's subject too, and bounce subjects come in every language Exchange and Gmail speak.
 */

/** The report types of `multipart/report` (RFC 6522) we name; any other is named by its type. */
const REPORT_KINDS: Readonly<Record<string, string>> = {
  'delivery-status': 'a delivery status notification (bounce)',
  'global-delivery-status': 'a delivery status notification (bounce)',
  'disposition-notification': 'a read receipt (message disposition notification)',
  'global-disposition-notification': 'a read receipt (message disposition notification)',
  // RFC 5965 (ARF): a mailbox provider's feedback loop telling a sender a recipient marked its mail as spam.
  'feedback-report': 'a spam complaint report (ARF feedback report)',
};
const BOUNCE = 'a delivery status notification (bounce)';

/**
 * The mailbox names mail systems send reports from (RFC 5321 4.5.1 postmaster, the sendmail/Postfix/Exim/qmail
 * `MAILER-DAEMON`, Gmail's `mailer-daemon@googlemail.com`, Microsoft 365's `postmaster@…`) and Exchange's
 * `MicrosoftExchange` followed by 32 hex digits. No merchant answers a customer from these.
 */
const MAIL_SYSTEM_LOCAL_PART = /^(?:mailer[-_.]?daemon|mail[-_.]?daemon|postmaster|microsoftexchange[0-9a-f]{32})$/i;

/** Whether an address is a mail system's own (its reports come from it), by its local part. */
export function isMailSystemAddress(address: string | null | undefined): boolean {
  if (!address) return false;
  const at = address.lastIndexOf('@');
  return MAIL_SYSTEM_LOCAL_PART.test(at < 0 ? address : address.slice(0, at));
}

interface Report {
  kind: string;
  from: string | null;
  recipients: string[];
  action: string | null;
  status: string | null;
}

/**
 * Refuses a message that is a delivery report, saying so: `multipart/report` (any report type), or mail from a
 * mail system's address (`MAILER-DAEMON`, `postmaster`) or with Exim's `X-Failed-Recipients`. `what` names the
 * message (`the message`, `the forwarded original (…)`); `raw` is its own bytes, whose report part
 * (`message/delivery-status`) names the recipients, the action and the status.
 */
export function assertNoDeliveryReport(mail: ParsedMail, raw: Buffer, what: string, from: string | null): void {
  const contentType = mail.headers.get('content-type') as
    | { value?: unknown; params?: Record<string, string> }
    | undefined;
  const type = typeof contentType?.value === 'string' ? contentType.value.toLowerCase() : '';
  const failed = headerText(mail, 'x-failed-recipients');
  let kind: string | null = null;
  if (type === 'multipart/report') {
    const reportType = (contentType?.params?.['report-type'] ?? '').trim().toLowerCase();
    kind = REPORT_KINDS[reportType] ?? `an automatic report (multipart/report; report-type=${reportType || 'none'})`;
  } else if (failed !== '' || isMailSystemAddress(from)) kind = BOUNCE;
  if (kind === null) return;
  const fields = statusFieldsOf(raw);
  const recipients =
    fields.recipients.length > 0 ? fields.recipients : addressesIn(failed).slice(0, MAX_RECIPIENTS_NAMED);
  const action = fields.action ?? (failed !== '' ? 'failed' : null);
  throw new QuarantineError(
    'delivery_report',
    detailOf(what, { kind, from, recipients, action, status: fields.status }),
  );
}

/** Refuses an inline-forwarded message from a mail system's address: its header block is all that is left of it. */
export function assertNoForwardedDeliveryReport(from: string | null | undefined, what: string): void {
  if (!isMailSystemAddress(from)) return;
  throw new QuarantineError(
    'delivery_report',
    detailOf(what, { kind: BOUNCE, from: from ?? null, recipients: [], action: null, status: null }),
  );
}

function detailOf(what: string, report: Report): string {
  const sender = report.from ? ` from ${report.from}` : '';
  const status = report.status ? ` (status ${report.status})` : '';
  const about =
    report.recipients.length > 0 ? `: mail to ${report.recipients.join(', ')} ${fateOf(report.action)}${status}` : '';
  return (
    `${what} is ${report.kind}${sender}${about}. An automatic report about a message, not correspondence with the ` +
    'merchant, so it changes no case: if your mail did not arrive, write to the merchant again and forward their reply'
  );
}

/** What the report's Action field (RFC 3464 2.3.3) says became of the mail. */
function fateOf(action: string | null): string {
  switch (action) {
    case 'delayed':
      return 'is delayed, still being retried';
    case 'delivered':
    case 'relayed':
    case 'expanded':
      return `was ${action}`;
    case 'failed':
    case null:
      return 'could not be delivered';
    default:
      return `was reported on (Action: ${action})`;
  }
}

/** Hostile-input limits: a report names a handful of recipients, and its status part is short. */
const MAX_RECIPIENTS_NAMED = 5;
const MAX_STATUS_PART_CHARS = 16 * 1024;

/** `message/delivery-status` (or its RFC 6533 global form), the part whose fields are read. */
const STATUS_PART = /^content-type:[ \t]*message\/(?:global-)?delivery-status\b/im;

/**
 * The Final-Recipient addresses, and the first Action and Status, of the report's `message/delivery-status`
 * part: the lines after its header up to the next boundary line (`--…`). Empty when there is none.
 */
function statusFieldsOf(raw: Buffer): { recipients: string[]; action: string | null; status: string | null } {
  const text = raw.toString('latin1');
  const start = STATUS_PART.exec(text);
  const none = { recipients: [], action: null, status: null };
  if (!start) return none;
  const lines = text.slice(start.index, start.index + MAX_STATUS_PART_CHARS).split(/\r?\n/);
  const recipients: string[] = [];
  let action: string | null = null;
  let status: string | null = null;
  for (const line of lines.slice(1)) {
    if (line.startsWith('--')) break;
    const field = /^([A-Za-z-]{1,40}):[ \t]*(.{0,500})$/.exec(line);
    if (!field) continue;
    const name = (field[1] ?? '').toLowerCase();
    const value = (field[2] ?? '').trim();
    if (name === 'final-recipient') {
      const address = addressesIn(value.slice(value.indexOf(';') + 1))[0];
      if (address && !recipients.includes(address) && recipients.length < MAX_RECIPIENTS_NAMED)
        recipients.push(address);
    } else if (name === 'action') action ??= (/^[a-z]{1,20}/i.exec(value)?.[0] ?? '').toLowerCase() || null;
    else if (name === 'status') status ??= /^[245]\.\d{1,3}\.\d{1,3}/.exec(value)?.[0] ?? null;
  }
  return { recipients, action, status };
}

/** The addresses in a header value or report field, lower-cased, in order. */
function addressesIn(value: string): string[] {
  return (value.match(/[^\s<>,;:"()]{1,64}@[A-Za-z0-9.-]{1,253}/g) ?? []).map((a) => a.toLowerCase());
}

/** A header's raw value, unfolded; '' when it is missing. */
function headerText(mail: ParsedMail, key: string): string {
  const line = mail.headerLines.find((h) => h.key === key)?.line;
  return line
    ? line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim()
    : '';
}
