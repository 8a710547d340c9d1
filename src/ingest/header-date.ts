import * as en from 'chrono-node/en';
import { LEXICONS } from '../rules/lexicon/index.js';

/**
 * Dates in forwarded header blocks are written for humans, in the forwarder's locale
 * (`Thu, Oct 26, 2023 at 2:03\u202fPM`, `27 October 2023 at 18:30:00 CEST`,
 * `mardi 7 novembre 2023 10:15`, `gio 12 ott 2023 alle ore 14:05`, `2023年10月12日(木) 14:05`).
 * When the line names a zone we use it. When it does not, we assume the forwarder's own zone: the
 * mail client wrote the line in local time, and the forward's own Date header carries that local
 * offset. Failing that, UTC.
 *
 * Languages: chrono-node's parsers where it has one (en, de, fr, es, it, nl, pt, ru, uk, ja); for the
 * rest (Polish), the month names of `rules/lexicon` turn `12 października 2023` into a date chrono's
 * English parser reads. Connector words between the date and the time that chrono's parsers do not
 * expect (`alle ore`, `om`, `o`, `às`, `в`, `г.`/`р.` after the year) are dropped first.
 */
type DateParser = typeof en.strict;

/**
 * The parsers in the order they are tried. English is loaded with this module; the other languages
 * (two hundred modules, most of chrono-node's loading cost) only by `loadHeaderDateLocales`, for
 * the dates English does not settle: `analyze` of an English forward never loads them.
 */
const parserOrder = (others: readonly DateParser[] | null): readonly (DateParser | null)[] => [
  en.strict,
  ...(others ?? Array.from({ length: OTHER_LANGUAGES }, () => null)),
  en.casual,
];
const OTHER_LANGUAGES = 9;
let parsers = parserOrder(null);

/** Loads chrono-node's other languages (de, fr, es, it, nl, pt, ru, uk, ja); once per process. */
export async function loadHeaderDateLocales(): Promise<void> {
  if (parsers.every((p) => p !== null)) return;
  // Spelled out, each a literal specifier: a language is a directory of chrono-node, not a name to compute.
  const loaded = await Promise.all([
    import('chrono-node/de'),
    import('chrono-node/fr'),
    import('chrono-node/es'),
    import('chrono-node/it'),
    import('chrono-node/nl'),
    import('chrono-node/pt'),
    import('chrono-node/ru'),
    import('chrono-node/uk'),
    import('chrono-node/ja'),
  ]);
  parsers = parserOrder(loaded.map((locale) => locale.strict));
}

/**
 * `parseHeaderDate` reached a language not loaded yet: its answer could depend on it. The caller
 * awaits `loadHeaderDateLocales()` and asks again (parseInboundMessage does).
 */
export class HeaderDateLocalesNeeded extends Error {
  constructor() {
    super('the date needs a chrono-node language not loaded yet: await loadHeaderDateLocales() first');
    this.name = 'HeaderDateLocalesNeeded';
  }
}

/**
 * Zone abbreviations chrono does not know (minutes east of UTC). French: heure normale / avancée
 * d'Europe centrale. German: ost-/westeuropäische (Sommer)zeit (chrono knows WEZ/WESZ, not OEZ/OESZ).
 * chrono already knows CET/CEST, MEZ/MESZ, EET/EEST, MSK, JST, BRT, BST (British Summer Time, +01:00)
 * and IST, which it reads as India (+05:30). IST is also Irish and Israel Standard Time; we keep
 * India: ICU (Apple Mail, Outlook) prints `IST` for India, while Irish clients print `GMT+1` or `IST`
 * only in summer and Israeli ones mostly `GMT+2`/`IDT`. A wrong guess there costs hours, not days.
 */
const EXTRA_ZONES: Record<string, number> = { HNEC: 60, HAEC: 120, OEZ: 120, OESZ: 180 };

/** Zone names in other scripts, rewritten to the Latin abbreviation chrono reads. */
const ZONE_SPELLINGS: readonly [RegExp, string][] = [[/(?<![\p{L}])МСК(?![\p{L}])/gu, 'MSK']];

/**
 * Between a 4-digit year (or an ISO date, `isoNumericDate`'s) and the time: the Russian/Ukrainian year mark
 * (`2023 г.`, `2023 р.`), a comma, and the word for "at" (`alle ore`, `om`, `o`, `às`, `à`, `um`, `at`,
 * `a las`, `в`, `о`, `v`, `kl.`, `klo`, `lúc`), each optional.
 * Only removed when a time (`14:05`, `8h12`) follows, so no other text is touched.
 */
