/** MongoDB's duplicate-key error, raised by a unique index. */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 11000;
}

/**
 * Runs an upsert once more when two writers raced to insert the same key: the loser's second
 * try finds the winner's document and updates it instead.
 */
export async function upsertWithRetry<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (isDuplicateKeyError(err)) return op();
    throw err;
  }
}
