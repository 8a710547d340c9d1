import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * Deterministic document ids from natural keys. FerretDB v1 pushes down to its SQLite backend a filter
 * that is exactly `{_id: <string or ObjectId>}` and nothing else (every other filter decodes the whole
 * collection), so each write a message makes finds its document by an `_id` computed from what the
 * message says: a case from owner + case number, a log entry from owner + message key. The ids are
 * ObjectIds (96 bits of SHA-256), so every field typed ObjectId, the CLI's printed ids and the
 * documents written by earlier versions (random ObjectIds) keep their shape.
 */
function hashedObjectId(kind: string, parts: readonly (string | number)[]): Types.ObjectId {
  const digest = createHash('sha256')
    .update([kind, ...parts.map(String)].join('\u0000'))
    .digest();
  return new Types.ObjectId(digest.subarray(0, 12));
}

/** The `_id` of the case `owner` files under `caseNumber`. */
export function caseIdOf(owner: string, caseNumber: string): Types.ObjectId {
  return hashedObjectId('case', [owner, caseNumber]);
}

/** The `_id` of `owner`'s log entry for the message `messageKey`: the duplicate check is the `_id` itself. */
export function entryIdOf(owner: string, messageKey: string): Types.ObjectId {
  return hashedObjectId('entry', [owner, messageKey]);
}

/** The `_id` of the quarantine record of the message at this place (one record per place). */
export function quarantineIdOf(place: { mailbox: string; uidValidity: string; uid: number }): Types.ObjectId {
  return hashedObjectId('quarantine', [place.mailbox, place.uidValidity, place.uid]);
}

/** A lookup document's key: a readable kind, and a hash of the owner and the value it is about. */
export function lookupKeyOf(kind: 'order' | 'thread', owner: string, value: string): string {
  const digest = createHash('sha256').update([owner, value].join('\u0000')).digest('hex').slice(0, 32);
  return `${kind}:${digest}`;
}