const YEAR_TO_TIME =
  /(\d{4}(?:-\d{2}-\d{2})?)(?:\s{0,3}[гр]\.)?,?\s{1,3}(?:(?:alle ore|alle|om|o|às|as|à|um|at|a las|в|о|v|kl\.|klo|kello|vào lúc|lúc)\s{1,3})?(?=\d{1,2}[:h.]\d{2})/giu;
/**
 * A time written with dots after the year (`20. november 2026 kl. 14.05.00`, Danish, Norwegian and
 * Finnish clients): made `14:05:00`, or chrono reads `14.05` as a day and month.
 */
const DOTTED_TIME_AFTER_YEAR = /(\d{4}(?:-\d{2}-\d{2})? )(\d{1,2})\.(\d{2})(?:\.(\d{2}))?(?![\d.])/g;
/** `2023 г.` / `2023 р.` with no time after it: the mark alone goes. */
const YEAR_MARK = /(\d{4})\s{0,3}[гр]\.(?=[\s,]|$)/gu;

const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Month word (any lexicon language) to its index. A word two languages give different months is
 * dropped rather than guessed.
 */
const MONTH_OF_WORD: ReadonlyMap<string, number> = unambiguous(
  LEXICONS.flatMap((lexicon) =>
    lexicon.dates.months.flatMap((words, month) =>
      words.flatMap((word) =>
        (word.endsWith('?') ? [word.slice(0, -2), word.slice(0, -1)] : [word]).map((spelling): [string, number] => [
          spelling,
          month,
        ]),
      ),
    ),
  ),
);

/** The pairs as a map, without the keys that two pairs give different values: such a word is no answer. */
function unambiguous<V>(pairs: Iterable<readonly [string, V]>): Map<string, V> {
  const found = new Map<string, V>();
  const ambiguous = new Set<string>();
  for (const [key, value] of pairs) {
    if (found.has(key) && found.get(key) !== value) ambiguous.add(key);
    found.set(key, value);
  }
  for (const key of ambiguous) found.delete(key);
  return found;
}

/** `12 października 2023`, `12. paź. 2023`, `12 de out. de 2023`: day, month word, year. */
const DAY_MONTH_YEAR =
  /(?<![\p{L}\p{N}])(\d{1,2})\.?\s{1,3}(?:de\s{1,3})?(\p{L}{3,14})\.?,?\s{1,3}(?:de\s{1,3})?(\d{4})(?!\p{N})/u;

const WRITTEN_YEAR = /(?<!\d)\d{4}(?!\d)/;

/**
 * Vietnamese names a month by its number (`tháng 11`, Gmail's `thg 11`), so no month word reads it:
 * `Th 4, 18 thg 11, 2026 lúc 14:22` (Gmail), `Thứ Năm, ngày 19 tháng 11 năm 2026 10:15` (Outlook),
 * `20 tháng 11, 2026 lúc 09:35` (Apple Mail). The date is made ISO (`2026-11-18`), which the readers know.
 */
const VIETNAMESE_DATE =
  /(?<![\p{L}\p{N}])(\d{1,2})\s{1,3}(?:thg|tháng)\s{1,3}(\d{1,2}),?\s{1,3}(?:năm\s{1,3})?(\d{4})(?!\p{N})/giu;

/**
 * The instant a human-written date line names, or null. Synchronous: throws HeaderDateLocalesNeeded
 * when the answer needs a language `loadHeaderDateLocales` has not loaded yet (never once it has).
 */
