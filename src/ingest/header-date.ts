import * as chrono from 'chrono-node';

/**
 * Dates in forwarded header blocks are written for humans, in the forwarder's locale
 * (`Thu, Oct 26, 2023 at 2:03\u202fPM`, `27 October 2023 at 18:30:00 CEST`,
 * `mardi 7 novembre 2023 10:15`). When the line names a zone we use it. When it does not,
 * we assume the forwarder's own zone: the mail client wrote the line in local time, and the
 * forward's own Date header carries that local offset. Failing that, UTC.
 */
const parsers = [chrono.en.strict, chrono.de.strict, chrono.fr.strict, chrono.es.strict, chrono.en.casual];

/**
 * Zone abbreviations French clients print that chrono does not know (minutes east of UTC):
 * heure normale / avancée d'Europe centrale. chrono already knows CET/CEST, MEZ/MESZ and the
 * North American ones.
 */
const EXTRA_ZONES: Record<string, number> = { HNEC: 60, HAEC: 120 };

export function parseHeaderDate(text: string, fallbackOffsetMinutes: number | null): Date | null {
  // U+202F and U+00A0 appear in Gmail and Outlook date lines; chrono wants plain spaces.
  // ICU writes a zone offset with U+2212 (`UTC−5`) in some locales.
  const cleaned = text
    .replace(/[\u202f\u00a0]/g, ' ')
    .replace(/\u2212/g, '-')
    // Gmail in Spanish abbreviates September `sept`, which chrono's Spanish parser does not know.
    .replace(/\bsept\b\.?/gi, 'sep')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '') return null;
  const rfc = Date.parse(cleaned);
  if (/[+-]\d{4}\b|\bGMT\b|\bUTC\b/.test(cleaned) && !Number.isNaN(rfc)) return new Date(rfc);
  const reference = { instant: new Date(Date.UTC(2000, 0, 1)), timezone: fallbackOffsetMinutes ?? 0 };
  // A parser that reads only the date must not win over a later one that also reads the time:
  // English knows `oct`, so it takes `27 oct. 2023` from Gmail's French `ven. 27 oct. 2023 à 08:12`
  // and drops the time that the French parser reads. A date without a time is the last resort.
  let dateOnly: Date | null = null;
  for (const parser of parsers) {
    const [result] = parser.parse(cleaned, reference, { timezones: EXTRA_ZONES });
    if (!result?.start.isCertain('year') || !result.start.isCertain('day')) continue;
    if (result.start.isCertain('hour')) return result.start.date();
    dateOnly ??= result.start.date();
  }
  return dateOnly;
}

/** The UTC offset, in minutes, written in a raw RFC 5322 Date header (`... -0400`). */
export function offsetOfRfc2822Date(raw: string | undefined): number | null {
  const m = raw?.match(/([+-])(\d{2})(\d{2})\s*(?:\([^)]*\))?\s*$/);
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3]));
}
