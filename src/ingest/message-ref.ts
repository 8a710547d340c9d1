/** Where one message sits: the BullMQ job's data, and the source of its deterministic id. */
export interface MessageRef {
  /** `mailboxIdOf(config)`: user, host, port and mailbox name. */
  mailbox: string;
  /** UIDVALIDITY as a decimal string (imapflow gives a BigInt). */
  uidValidity: string;
  uid: number;
}

/**
 * `mailbox:uidvalidity:uid` as a BullMQ job id. BullMQ forbids ':' in custom ids, so the mailbox
 * part is URI-encoded and the parts are joined with '~'. The same message always gets the same id,
 * so a rescan never queues a message that is already waiting or running.
 */
export function jobIdOf(ref: MessageRef): string {
  return `${encodeURIComponent(ref.mailbox)}~${ref.uidValidity}~${ref.uid}`;
}