export function parseHeaderDate(
  text: string,
  fallbackOffsetMinutes: number | null,
  readers: DateReaders = 'all',
): Date | null {
  // U+202F and U+00A0 appear in Gmail and Outlook date lines; chrono wants plain spaces.
  // ICU writes a zone offset with U+2212 (`UTC−5`) in some locales.
  // Composed (NFC): a line decoded from windows-1258 carries its tone marks as combining characters.
  let cleaned = text
    .normalize('NFC')
    .replace(/[\u202f\u00a0]/g, ' ')
    // Arabic clients: Arabic-Indic digits, the Arabic comma, direction marks, and `ص`/`م` (morning,
    // evening) after a 12-hour time (`الأحد، ٢٢ نوفمبر ٢٠٢٦ في ٣:٠٥ م`), made a 24-hour one.
    .replace(/[\u0660-\u0669]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x0660 + 0x30))
    .replace(/\u060c/g, ',')
    .replace(/[\u061c\u200e\u200f]/g, '')
    .replace(
      /(?<!\d)(\d{1,2}):(\d{2})((?::\d{2})?) ?([صم])(?![\p{L}])/gu,
      (_m, h: string, min: string, sec: string, half: string) =>
        `${(Number(h) % 12) + (half === 'م' ? 12 : 0)}:${min}${sec}`,
    )
    .replace(/\u2212/g, '-')
    // Gmail in Spanish abbreviates September `sept`, which chrono's Spanish parser does not know.
    .replace(/\bsept\b\.?/gi, 'sep')
    // French Canada and Outlook fr write `14 h 05`; chrono's French parser reads `14h05` but not spaced.
    .replace(/(?<!\d)(\d{1,2}) ?h ?(\d{2})(?!\d)/g, '$1:$2')
    // Samsung Email writes its offset in brackets (`14:05 (GMT+01:00)`): V8's date reader skips a
    // bracketed comment, and with it the offset, so the time was read as UTC.
    .replace(/\(((?:GMT|UTC) ?[+-]\d{1,2}(?::?\d{2})?)\)/g, '$1')
    .replace(CJK_WEEKDAY, ' ')
    .replace(
      VIETNAMESE_DATE,
      (_m, day: string, month: string, year: string) => `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`,
    )
    .replace(CJK_HALF_DAY, (_m, half: string, time: string) => `${time} ${MORNING.has(half) ? 'AM' : 'PM'}`)
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '') return null;
  cleaned = isoNumericDate(isoCjkDate(cleaned));
  const rfc = Date.parse(cleaned);
  // A written offset (` +0200`, `GMT`, or a US zone name that RFC 5322 4.3 keeps from RFC 822, `EST`):
  // the built-in RFC 2822 reader, which also takes RFC 822's two-digit year (`22 Dec 23`). The space
  // keeps `12-10-2023` from passing for an offset of -1020.
  // V8 rolls a day the month does not have over (`31 Feb` is 3 March): such a line is no date.
  if (/\s[+-]\d{4}\b|\bGMT\b|\bUTC\b|\s(?:UT|[ECMP][SD]T)\b/.test(cleaned) && !Number.isNaN(rfc)) {
    // So is one whose offset no zone has (`+2500`, `-0075`): V8 would move the time by it.
    const offset = /\s([+-])(\d{2})(\d{2})\b/.exec(cleaned);
    if (offset && offsetMinutes(offset[1] ?? '+', offset[2] ?? '', offset[3] ?? '') === null) return null;
    return writtenDayExists(cleaned) ? new Date(rfc) : null;
  }
  cleaned = cleaned
    .replace(YEAR_TO_TIME, '$1 ')
    .replace(YEAR_MARK, '$1')
    .replace(
      DOTTED_TIME_AFTER_YEAR,
      (_m, date: string, h: string, min: string, sec?: string) => `${date}${h}:${min}${sec ? `:${sec}` : ''}`,
    );
  for (const [pattern, latin] of ZONE_SPELLINGS) cleaned = cleaned.replace(pattern, latin);
  const written = readers === 'all' ? writtenOutDate(cleaned, fallbackOffsetMinutes) : undefined;
  if (written !== undefined) return written;
  const reference = { instant: new Date(Date.UTC(2000, 0, 1)), timezone: fallbackOffsetMinutes ?? 0 };
  // A parser that reads only the date must not win over a later one that also reads the time:
  // English knows `oct`, so it takes `27 oct. 2023` from Gmail's French `ven. 27 oct. 2023 à 08:12`
  // and drops the time that the French parser reads. A date without a time is the last resort.
  let dateOnly: Date | null = null;
  // The English-month rewrite only when the text as written is not settled: its pattern (a
  // repeated Unicode letter class) is costly to compile for a one-message `analyze`.
  for (const candidate of [() => cleaned, () => withEnglishMonth(cleaned), () => compactDate(cleaned)]) {
    const text = candidate();
    if (text === null) continue;
    for (const parser of parsers) {
      // Every parser before this one has been tried: an answer here is the one all languages give.
      if (parser === null) throw new HeaderDateLocalesNeeded();
      const [result] = parser.parse(text, reference, { timezones: EXTRA_ZONES });
      // The year must be written: chrono marks `last week` or `yesterday` certain, relative to the
      // reference instant, and a header date is never relative.
      if (!result?.start.isCertain('year') || !result.start.isCertain('day') || !WRITTEN_YEAR.test(result.text)) {
        continue;
      }
      if (result.start.isCertain('hour')) return result.start.date();
      dateOnly ??= result.start.date();
    }
  }
  return dateOnly;
}

