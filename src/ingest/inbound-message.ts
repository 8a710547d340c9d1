/**
 * The project's own view of one received email, after parsing and forward unwrapping.
 * Nothing from imapflow or mailparser escapes src/ingest: everything downstream (rules,
 * workers, models) sees only this type, which is plain data and JSON-serialisable.
 */
export interface MailAddress {
  /** Lower-cased address, e.g. `refunds@gtbuy.com`; empty when the header had none. */
  address: string;
  /** Display name as written, e.g. `GTBuy Support`; empty when absent. */
  name: string;
}

/** The support message itself, as recovered from a forward (or the message, when not forwarded). */
export interface OriginalMessage {
  from: MailAddress | null;
  to: MailAddress[];
  /**
   * ISO 8601 instant: the original's own date (its Date header, or the date line of the forward's
   * header block); when that is missing or unreadable, the date of the forward that carried it (its
   * own Date header); then the mailbox's INTERNALDATE; else null. Never the time of parsing.
   */
  date: string | null;
  subject: string;
  /** The original Message-ID when known (attached forwards and unforwarded mail), else null. */
  messageId: string | null;
  /**
   * The message-ids it answers (its `In-Reply-To`, its `References` oldest first), as written with their
   * brackets; absent or empty for an inline forward, whose header block does not carry them.
   */
  inReplyTo?: string | null;
  references?: string[];
  /** Plain text of the original message; quoted history is still in it (rules strip it). */
  text: string;
}

/**
 * How the support message reached us: `none` (sent straight to the mailbox), `inline` (forwarded
 * in the body under a header block), `attachment` (forwarded as a message/rfc822 part), or `auto`
 * (redirected by a server rule with its own headers intact: `Resent-From` or `X-Forwarded-For`
 * names the forwarder, who is then `envelopeFrom`). Everything but `none` counts as forwarded.
 */
export type ForwardKind = 'none' | 'inline' | 'attachment' | 'auto';

export interface InboundMessage {
  /** Message-ID of the message that reached the mailbox (the forward wrapper), or null. */
  envelopeMessageId: string | null;
  /**
   * Who sent the message to the mailbox: the forwarder (for `auto`, the `Resent-From` /
   * `X-Forwarded-For` address), or the original sender when not forwarded.
   */
  envelopeFrom: MailAddress | null;
  envelopeDate: string | null;
  envelopeSubject: string;
  forward: ForwardKind;
  /** For `auto`: the header that named the forwarder. A claim only: see ingest/authentication-results.ts. */
  forwardedVia?: 'resent-from' | 'x-forwarded-for';
  /**
   * Every `Authentication-Results` header of the message as it reached the mailbox, topmost first,
   * unfolded. Which of them the receiving server wrote is decided with AUTHSERV_ID by `checkTrust`.
   */
  authenticationResults?: string[];
  /**
   * What the forwarder typed above the forward (where a user writes commands: `case: …`, `note: …`):
   * for an inline forward the text before the outermost forward's separator or header block, for an
   * attachment forward the wrapper's own body text; without the forwarder's signature, trimmed, `''`
   * when nothing was typed. Null for mail that was not forwarded by hand (`none`, `auto`).
   * Never part of the messageKey: two forwards of one message with different notes share the key.
   * Always set by parseInboundMessage; absent (read as null) in messages built by hand.
   */
  forwarderNote?: string | null;
  original: OriginalMessage;
  /**
   * Stable identity of the support message: its Message-ID after unwrapping, or a content hash
   * of sender, date, subject and text when it has none. The unique log-entry key (invariant 2).
   * The hash takes only the original's own date, never a fallback (the forward's date, the
   * INTERNALDATE) and never the clock: the same bytes give the same key on every run.
   */
  messageKey: string;
  /**
   * Set when the mail carries several forwarded messages as attachments (a selection forwarded at once by
   * Gmail, Outlook or Thunderbird) and the parser was asked for each (ParseOptions.severalOriginals `each`):
   * every one of them, in the order they are attached, each a whole InboundMessage of its own (the same
   * envelope and forwarder's note; its own original, date and messageKey). This message is the first of them.
   * Use `originalsOf`, which gives the message itself when there is one original.
   */
  attachedOriginals?: InboundMessage[];
  /** For one of `attachedOriginals`: where it is in the mail (1-based), of how many, and its attachment's name. */
  attachedPart?: AttachedPart;
}

export interface AttachedPart {
  index: number;
  of: number;
  /** The attachment's file name, else its type (`message/rfc822`). */
  name: string;
}

/**
 * Every support message a received mail carries: each attached original of a mail that carries several,
 * else the message itself. Each is recorded on its own, under its own messageKey (the key a forward of that
 * original alone has), so one forwarded alone and again among others is logged once.
 */
export function originalsOf(message: InboundMessage): InboundMessage[] {
  const several = message.attachedOriginals;
  return several && several.length > 0 ? several : [message];
}

/** How one of several originals is named in a log line or a quarantine reason: `2 of 3 (refund.eml)`. */
export function partLabelOf(message: InboundMessage): string {
  const part = message.attachedPart;
  return part ? `${part.index} of ${part.of} (${part.name})` : message.original.subject || message.messageKey;
}
