import mongoose, { type Connection } from 'mongoose';
import type { MongoConfig } from '../config.js';
import { RefundTrackerError } from '../errors.js';
import { CaseStore } from './case-store.js';
import { DigestStore } from './digest-store.js';
import { MailboxStateStore } from './mailbox-state-store.js';
import { QuarantineStore } from './quarantine-store.js';
import { modelsFor } from './schemas.js';

/** The MongoDB side of the product: one connection, four narrow stores. */
export interface Store {
  cases: CaseStore;
  mailboxes: MailboxStateStore;
  digests: DigestStore;
  quarantine: QuarantineStore;
  connection: Connection;
  close(): Promise<void>;
}

export class StoreUnavailableError extends RefundTrackerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('store_unavailable', message, options);
  }
}

export interface OpenStoreOptions {
  /** For commands that only read (cases list/show/export, quarantine list/show, digest preview): no indexes are created. */
  readOnly?: boolean;
}

export async function openStore(config: MongoConfig, options: OpenStoreOptions = {}): Promise<Store> {
  const connection = mongoose.createConnection(config.mongodbUri, {
    dbName: databaseName(config),
    // A MongoDB that does not answer is named within a few seconds (start-up, and each operation in an outage).
    serverSelectionTimeoutMS: 6_000,
    // Indexes are created explicitly below, and must exist before the first write.
    autoIndex: false,
  });
  try {
    await connection.asPromise();
  } catch (cause) {
    throw new StoreUnavailableError('cannot connect to MongoDB (check MONGODB_URI)', { cause });
  }
  const models = modelsFor(connection);
  // The unique indexes carry invariants 2 and 6: create them before anything writes.
  if (!options.readOnly) await Promise.all(Object.values(models).map((m) => m.createIndexes()));
  let closing: Promise<void> | undefined;
  return {
    cases: new CaseStore(models),
    mailboxes: new MailboxStateStore(models),
    digests: new DigestStore(models),
    quarantine: new QuarantineStore(models),
    connection,
    close() {
      closing ??= connection.close();
      return closing;
    },
  };
}

/** MONGODB_DB, else the database named in MONGODB_URI, else `refund-tracker` (never the driver's `test`). */
export function databaseName(config: MongoConfig): string {
  if (config.dbName) return config.dbName;
  // The path after the host list (which may hold several comma-separated hosts) names the database.
  const fromUri = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]+)/.exec(config.mongodbUri)?.[1];
  return fromUri ? decodeURIComponent(fromUri) : 'refund-tracker';
}