/**
 * `all`: the shortcut for the common line (`writtenOutDate`), then chrono-node's parsers; `chrono`:
 * the parsers alone, which the unit test holds the shortcut to.
 */
export type DateReaders = 'all' | 'chrono';

/**
 * `Di., 12. März 2024 11:50 Uhr`, `śr., 16 paź 2024 10:20`, `1 de agosto de 2024 15:00:15 GMT+1`:
 * up to three words (a weekday, `den`), the day, a lexicon month word, the year, perhaps a weekday
 * after it, a 24-hour time, a zone from `WRITTEN_OUT_ZONES` or none (connector words are already
 * gone). Read here directly, as chrono-node's parsers read it: for such a line they took ~50 ms of a
 * one-message `analyze` (English first, then nine other languages loaded and compiled) to say the
 * same. undefined for any other line, and for a date or time that does not exist (`31 Feb`).
 */
const WRITTEN_OUT_DATE =
  /^(?:[\p{L}-]{1,20}\.?,?\s){0,3}(\d{1,2})\.?\s(?:de\s)?(\p{L}{3,14})\.?,?\s(?:de\s)?(\d{4}),?\s(?:\p{L}{2,14},?\s)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\sUhr)?(?:\s([A-Z]{3,4}|(?:GMT|UTC)[+-]\d{1,2}(?::\d{2})?))?$/u;

/**
 * Zones the shortcut reads (minutes east of UTC), each as chrono-node reads it: the unit test checks.
 * Not `CET`, which chrono-node reads as `CEST` on a summer date.
 */
const WRITTEN_OUT_ZONES: Readonly<Record<string, number>> = {
  ...EXTRA_ZONES,
  UTC: 0,
  GMT: 0,
  WET: 0,
  WEST: 60,
  CEST: 120,
  MEZ: 60,
  MESZ: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  BRT: -180,
  JST: 540,
};

