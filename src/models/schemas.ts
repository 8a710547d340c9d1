import { type Connection, type InferSchemaType, type Model, Schema } from 'mongoose';
import {
  CASE_STATUSES,
  CHANGE_VIAS,
  DIRECTIONS,
  IMPLIED_STATUSES,
  LOG_CHANNELS,
  MANUAL_ACTIONS,
  OUTCOMES,
} from '../rules/case-terms.js';

/**
 * MongoDB schemas. Only what FerretDB v1 and MongoDB both accept: plain unique compound
 * indexes (no partial indexes, no collations), single-document atomic updates, no transactions.
 */

const resolutionSchema = new Schema(
  {
    date: { type: Date, required: true },
    outcome: { type: String, enum: OUTCOMES, required: true },
    amount: { type: Number, default: null },
    currency: { type: String, default: null },
    transactionId: { type: String, default: null },
    /** The log-entry key of the message that carried it, or the key of the user's change (confirm, close). */
    sourceMessageId: { type: String, required: true },
    confidence: { type: Number, default: null },
    sentence: { type: String, default: null },
    rule: { type: String, default: null },
  },
  { _id: false },
);

const statusChangeSchema = new Schema(
  {
    status: { type: String, enum: CASE_STATUSES, required: true },
    at: { type: Date, required: true },
    reason: { type: String, required: true },
    /** Makes each message's status change idempotent: pushed at most once per message. */
    messageKey: { type: String, default: null },
  },
  { _id: false },
);

/** Who made a manual change, and how it reached the tracker. */
const changeAuthorSchema = new Schema(
  {
    /** The user's address. */
    by: { type: String, required: true },
    via: { type: String, enum: CHANGE_VIAS, required: true },
  },
  { _id: false },
);

const manualChangeSchema = new Schema(
  {
    /** Unique per case: the caller's idempotency key, or `manual:<uuid>`; the same key is applied once. */
    key: { type: String, required: true },
    at: { type: Date, required: true },
    action: { type: String, enum: MANUAL_ACTIONS, required: true },
    /** The user's address; null for the worker's own merge of an order-keyed case. */
    by: { type: String, default: null },
    via: { type: String, enum: CHANGE_VIAS, default: null },
    resolution: { type: resolutionSchema, default: null },
    /** The user's words; for a renumber or merge, `merged: order:X → CASE`. */
    note: { type: String, default: null },
  },
  { _id: false },
);

const caseSchema = new Schema(
  {
    owner: { type: String, required: true },
    caseNumber: { type: String, required: true },
    merchant: { type: String, default: null },
    orderNumber: { type: String, default: null },
    status: { type: String, enum: CASE_STATUSES, required: true, default: 'open' },
    openedAt: { type: Date, required: true },
    issueDescription: { type: String, default: null },
    /** Date of the newest message logged; the newest message decides the status. */
    lastMessageAt: { type: Date, default: null },
    resolution: { type: resolutionSchema, default: null },
    /** A resolution not trusted enough to close the case: shown to the user to confirm. */
    suggestedResolution: { type: resolutionSchema, default: null },
    statusHistory: { type: [statusChangeSchema], default: [] },
    /** The user's changes (issue 8): inputs to the derivation, applied at their dates. */
    manualChanges: { type: [manualChangeSchema], default: [] },
    /** What the case asks of the user (rules/case-terms.ts ATTENTION_FLAGS), derived. */
    attention: { type: [String], default: [] },
    /** Mail dated after the user's own close: how much and the newest date (the close stands). */
    mailAfterUserClose: {
      type: new Schema(
        { count: { type: Number, required: true }, latestAt: { type: Date, required: true } },
        { _id: false },
      ),
      default: null,
    },
    /**
     * Everything above from `status` on is derived from the log (rules/case-policy.ts); each write of
     * the derived fields is guarded by this counter, so concurrent workers converge.
     */
    version: { type: Number, required: true, default: 0 },
    /**
     * The case's inputs (case-store.ts): this incarnation's key for its `case_inputs` slots, set when the
     * document is created (or when a case written by an earlier version is first touched); null on those.
     */
    gen: { type: String, default: null },
    /** The log entries the case was derived from (their `_id`s): read by `_id`, never by a query. */
    entryIds: { type: [Schema.Types.ObjectId], default: [] },
    /** How many of its input slots (`<gen>#1` … `<gen>#n`) the derived fields above include. */
    inputCount: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'cases' },
);
caseSchema.index({ owner: 1, caseNumber: 1 }, { unique: true });
caseSchema.index({ owner: 1, updatedAt: -1 });
caseSchema.index({ owner: 1, orderNumber: 1 });

