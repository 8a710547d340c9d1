// A forward as an attachment, Thunderbird's way: the forwarder's note, then the original whole as a
// message/rfc822 part. The one builder behind the tests' forwarded mail (fault suite, case order, case
// commands); each caller chooses the trace headers, the ids and the original.

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A Date header's value in UTC, as mail clients write it: `Mon, 2 Mar 2026 08:00:00 +0000`. */
export function rfc2822(d: Date): string {
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** The forwarded original, as its sender wrote it. */
export interface AttachedOriginal {
  date: Date;
  from: string;
  to: string;
  messageId: string;
  inReplyTo?: string;
  subject: string;
  /** Default `text/plain; charset=UTF-8`. */
  contentType?: string;
  body: readonly string[];
}

export interface AttachmentForwardSpec {
  original: AttachedOriginal;
  /** Header lines above the forward's own: Return-Path, Received, Authentication-Results… */
  trace?: readonly string[];
  messageId: string;
  date: Date;
  /** The forwarder, e.g. `Alice Martin <alice@example.net>`. */
  from: string;
  /** Default `cases@tracker.example.net`. */
  to?: string;
  boundary: string;
  /** The forwarder's text above the attachment (default: none, the part is one empty line). */
  note?: string;
  /** The attachment part's header lines (default: message/rfc822 named forwarded.eml). */
  attachmentHeaders?: readonly string[];
}

export function attachmentForward(spec: AttachmentForwardSpec): string {
  const o = spec.original;
  const { boundary } = spec;
  return [
    ...(spec.trace ?? []),
    `Message-ID: ${spec.messageId}`,
    `Date: ${rfc2822(spec.date)}`,
    'MIME-Version: 1.0',
    'User-Agent: Mozilla Thunderbird',
    `To: ${spec.to ?? 'cases@tracker.example.net'}`,
    `From: ${spec.from}`,
    `Subject: Fwd: ${o.subject}`,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    'This is a multi-part message in MIME format.',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8; format=flowed',
    'Content-Transfer-Encoding: 7bit',
    '',
    ...(spec.note === undefined ? [] : [spec.note]),
    '',
    `--${boundary}`,
    ...(spec.attachmentHeaders ?? [
      'Content-Type: message/rfc822; name="forwarded.eml"',
      'Content-Disposition: attachment; filename="forwarded.eml"',
    ]),
    '',
    `Date: ${rfc2822(o.date)}`,
    `From: ${o.from}`,
    `To: ${o.to}`,
    `Message-ID: ${o.messageId}`,
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`] : []),
    `Subject: ${o.subject}`,
    'MIME-Version: 1.0',
    `Content-Type: ${o.contentType ?? 'text/plain; charset=UTF-8'}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    ...o.body,
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