function writtenOutDate(text: string, fallbackOffsetMinutes: number | null): Date | undefined {
  if (text.length > 80) return undefined;
  const m = WRITTEN_OUT_DATE.exec(text);
  const month = m ? MONTH_OF_WORD.get((m[2] ?? '').toLowerCase()) : undefined;
  if (!m || month === undefined) return undefined;
  const [day, year, hour, minute, second] = [m[1], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const zone = m[7];
  const offset = zone === undefined ? (fallbackOffsetMinutes ?? 0) : zoneOffset(zone);
  if (offset === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = new Date(Date.UTC(year, month, day, hour, minute, second));
  if (local.getUTCDate() !== day) return undefined;
  return new Date(local.getTime() - offset * 60_000);
}

/** `CEST`, `GMT+1`, `UTC-03:00` in minutes east of UTC; undefined for a name the shortcut leaves to chrono. */
function zoneOffset(zone: string): number | undefined {
  const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::(\d{2}))?$/.exec(zone);
  if (m === null) return WRITTEN_OUT_ZONES[zone];
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/**
 * The text with its `day month year` written in English, when the month is a lexicon word; null when
 * there is no such date. For languages chrono has no parser for (`czw., 12 paź 2023 14:05`).
 */
function withEnglishMonth(text: string): string | null {
  const m = DAY_MONTH_YEAR.exec(text);
  const month = m ? MONTH_OF_WORD.get((m[2] ?? '').toLowerCase()) : undefined;
  if (!m || month === undefined) return null;
  const english = `${m[1]} ${ENGLISH_MONTHS[month]} ${m[3]}`;
  return `${text.slice(0, m.index)}${english}${withEnglishHalfOfDay(text.slice(m.index + m[0].length))}`;
}

/**
 * The text after a date with its half of the day in English: Apple Mail in Greek writes `25 Νοεμβρίου
 * 2026 3:12:45 μ.μ. EET`, whose afternoon English parsers would read as morning. The marker (a word of
 * `ICU_LOCALES`, `halfOfDayIn`) goes, `PM` follows the time; the zone stays.
 */
function withEnglishHalfOfDay(after: string): string {
  if (!/[^\p{ASCII}]/u.test(after) || TWELVE_HOUR_CLOCK.test(after)) return after;
  const half = halfOfDayIn(after);
  if (half === undefined) return after;
  const words = after.split(/(?<=[\s,])|(?=[\s,])/);
  const kept = words.filter((word) => icuHalves?.get(word.toLowerCase()) === undefined).join('');
  return kept.replace(/\d{1,2}[:.]\d{2}(?:[:.]\d{2})?/, (time) => `${time} ${half}`);
}

/** `2026. november 20.` (Hungarian), `2026 m. lapkričio 20 d.` (Lithuanian): year, month word, day. */
const YEAR_MONTH_DAY =
  /(?<![\p{L}\p{N}])(\d{4})\.?(?:\s{1,3}m\.)?\s{1,3}(\p{L}{3,14})\.?\s{1,3}(\d{1,2})(?![\p{N}])\.?/u;
/** What a date line says after its date that a parser needs: the time, a half of the day, the zone. */
const TIME_AND_ZONE =
  /(?<!\d)\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?!\d)(?:\s?[ap]\.?m\.?(?![\p{L}]))?|(?:GMT|UTC) ?[+-]\d{1,2}(?::?\d{2})?|(?<![\p{L}])(?:GMT|UTC)(?![\p{L}])|(?<=\s)[+-]\d{4}(?!\d)/giu;

/**
 * The date line cut down to `20 November 2026 14:05 GMT+1`: its day, month word and year, and after
 * them only the time and zone; null when it has no such date. For the lines the other readings leave
 * undated: a word between the date and the time (`20 Kas 2026 Cum, 14:05`), a month word of a language
 * without a lexicon (`20. marraskuuta 2026 klo 14.05`, `2026. november 20., péntek 14:05`), read from
 * ICU's month names (`monthOfIcuWord`).
 */
function compactDate(text: string): string | null {
  const dayFirst = DAY_MONTH_YEAR.exec(text);
  const yearFirst = dayFirst ? null : YEAR_MONTH_DAY.exec(text);
  const m = dayFirst ?? yearFirst;
  if (!m) return null;
  const [day, word, year] = dayFirst ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  const lower = (word ?? '').toLowerCase();
  const month = MONTH_OF_WORD.get(lower) ?? monthOfIcuWord(lower);
  if (month === undefined) return null;
  const after = text.slice(m.index + m[0].length);
  const time = (after.match(TIME_AND_ZONE) ?? []).map((token) =>
    /^\d/.test(token) ? token.replace(/\./g, ':') : token,
  );
  const half = /[ap]\.?m\.?/i.test(time.join(' ')) ? undefined : halfOfDayIn(after);
  if (half && time.length > 0) time.splice(1, 0, half);
  return `${day} ${ENGLISH_MONTHS[month]} ${year} ${time.join(' ')}`.trim();
}

/**
 * Languages of mail clients that have no lexicon here: ICU's month names for them (Node carries every
 * locale's), so their forward dates are read rather than replaced by the forward's own date.
 */
const ICU_LOCALES = [
  'bg',
  'bs',
  'ca',
  'cs',
  'cy',
  'el',
  'et',
  'eu',
  'fi',
  'ga',
  'gl',
  'hr',
  'hu',
  'is',
  'lt',
  'lv',
  'mk',
  'mt',
  'ro',
  'ru',
  'sk',
  'sl',
  'sq',
  'sr',
  'sr-Latn',
  'tr',
  'uk',
  'be',
  'ka',
  'hy',
  'az',
  'kk',
  'uz',
  'id',
  'ms',
  'vi',
  'fil',
  'sw',
  'af',
  'he',
];
let icuMonths: ReadonlyMap<string, number> | undefined;
let icuHalves: ReadonlyMap<string, 'AM' | 'PM'> | undefined;

/** `AM`/`PM` for a 12-hour clock's marker of `ICU_LOCALES` in the text (`μ.μ.`, `popołudniu`), if any. */
function halfOfDayIn(text: string): 'AM' | 'PM' | undefined {
  // No letter, no marker: the ~80 ICU formatters are not built for a bare `14:32` or `14:32 +0300`.
  if (!/\p{L}/u.test(text)) return undefined;
  icuHalves ??= unambiguous(
    ICU_LOCALES.flatMap((locale) => {
      const format = new Intl.DateTimeFormat(locale, { hour: 'numeric', hour12: true, timeZone: 'UTC' });
      return (
        [
          [9, 'AM'],
          [15, 'PM'],
        ] as const
      ).flatMap(([hour, half]): [string, 'AM' | 'PM'][] => {
        const period = format.formatToParts(new Date(Date.UTC(2026, 0, 15, hour))).find((p) => p.type === 'dayPeriod');
        const word = period?.value.toLowerCase();
        // Two letters at least: a one-letter marker (`p`, `d`) is too often something else.
        return word && word.length >= 2 ? [[word, half]] : [];
      });
    }),
  );
  for (const word of text.toLowerCase().split(/[\s,]+/)) {
    const half = icuHalves.get(word);
    if (half) return half;
  }
  return undefined;
}

/**
 * A month word of `ICU_LOCALES` (as a date prints it: `marraskuuta`, `Νοε`, `listopadu`), or undefined;
 * a word two languages give different months (Croatian `listopad` is October, Czech November) is no
 * answer. Built on first need, once: ~80 ICU formatters, paid only by a date nothing else could read.
 */
function monthOfIcuWord(word: string): number | undefined {
  icuMonths ??= unambiguous(
    ICU_LOCALES.flatMap((locale) =>
      (['long', 'short'] as const).flatMap((month) => {
        const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month, timeZone: 'UTC' });
        return Array.from({ length: 12 }, (_, index): [string, number] | null => {
          const part = format.formatToParts(new Date(Date.UTC(2026, index, 15))).find((p) => p.type === 'month');
          const name = part?.value.toLowerCase().replace(/\.$/, '');
          return name && /^\p{L}+$/u.test(name) ? [name, index] : null;
        }).filter((pair) => pair !== null);
      }),
    ),
  );
  return icuMonths.get(word);
}