/**
 * Who chose a message's case: `rules` (case-decision.ts, from its numbers and thread) or `user` (`case: X`
 * typed above the forward). `reanalyze` reports a message the rules would now file elsewhere only for `rules`.
 */
export const FILED_BY = ['rules', 'user'] as const;
export type FiledBy = (typeof FILED_BY)[number];

const logEntrySchema = new Schema(
  {
    caseId: { type: Schema.Types.ObjectId, required: true },
    owner: { type: String, required: true },
    caseNumber: { type: String, required: true },
    /** The original message's identity (invariant 2): Message-ID or content hash. */
    messageKey: { type: String, required: true },
    /** The original's Message-ID, lower-cased with its brackets, for threading replies (In-Reply-To, References). */
    messageId: { type: String, default: null },
    occurredAt: { type: Date, required: true },
    channel: { type: String, enum: LOG_CHANNELS, required: true },
    direction: { type: String, enum: DIRECTIONS, required: true },
    contactPerson: { type: String, default: null },
    summary: { type: String, required: true },
    nextSteps: { type: String, default: null },
    nextStepsDue: { type: String, default: null },
    subject: { type: String, default: '' },
    fromAddress: { type: String, default: null },
    source: {
      mailbox: { type: String, default: null },
      uidValidity: { type: String, default: null },
      uid: { type: Number, default: null },
    },
    reasons: { type: [Schema.Types.Mixed], default: [] },
    /** Where the message sits after processing (the Processed mailbox), for `reanalyze`; null until known. */
    stored: {
      type: new Schema(
        {
          mailbox: { type: String, required: true },
          uidValidity: { type: String, required: true },
          uid: { type: Number, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Set for an entry the user added (a note, a phone call); null for a message. */
    addedBy: { type: changeAuthorSchema, default: null },
    /** Who chose the message's case (FILED_BY); absent on entries logged before it was recorded: the rules. */
    filedBy: { type: String, enum: FILED_BY, default: 'rules' },
    // What the message says for its case: the inputs of rules/case-policy.ts `deriveCase`.
    /** Who the ball is with after this message, when it carries no trusted resolution. */
    implies: { type: String, enum: IMPLIED_STATUSES, default: null },
    /** A resolution trusted to close the case (support side, new text, confident). */
    resolution: { type: resolutionSchema, default: null },
    /** A resolution the user must confirm. */
    suggestedResolution: { type: resolutionSchema, default: null },
    issueDescription: { type: String, default: null },
    merchant: { type: String, default: null },
    orderNumber: { type: String, default: null },
  },
  { timestamps: true, collection: 'log_entries' },
);
// One log entry per support message per owner, however often it is forwarded or retried.
logEntrySchema.index({ owner: 1, messageKey: 1 }, { unique: true });
logEntrySchema.index({ caseId: 1, occurredAt: 1 });
// Threading: a reply with no number finds the case of the message it answers.
logEntrySchema.index({ owner: 1, messageId: 1 });
// Order-only mail finds the case that already has its order.
logEntrySchema.index({ owner: 1, orderNumber: 1 });

const mailboxStateSchema = new Schema(
  {
    /** `user@host:port/MAILBOX`: one checkpoint per watched mailbox. */
    mailbox: { type: String, required: true },
    /** Stored as a string: imapflow returns UIDVALIDITY as a BigInt. */
    uidValidity: { type: String, required: true },
    lastSeenUid: { type: Number, required: true, default: 0 },
  },
  { timestamps: true, collection: 'mailbox_states' },
);
mailboxStateSchema.index({ mailbox: 1 }, { unique: true });

const digestRunSchema = new Schema(
  {
    owner: { type: String, required: true },
    /** The user's local calendar day, YYYY-MM-DD. */
    date: { type: String, required: true },
    status: { type: String, enum: ['sending', 'sent'], required: true },
    claimedAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    messageId: { type: String, default: null },
  },
  { collection: 'digest_runs' },
);
// One digest per user per day (invariant 6): the claim is an insert against this index.
digestRunSchema.index({ owner: 1, date: 1 }, { unique: true });

const quarantineRecordSchema = new Schema(
  {
    mailbox: { type: String, required: true },
    uidValidity: { type: String, required: true },
    uid: { type: Number, required: true },
    reason: { type: String, required: true },
    detail: { type: String, required: true },
    messageId: { type: String, default: null },
    /**
     * Who the user needs to see: for mail set aside because of who sent it (untrusted_sender,
     * unauthenticated), the sender of the mail that reached the mailbox; otherwise the original's sender.
     */
    fromAddress: { type: String, default: null },
    /** Set with such a sender, when the mail is a forward: the forwarded original's sender (e.g. the merchant). */
    originalFrom: { type: String, default: null },
    subject: { type: String, default: null },
    sizeBytes: { type: Number, default: null },
    quarantinedAt: { type: Date, required: true },
    /** The allowed forwarder the message came from; null when the sender is unknown. */
    owner: { type: String, default: null },
    /** Null for mail from the INBOX; `import:<where in the archive>` for mail `import` set aside. */
    origin: { type: String, default: null },
    /** Where the message sits now in the Quarantine mailbox (set after the move); null on older records. */
    quarantined: {
      type: new Schema(
        {
          mailbox: { type: String, required: true },
          uidValidity: { type: String, default: null },
          uid: { type: Number, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Set by `quarantine discard`: the message was moved to the Discarded mailbox, by whom and when. */
    discarded: {
      type: new Schema({ at: { type: Date, required: true }, by: { type: String, required: true } }, { _id: false }),
      default: null,
    },
  },
  { collection: 'quarantine' },
);
quarantineRecordSchema.index({ mailbox: 1, uidValidity: 1, uid: 1 }, { unique: true });

/**
 * A case's inputs, append-only: slot `<case gen>#<n>` holds the n-th thing the case is derived from (a log
 * entry's id, a change, or a marker that an entry's analysis was revised). A slot is claimed by inserting
 * it: the `_id` index lets one writer have each slot, on every backend (FerretDB's updates are not atomic,
 * its inserts are). Read by `_id`, one slot after another until one is missing.
 */
const caseInputSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ['entry', 'change', 'revise'], required: true },
    entryId: { type: Schema.Types.ObjectId, default: null },
    change: { type: manualChangeSchema, default: null },
  },
  { collection: 'case_inputs', versionKey: false },
);

/**
 * Lookups by natural key, each read by `_id`: `order:<hash>#<n>` slots (append-only, like case inputs) list
 * the cases that logged a message about that order; `thread:<hash>` names the entry of a Message-ID when
 * its message key is not `mid:<Message-ID>`.
 */
const caseLookupSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseId: { type: Schema.Types.ObjectId, default: null },
    /** The case's incarnation (its `gen`): a case deleted and opened again under its number is another. */
    gen: { type: String, default: null },
    entryId: { type: Schema.Types.ObjectId, default: null },
  },
  { collection: 'case_lookups', versionKey: false },
);

/** `format`: whether the database holds cases written before the `_id`-keyed layout (then old queries are a fallback). */
const storeMetaSchema = new Schema(
  {
    _id: { type: String, required: true },
    legacyData: { type: Boolean, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'store_meta', versionKey: false },
);

export type CaseDoc = InferSchemaType<typeof caseSchema> & { _id: import('mongoose').Types.ObjectId };
export type LogEntryDoc = InferSchemaType<typeof logEntrySchema> & { _id: import('mongoose').Types.ObjectId };
export type MailboxStateDoc = InferSchemaType<typeof mailboxStateSchema>;
export type DigestRunDoc = InferSchemaType<typeof digestRunSchema>;
export type QuarantineRecordDoc = InferSchemaType<typeof quarantineRecordSchema>;
export type CaseInputDoc = InferSchemaType<typeof caseInputSchema>;
export type CaseLookupDoc = InferSchemaType<typeof caseLookupSchema>;

export interface Models {
  Case: Model<InferSchemaType<typeof caseSchema>>;
  LogEntry: Model<InferSchemaType<typeof logEntrySchema>>;
  MailboxState: Model<InferSchemaType<typeof mailboxStateSchema>>;
  DigestRun: Model<InferSchemaType<typeof digestRunSchema>>;
  QuarantineRecord: Model<InferSchemaType<typeof quarantineRecordSchema>>;
  CaseInput: Model<InferSchemaType<typeof caseInputSchema>>;
  CaseLookup: Model<InferSchemaType<typeof caseLookupSchema>>;
  StoreMeta: Model<InferSchemaType<typeof storeMetaSchema>>;
}

export function modelsFor(connection: Connection): Models {
  return {
    Case: connection.model('Case', caseSchema),
    LogEntry: connection.model('LogEntry', logEntrySchema),
    MailboxState: connection.model('MailboxState', mailboxStateSchema),
    DigestRun: connection.model('DigestRun', digestRunSchema),
    QuarantineRecord: connection.model('QuarantineRecord', quarantineRecordSchema),
    // Typed by hand: a schema with its own `_id` infers a model type the interface above does not accept.
    CaseInput: connection.model('CaseInput', caseInputSchema) as unknown as Models['CaseInput'],
    CaseLookup: connection.model('CaseLookup', caseLookupSchema) as unknown as Models['CaseLookup'],
    StoreMeta: connection.model('StoreMeta', storeMetaSchema) as unknown as Models['StoreMeta'],
  };
}
