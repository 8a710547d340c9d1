import { type Connection, type Model, Schema } from 'mongoose';
import type { SenderTemplate } from '../rules/boilerplate.js';
import { KeyedLock } from './keyed-lock.js';
import { isDuplicateKeyError } from './mongo-errors.js';

/**
 * Per-sender template learning (see rules/boilerplate.ts). One document per sender domain, keyed by
 * the domain itself (`_id`), so loading a template is one lookup by `_id`: the one filter FerretDB v1
 * pushes down on every backend, and no `$lookup`/`$facet`/partial index is needed.
 *
 * The document keeps the newest `MAX_SIGHTINGS` sightings `{ fingerprint, case }` (older ones drop off,
 * so its size is bounded: about 2000 × 100 bytes) and the keys of the newest `MAX_MESSAGE_KEYS` messages
 * recorded, which make recording idempotent per message. A message whose key has dropped off and comes
 * again adds sightings under its own case only, which cannot make anything template text.
 */
export const MAX_SIGHTINGS = 2000;
export const MAX_MESSAGE_KEYS = 500;
/** Sentences recorded per message at most: a long newsletter cannot flush a sender's history. */
export const MAX_FINGERPRINTS_PER_MESSAGE = 80;
/**
 * A sentence is template text once it has been seen in mails about at least this many different
 * cases. Two is the least that tells "this sender prints it whatever the case" from "this case's news";
 * the same case's follow-ups repeating a sentence never count (a case id is counted once).
 */
export const TEMPLATE_MIN_CASES = 2;

const sightingSchema = new Schema(
  {
    /** `sentenceFingerprint` of the sentence. */
    f: { type: String, required: true },
    /** The case the mail was about (its id). */
    c: { type: String, required: true },
  },
  { _id: false },
);

const senderTemplateSchema = new Schema(
  {
    /** The sender's domain, lower case. */
    _id: { type: String, required: true },
    sightings: { type: [sightingSchema], default: [] },
    messageKeys: { type: [String], default: [] },
    /** Bumped by every write (how many times it was written); `record` no longer compares it. */
    rev: { type: Number, required: true, default: 0 },
  },
  { collection: 'sender_templates', timestamps: true, versionKey: false },
);

interface TemplateDoc {
  _id: string;
  sightings: { f: string; c: string }[];
  messageKeys: string[];
  rev: number;
}
type SenderTemplateModel = Model<TemplateDoc>;
/** Compare-and-set retries before the job fails (and BullMQ retries it later). */
const MAX_ATTEMPTS = 20;

export interface TemplateSighting {
  domain: string;
  messageKey: string;
  /** The case the message was filed under. */
  caseId: string;
  fingerprints: readonly string[];
}

export class SenderTemplateStore {
  private readonly writers = new KeyedLock();

  private constructor(private readonly model: SenderTemplateModel) {}

  /** Registers the model on the connection; `_id` is the only index it needs. */
  static async open(connection: Connection): Promise<SenderTemplateStore> {
    const model =
      (connection.models.SenderTemplate as SenderTemplateModel | undefined) ??
      (connection.model('SenderTemplate', senderTemplateSchema) as unknown as SenderTemplateModel);
    await model.createIndexes();
    return new SenderTemplateStore(model);
  }

  /**
   * The fingerprints this domain has printed in mails about at least `TEMPLATE_MIN_CASES` different
   * cases. One read by `_id`.
   */
  async templateOf(domain: string, options: { exceptCase?: string } = {}): Promise<SenderTemplate> {
    // Through the driver (as in case-store.ts's docById): mongoose's query building costs more than the read.
    const doc = (await this.model.collection.findOne(
      { _id: domain.toLowerCase() as never },
      { projection: { sightings: 1 } },
    )) as Pick<TemplateDoc, 'sightings'> | null;
    // `reanalyze`: a logged message's own case does not count, or its own sentences would be template.
    const sightings = (doc?.sightings ?? []).filter((s) => s.c !== options.exceptCase);
    return templateFromSightings(sightings);
  }

  /**
   * Records a processed message's sentence fingerprints under its case. Idempotent per message key.
   * Every read and write finds the document by `_id` alone (the filter FerretDB pushes down). FerretDB runs
   * an update as a read and an unconditional write, so a compare-and-set on `rev` would not be atomic there:
   * writers of one domain in this process wait for each other instead (KeyedLock), and each reads the
   * document back after its write and writes again if a writer elsewhere overwrote it (its key missing).
   * A write from another process that lands after that check can still drop a message's sightings: the
   * template then learns from the next mail instead. The arrays are trimmed here rather than with `$push …
   * $slice`, which FerretDB v1 ignores. Returns whether this call recorded the message.
   */
  async record(sighting: TemplateSighting): Promise<boolean> {
    const domain = sighting.domain.toLowerCase();
    return this.writers.run(domain, () => this.recordOnce(domain, sighting));
  }

  private async recordOnce(domain: string, sighting: TemplateSighting): Promise<boolean> {
    const fresh = [...new Set(sighting.fingerprints)]
      .slice(0, MAX_FINGERPRINTS_PER_MESSAGE)
      .map((f) => ({ f, c: sighting.caseId }));
    let wrote = false;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const doc = (await this.model.collection.findOne({ _id: domain as never })) as TemplateDoc | null;
      if (doc?.messageKeys.includes(sighting.messageKey)) return wrote;
      const sightings = [...(doc?.sightings ?? []), ...fresh].slice(-MAX_SIGHTINGS);
      const messageKeys = [...(doc?.messageKeys ?? []), sighting.messageKey].slice(-MAX_MESSAGE_KEYS);
      try {
        if (!doc) {
          await this.model.create({ _id: domain, sightings, messageKeys, rev: 1 });
          return true;
        }
        // Through the driver: mongoose would cast all (up to MAX_SIGHTINGS) sightings, and walk them for
        // timestamps, on every write; they are plain strings already. `updatedAt` is what `timestamps` sets.
        await this.model.collection.updateOne(
          { _id: domain as never },
          { $set: { sightings, messageKeys, rev: doc.rev + 1, updatedAt: new Date() } },
        );
        // Read back at the top of the loop: there when no other writer overwrote it.
        wrote = true;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    throw new Error(`sender template of ${domain}: too many concurrent writers, giving up for now`);
  }
}

/** Fingerprints seen with at least `TEMPLATE_MIN_CASES` distinct cases. */
export function templateFromSightings(sightings: readonly { f: string; c: string }[]): SenderTemplate {
  const cases = new Map<string, Set<string>>();
  for (const { f, c } of sightings) {
    const seen = cases.get(f) ?? new Set<string>();
    seen.add(c);
    cases.set(f, seen);
  }
  return new Set([...cases].filter(([, seen]) => seen.size >= TEMPLATE_MIN_CASES).map(([f]) => f));
}