/**
 * `12.10.2023`, `12-10-2023`, `12/10/2023`, `12. 10. 2023` (Czech, Slovak): day or month first, then
 * the year; a 2-digit year (`20.11.26 14:05`, Samsung Email's short date) only before a time.
 */
const NUMERIC_DATE = /(?<!\d)(\d{1,2})([./-])\s?(\d{1,2})\2\s?(\d{4}(?!\d)|\d{2}(?=,? \d{1,2}:\d{2}))/;

/** `2026年11月20日`, `2026년 11월 20일` (Chinese, Japanese, Korean): year, month, day. */
const CJK_DATE = /(\d{4}) ?[年년] ?(\d{1,2}) ?[月월] ?(\d{1,2}) ?[日일]/;
/**
 * The weekday after a CJK date: `周五`, `星期五`, `(星期五)` (Foxmail), `週五`, `(金)`, `（金）`, `(금)`, and Korean
 * Outlook's full `수요일` (`2026년 11월 25일 수요일 오후 3:20`). chrono reads none but Japanese's.
 */
const CJK_WEEKDAY =
  /[(（]?(?:[周週]|星期|礼拜|禮拜)[一二三四五六日天][)）]?|[(（][月火水木金土日一二三四五六天월화수목금토일][)）]|[월화수목금토일]요일/gu;
/**
 * The part of the day before a time: `下午2:05`, `午後2:05`, `오후 2:05`, and QQ Mail's finer ones
 * (`晚上9:12` evening, `中午12:30` noon, `凌晨1:05` small hours, `早上8:10` morning, `傍晚6:40` dusk).
 */
const CJK_HALF_DAY = /(上午|下午|午前|午後|오전|오후|晚上|中午|凌晨|早上|傍晚) ?(\d{1,2}:\d{2}(?::\d{2})?)/gu;
const MORNING: ReadonlySet<string> = new Set(['上午', '午前', '오전', '凌晨', '早上']);

/** A CJK date rewritten as `2026-11-20`, which every parser reads (chrono has no Chinese or Korean one here). */
function isoCjkDate(text: string): string {
  const m = CJK_DATE.exec(text);
  if (!m) return text;
  const iso = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  return `${text.slice(0, m.index)}${iso} ${text.slice(m.index + m[0].length)}`;
}
const TWELVE_HOUR_CLOCK = /\d\s?(?:[ap]\.?m\.?)(?![\p{L}])/iu;

