/**
 * The case's vocabularies, defined once: rules, schemas, stores, reports and the CLI import them from
 * here. Each is a `const` array (for schema enums and validation) and the union type it spells.
 */

/** Where a case stands: the ball with support or the customer, resolved, or reopened after a resolution. */
export const CASE_STATUSES = ['open', 'awaiting_support', 'awaiting_customer', 'resolved', 'reopened'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Who the ball is with after a message that carries no trusted resolution. */
export const IMPLIED_STATUSES = ['awaiting_support', 'awaiting_customer'] as const satisfies readonly CaseStatus[];
export type ImpliedStatus = (typeof IMPLIED_STATUSES)[number];

/** How a case ended. */
export const OUTCOMES = ['full_refund', 'partial_refund', 'store_credit', 'replacement', 'denied'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How a contact happened: a mail, a web form's confirmation, a chat transcript, a phone call. */
export const CHANNELS = ['email', 'web_form', 'chat', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The channels a case's log holds: the contacts above, and `note`, the user's own annotation (`cases note`
 * without a channel). Rules never produce `note`; a note changes nothing about who the ball is with.
 */
export const ANNOTATION_CHANNEL = 'note';
export const LOG_CHANNELS = [...CHANNELS, ANNOTATION_CHANNEL] as const;
export type LogChannel = (typeof LOG_CHANNELS)[number];

/** Who wrote a message: the merchant's support side or the customer. */
export const DIRECTIONS = ['from_support', 'from_customer'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** How a user's change reached the tracker: the command line, a command email, a reply to the digest. */
export const CHANGE_VIAS = ['cli', 'email', 'digest_reply'] as const;
export type ChangeVia = (typeof CHANGE_VIAS)[number];

/**
 * The changes a case's history records besides its messages: the user's (`confirm`, `close`, `reopen`,
 * `note`, `renumber`, `merge`) and the worker's own merge of an order-keyed case into the merchant's number.
 */
export const MANUAL_ACTIONS = ['confirm', 'close', 'reopen', 'note', 'renumber', 'merge'] as const;
export type ManualAction = (typeof MANUAL_ACTIONS)[number];

/** A case keyed by the merchant's case number, or by an order number until the case number arrives. */
const KEY_KINDS = ['case', 'order'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** The prefix of a case keyed by its order number: `order:112-4455667-1234567`. */
export const ORDER_KEY_PREFIX = 'order:';
export const orderCaseKey = (orderNumber: string): string => `${ORDER_KEY_PREFIX}${orderNumber}`;
export const keyKindOf = (caseNumber: string): KeyKind => (caseNumber.startsWith(ORDER_KEY_PREFIX) ? 'order' : 'case');

/**
 * What a case asks of the user: a suggested resolution to confirm, or mail that arrived after the user
 * closed the case themselves (the user's close stands; the digest says "new mail since you closed it").
 */
export const ATTENTION_FLAGS = ['suggestion_to_confirm', 'mail_after_user_close'] as const;
export type AttentionFlag = (typeof ATTENTION_FLAGS)[number];
