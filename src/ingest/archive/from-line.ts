/**
 * The mbox From_ line (`From sender date`), which starts each message of an mbox. Real shapes:
 *   Thunderbird      `From - Thu Nov 02 10:15:22 2023`
 *   Gmail Takeout    `From 1781234567890123456@xxx Wed Nov 01 09:47:00 +0000 2023`
 *   Apple Mail, mutt `From refunds@gtbuy.com Thu Nov  2 10:15:22 2023`
 *   some converters  `From refunds@gtbuy.com Thu, 02 Nov 2023 10:15:22 +0100`
 * The date is asctime-like (month day time [zone] year [zone]) or RFC 5322-like (day month year time
 * zone). Without a numeric zone the time is read as UTC: From_ lines are written in the delivering
 * host's time with no zone, so the hour may be off; the day is what the date of last resort needs.
 */

/** Longest From_ line we look at: real ones are under 100 characters; a longer line is body text. */
export const MAX_FROM_LINE_CHARS = 512;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Both patterns are anchored, with bounded repetitions and no nested quantifiers: linear on any input.
const ASCTIME =
  /^(?:[A-Za-z]{3},? {1,3})?([A-Za-z]{3}) {1,3}(\d{1,2}) {1,3}(\d{1,2}):(\d{2})(?::(\d{2}))?(?: {1,3}([+-]\d{4}|[A-Za-z]{1,5}))? {1,3}(\d{4})(?: {1,3}([+-]\d{4}))?(?: |$)/;
const RFC5322 =
  /^(?:[A-Za-z]{3},? {1,3})?(\d{1,2}) {1,3}([A-Za-z]{3}) {1,3}(\d{4}) {1,3}(\d{1,2}):(\d{2})(?::(\d{2}))?(?: {1,3}([+-]\d{4}))?(?: |$)/;

/** A time (`10:15`) and a four-digit year somewhere after the sender: what every From_ line has. */
const TIME = /(?:^| )\d{1,2}:\d{2}(?::\d{2})?(?: |$)/;
const YEAR = /(?:^| )(?:19|20|21)\d{2}(?: |$)/;

export interface FromLine {
  sender: string;
  /** The date the line carries, or null when it cannot be read. */
  date: Date | null;
}

/**
 * Reads a From_ line (without its line terminator). Null when the line is not one: it must be
 * `From `, a sender, and a rest holding a time and a year. That keeps a body paragraph such as
 * `From the moment we received your parcel` (left unquoted by a careless exporter) inside its
 * message, while every exporter's real separator line is accepted even when its date is odd.
 */
export function parseFromLine(line: string): FromLine | null {
  if (!line.startsWith('From ') || line.length > MAX_FROM_LINE_CHARS) return null;
  const rest = line.slice(5).trimStart();
  const space = rest.indexOf(' ');
  if (space <= 0) return null;
  const sender = rest.slice(0, space);
  const dateText = rest.slice(space + 1).trim();
  if (!TIME.test(dateText) || !YEAR.test(dateText)) return null;
  return { sender, date: parseFromLineDate(dateText) };
}

/** The date part of a From_ line (after the sender); null when it is in neither known shape. */
function parseFromLineDate(text: string): Date | null {
  const a = ASCTIME.exec(text);
  if (a) {
    const zone = a[6] && /^[+-]/.test(a[6]) ? a[6] : a[8];
    return utcDate(Number(a[7]), a[1] ?? '', Number(a[2]), Number(a[3]), Number(a[4]), Number(a[5] ?? 0), zone);
  }
  const r = RFC5322.exec(text);
  if (r) return utcDate(Number(r[3]), r[2] ?? '', Number(r[1]), Number(r[4]), Number(r[5]), Number(r[6] ?? 0), r[7]);
  return null;
}

function utcDate(
  year: number,
  monthName: string,
  day: number,
  hour: number,
  minute: number,
  second: number,
  zone: string | undefined,
): Date | null {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const local = Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
  // Date.UTC rolls 31 Feb over into March: such a date is not one.
  if (new Date(local).getUTCDate() !== day) return null;
  const offsetMinutes = zone ? zoneOffsetMinutes(zone) : 0;
  return new Date(local - offsetMinutes * 60_000);
}

/** `+0100` → 60, `-0530` → -330. */
function zoneOffsetMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
}