/**
 * A numeric date rewritten as `2023-10-12`, which every parser reads the same way. chrono's English
 * parser, tried first, reads `12.10.2023` as December 10. Dots and dashes are day-first in every
 * locale that writes them (de, nl, pl, ru, uk…). Slashes are day-first too (it, pt, fr, es, en-GB)
 * unless the line uses a 12-hour clock (`10/12/2023 2:05 PM`, en-US); a day over 12 settles either.
 */
function isoNumericDate(text: string): string {
  const m = NUMERIC_DATE.exec(text);
  if (!m) return text;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const monthFirst = m[2] === '/' && (b > 12 || (a <= 12 && TWELVE_HOUR_CLOCK.test(text)));
  const [day, month] = monthFirst ? [b, a] : [a, b];
  if (month < 1 || month > 12 || day < 1 || day > 31) return text;
  const year = m[4]?.length === 2 ? `20${m[4]}` : m[4];
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return `${text.slice(0, m.index)}${iso}${text.slice(m.index + m[0].length)}`;
}

/** The English month abbreviations V8's date reader knows, to their number (1-12). */
const ENGLISH_MONTH_NUMBER: ReadonlyMap<string, number> = new Map(
  ENGLISH_MONTHS.map((name, index) => [name.slice(0, 3).toLowerCase(), index + 1]),
);
/** `2026-02-30`, `2026/02/30` (`isoNumericDate` has made day-first and US numeric dates so). */
const WRITTEN_ISO = /(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)/;
/** `31 Feb 2026`, `30 Feb 26` (RFC 5322, and its obsolete two-digit year). */
const WRITTEN_DAY_MONTH =
  /(?<![\p{L}\d])(\d{1,2})[\s-]{1,3}([A-Za-z]{3})[A-Za-z]{0,6}\.?[\s-]{1,3}(\d{4}|\d{2})(?!\d)/u;
/** `Feb 30, 2026`, `Feb 30 2026`, `Feb 30 16:45:00 2026` (asctime). */
const WRITTEN_MONTH_DAY =
  /(?<![\p{L}])([A-Za-z]{3})[A-Za-z]{0,6}\.?\s{1,3}(\d{1,2})(?!\d)(?:st|nd|rd|th)?,?\s{1,3}(?:\d{1,2}:\d{2}(?::\d{2})?\s{1,3})?(\d{4})(?!\d)/u;

/**
 * Whether the calendar day written in a line that V8's reader takes exists: false for `31 Feb 2026`,
 * `29 Feb 2026`, `2026-04-31`, which V8 rolls over into the next month. True when no day is found in a form it
 * knows (nothing to hold against V8's answer).
 */
function writtenDayExists(text: string): boolean {
  const iso = WRITTEN_ISO.exec(text);
  if (iso) return dayExists(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  for (const [pattern, order] of [
    [WRITTEN_DAY_MONTH, [3, 2, 1]],
    [WRITTEN_MONTH_DAY, [3, 1, 2]],
  ] as const) {
    const m = pattern.exec(text);
    const month = m ? ENGLISH_MONTH_NUMBER.get((m[order[1]] ?? '').toLowerCase()) : undefined;
    if (!m || month === undefined) continue;
    const written = Number(m[order[0]]);
    // RFC 5322 4.3: a two-digit year is 2000-2049 below 50, else 1950-1999.
    const year = (m[order[0]] ?? '').length === 2 ? written + (written < 50 ? 2000 : 1900) : written;
    return dayExists(year, month, Number(m[order[2]]));
  }
  return true;
}

/** Whether the month (1-12) of the year has the day. */
function dayExists(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The UTC offset, in minutes, written in a raw RFC 5322 Date header (`... -0400`); null when no zone has it. */
export function offsetOfRfc2822Date(raw: string | undefined): number | null {
  const m = raw?.match(/([+-])(\d{2})(\d{2})\s*(?:\([^)]*\))?\s*$/);
  return m ? offsetMinutes(m[1] ?? '+', m[2] ?? '', m[3] ?? '') : null;
}

/** A written offset (`-`, `04`, `00`) in minutes; null unless the world uses it (-12:00 to +14:00). */
function offsetMinutes(sign: string, hours: string, minutes: string): number | null {
  const total = Number(hours) * 60 + Number(minutes);
  if (Number(minutes) >= 60 || total > (sign === '-' ? 12 : 14) * 60) return null;
  return sign === '-' ? -total : total;
}
