// A case as it stood at an instant: PURE (no I/O, no clock). Only the entries and the user's changes
// dated up to the instant count, and the case is derived from them again by `deriveCase`.
import { type DerivedCase, deriveCase, type ManualChange, type PolicyEntry } from './case-policy.js';

/** The case as of `instant` (inclusive); null when no entry is dated up to then (the case did not exist yet). */
export function caseAsOf(
  entries: readonly PolicyEntry[],
  changes: readonly ManualChange[],
  instant: Date,
): DerivedCase | null {
  const cutoff = instant.getTime();
  const known = entries.filter((e) => e.occurredAt.getTime() <= cutoff);
  if (known.length === 0) return null;
  return deriveCase(
    known,
    changes.filter((c) => c.at.getTime() <= cutoff),
  );
}

/** The offset of a time zone from UTC at an instant, in milliseconds (east positive). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

/** The last millisecond of a local day (YYYY-MM-DD) in a time zone: the instant before the next day starts there. */
export function endOfLocalDay(day: string, timeZone: string): Date {
  const nextMidnightUtc = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  if (Number.isNaN(nextMidnightUtc)) throw new Error(`not a day: ${day}`);
  // Local midnight = UTC midnight minus the zone's offset then; twice, in case the offset changes between the guesses.
  let start = nextMidnightUtc - zoneOffsetMs(new Date(nextMidnightUtc), timeZone);
  start = nextMidnightUtc - zoneOffsetMs(new Date(start), timeZone);
  return new Date(start - 1);
}
