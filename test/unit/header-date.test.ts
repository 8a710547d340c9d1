// Dates as mail clients write them in forwarded header blocks. Offsets are minutes east of UTC;
// a line without a zone is read in that offset (the forwarder's zone), a line with one ignores it.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHeaderDateLocales, offsetOfRfc2822Date, parseHeaderDate } from '../../src/ingest/header-date.js';
import { LEXICONS } from '../../src/rules/lexicon/index.js';

// Every language, as a parse that needed one would have loaded (header-date-locales.test.ts: before).
beforeAll(() => loadHeaderDateLocales());

const CEST = 120;
const CET = 60;
const EDT = -240;
const MSK = 180;
const EEST = 180;
const JST = 540;
const BRT = -180;

describe('parseHeaderDate', () => {
  it.each([
    // Gmail: U+202F (narrow no-break space) before PM, no zone.
    ['Gmail en, U+202F, forwarder in CEST', 'Thu, Oct 26, 2023 at 2:03\u202fPM', CEST, '2023-10-26T12:03:00.000Z'],
    ['Gmail en, U+202F, forwarder in EDT', 'Thu, Oct 26, 2023 at 2:03\u202fPM', EDT, '2023-10-26T18:03:00.000Z'],
    ['Gmail en, no forwarder zone known: UTC', 'Thu, Oct 26, 2023 at 2:03\u202fPM', null, '2023-10-26T14:03:00.000Z'],
    ['Gmail en, U+00A0 instead of U+202F', 'Wed, Nov 8, 2023 at 4:47\u00a0PM', CET, '2023-11-08T15:47:00.000Z'],
    ['Gmail es, `sept` for September', 'jue, 12 sept 2024 a las 11:20', CEST, '2024-09-12T09:20:00.000Z'],
    // Apple Mail names the zone: it wins over the forwarder's offset.
    ['Apple Mail with CEST', '27 October 2023 at 18:30:00 CEST', -300, '2023-10-27T16:30:00.000Z'],
    ['Apple Mail with CEST, no fallback', '27 October 2023 at 18:30:00 CEST', null, '2023-10-27T16:30:00.000Z'],
    // Outlook desktop: no zone, local time of the forwarder.
    ['Outlook desktop, forwarder in CEST', 'Friday, October 27, 2023 8:12 AM', CEST, '2023-10-27T06:12:00.000Z'],
    ['Outlook desktop, forwarder in UTC', 'Friday, October 27, 2023 8:12 AM', 0, '2023-10-27T08:12:00.000Z'],
    // French (Outlook web, Gmail), Spanish (iOS Mail, Gmail), German (Outlook, Gmail).
    ['French, Outlook web', 'mardi 7 novembre 2023 10:15', CET, '2023-11-07T09:15:00.000Z'],
    ['French, Gmail abbreviated', 'ven. 27 oct. 2023 à 08:12', CEST, '2023-10-27T06:12:00.000Z'],
    ['French, 8h12', 'le 27 octobre 2023 à 8h12', CEST, '2023-10-27T06:12:00.000Z'],
    ['Spanish, iOS Mail with CET', '6 de noviembre de 2023, 12:04:37 CET', 0, '2023-11-06T11:04:37.000Z'],
    ['Spanish, weekday, no zone', 'lunes, 6 de noviembre de 2023 12:04', CET, '2023-11-06T11:04:00.000Z'],
    ['Spanish, Gmail abbreviated', 'vie, 27 oct 2023 a las 8:12', CEST, '2023-10-27T06:12:00.000Z'],
    ['German, Outlook', 'Montag, 13. November 2023 09:41', CET, '2023-11-13T08:41:00.000Z'],
    ['German, Gmail abbreviated', 'Fr., 27. Okt. 2023 um 08:12 Uhr', CEST, '2023-10-27T06:12:00.000Z'],
    ['German, numeric', '13.11.2023 09:41', CET, '2023-11-13T08:41:00.000Z'],
    // RFC 2822 and friends: the written offset wins over the fallback.
    ['RFC 2822 +0100', 'Wed, 08 Nov 2023 13:12:05 +0100', -300, '2023-11-08T12:12:05.000Z'],
    ['RFC 2822 -0800 with comment', 'Wed, 8 Nov 2023 13:12:05 -0800 (PST)', CET, '2023-11-08T21:12:05.000Z'],
    ['RFC 2822 GMT', 'Fri, 27 Oct 2023 08:12:00 GMT', CEST, '2023-10-27T08:12:00.000Z'],
    ['Yahoo with EST', 'Monday, November 6, 2023, 03:22:10 PM EST', CET, '2023-11-06T20:22:10.000Z'],
    ['Zendesk GMT+1', 'Nov 8, 2023, 14:12 GMT+1', null, '2023-11-08T13:12:00.000Z'],
    // Forward header blocks of the test/fixtures/forwards clients.
    ['Outlook desktop es, Enviado el:', 'lunes, 20 de noviembre de 2023 9:47', CET, '2023-11-20T08:47:00.000Z'],
    ['Outlook desktop de, Gesendet:', 'Dienstag, 14. November 2023 16:02', CET, '2023-11-14T15:02:00.000Z'],
    ['Gmail de, Date: (English label)', 'Fr., 24. Nov. 2023 um 10:12 Uhr', CET, '2023-11-24T09:12:00.000Z'],
    ['Apple Mail fr, UTC+1', '21 novembre 2023 à 14:37:12 UTC+1', EDT, '2023-11-21T13:37:12.000Z'],
    ['Apple Mail fr, UTC+2 in summer', '22 juillet 2023 à 09:15:03 UTC+2', EDT, '2023-07-22T07:15:03.000Z'],
    // ICU writes negative offsets with U+2212 MINUS SIGN in French.
    ['Apple Mail fr, UTC\u22124', '22 juillet 2023 à 09:15:03 UTC\u22124', CEST, '2023-07-22T13:15:03.000Z'],
    ['French abbreviation HNEC', '22 novembre 2023 à 09:15:03 HNEC', EDT, '2023-11-22T08:15:03.000Z'],
    ['French abbreviation HAEC', '22 juillet 2023 à 09:15:03 HAEC', EDT, '2023-07-22T07:15:03.000Z'],
    ['Apple Mail de, MESZ', '22. Juli 2023 um 09:15:03 MESZ', EDT, '2023-07-22T07:15:03.000Z'],
    ['Thunderbird: the RFC 2822 date as received', 'Fri, 17 Nov 2023 09:14:27 -0800', CET, '2023-11-17T17:14:27.000Z'],
    // Times written with dots after the year (Danish, Norwegian, Finnish): `14.05` once read as 14 May.
    ['Apple Mail da, kl. 14.05.00', '20. november 2026 kl. 14.05.00 CET', 0, '2026-11-20T13:05:00.000Z'],
    ['Outlook nb, kl. 14.05', 'fredag 20. november 2026 kl. 14.05', CET, '2026-11-20T13:05:00.000Z'],
    ['Finnish, klo 14.05, numeric', '20.11.2026 klo 14.05', 120, '2026-11-20T12:05:00.000Z'],
    // Samsung Email: short date, offset in brackets (the bracket once hid the offset).
    ['Samsung en-US, (GMT+01:00)', '11/20/26 2:05 PM (GMT+01:00)', 0, '2026-11-20T13:05:00.000Z'],
    ['Samsung en, 24-hour, (GMT+01:00)', '11/20/26 14:05 (GMT+01:00)', 0, '2026-11-20T13:05:00.000Z'],
    ['Samsung de, 2-digit year', '20.11.26 14:05 (GMT+01:00)', 0, '2026-11-20T13:05:00.000Z'],
    ['Samsung de, no zone', '20.11.26 14:05', CET, '2026-11-20T13:05:00.000Z'],
    // Czech and Slovak Gmail: spaces after the dots.
    ['Gmail cs, 20. 11. 2026', 'pá 20. 11. 2026 v 14:05', CET, '2026-11-20T13:05:00.000Z'],
    // Chinese and Korean: the weekday after the date and the half of the day before the time.
    ['Gmail zh-CN, 周五', '2026年11月20日周五 14:05', CET, '2026-11-20T13:05:00.000Z'],
    ['Gmail zh-TW, 週五 下午', '2026年11月20日 週五 下午2:05', 480, '2026-11-20T06:05:00.000Z'],
    ['Apple Mail zh, GMT+8 下午', '2026年11月20日 GMT+8 下午2:05:00', CET, '2026-11-20T06:05:00.000Z'],
    ['Outlook zh, 星期五 上午', '2026年11月20日 星期五 上午9:41', 480, '2026-11-20T01:41:00.000Z'],
    // QQ Mail's finer parts of the day: evening, noon, the small hours.
    ['QQ Mail, (星期一) 晚上', '2026年11月16日(星期一) 晚上9:12', 480, '2026-11-16T13:12:00.000Z'],
    ['QQ Mail, 中午', '2026年11月16日(星期一) 中午12:30', 480, '2026-11-16T04:30:00.000Z'],
    ['QQ Mail, 凌晨', '2026年11月16日(星期一) 凌晨1:05', 480, '2026-11-15T17:05:00.000Z'],
    ['Gmail ko, (금) 오후', '2026년 11월 20일 (금) 오후 2:05', 540, '2026-11-20T05:05:00.000Z'],
    // Outlook desktop ko: the weekday written out between the date and the half of the day.
    ['Outlook ko, 수요일 오후', '2026년 11월 25일 수요일 오후 3:20', 540, '2026-11-25T06:20:00.000Z'],
    ['Outlook ko, 월요일 오전', '2026년 11월 23일 월요일 오전 11:10', 540, '2026-11-23T02:10:00.000Z'],
    ['Gmail ja, (金)', '2026年11月20日(金) 14:05', JST, '2026-11-20T05:05:00.000Z'],
    // Languages without a lexicon: ICU's month names; a word between the date and the time is skipped.
    ['Apple Mail fi, marraskuuta klo', '20. marraskuuta 2026 klo 14.05.00 UTC+1', 0, '2026-11-20T13:05:00.000Z'],
    ['Gmail hu, year first', '2026. nov. 20., p, 14:05', CET, '2026-11-20T13:05:00.000Z'],
    ['Gmail el, Νοε', 'Παρ, 20 Νοε 2026 στις 2:05 μ.μ.', 120, '2026-11-20T12:05:00.000Z'],
    // Greek month words are a lexicon's since the Greek lexicon: the afternoon must stay one (read as 01:12 before the fix).
    ['Apple Mail el, μ.μ.', '25 Νοεμβρίου 2026 3:12:45 μ.μ. EET', 120, '2026-11-25T13:12:45.000Z'],
    ['Apple Mail el, π.μ.', '6 Νοεμβρίου 2023 10:14:22 π.μ. EET', 60, '2023-11-06T08:14:22.000Z'],
    ['Outlook ro, noiembrie', 'vineri, 20 noiembrie 2026 14:05', 120, '2026-11-20T12:05:00.000Z'],
    ['Outlook hr, studenoga', '20. studenoga 2026. u 14:05', CET, '2026-11-20T13:05:00.000Z'],
    ['Gmail lt, lapkričio', '2026 m. lapkričio 20 d. 14:05', 120, '2026-11-20T12:05:00.000Z'],
    ['Gmail tr, weekday after the year', '20 Kas 2026 Cum, 14:05', 180, '2026-11-20T11:05:00.000Z'],
    // Arabic: the lexicon's month names, `م` (evening) and `ص` (morning) after a 12-hour time, Arabic-Indic digits.
    ['Gmail ar, نوفمبر في … م', 'الجمعة، 20 نوفمبر 2026 في 2:05 م', 240, '2026-11-20T10:05:00.000Z'],
    ['Gmail ar, Arabic-Indic digits, ص', 'الجمعة، ٢٠ نوفمبر ٢٠٢٦ في ٩:٤١ ص', 180, '2026-11-20T06:41:00.000Z'],
    ['Outlook ar, commas', 'الجمعة, 20 نوفمبر, 2026 14:05', 120, '2026-11-20T12:05:00.000Z'],
    ['Gmail ru, нояб.', 'пт, 20 нояб. 2026 г. в 14:05', MSK, '2026-11-20T11:05:00.000Z'],
    ['a month word no language has: no date', '20 blorf 2026 14:05', CET, null],
  ])('%s: %j', (_label, text, offset, iso) => {
    expect(parseHeaderDate(text, offset)?.toISOString() ?? null).toBe(iso);
  });

  // Issue 6: forward header dates as Gmail, Outlook (desktop and web), Apple Mail and Thunderbird print
  // them in Italian, Dutch, Polish, Portuguese, Russian, Ukrainian and Japanese. The instant is worked
  // out by hand from the wall-clock time and the zone (written, or the forwarder's offset).
  it.each([
    ['it Gmail, `alle ore`', 'gio 12 ott 2023 alle ore 14:05', CEST, '2023-10-12T12:05:00.000Z'],
    ['it Outlook desktop, Inviato:', 'giovedì 12 ottobre 2023 14:05', CEST, '2023-10-12T12:05:00.000Z'],
    ['it Outlook, November, CET', 'lunedì 13 novembre 2023 09:41', CET, '2023-11-13T08:41:00.000Z'],
    ['it Apple Mail with CEST', '12 ottobre 2023 alle ore 14:05:12 CEST', EDT, '2023-10-12T12:05:12.000Z'],
    ['nl Gmail, `om`', 'do 12 okt. 2023 om 14:05', CEST, '2023-10-12T12:05:00.000Z'],
    ['nl Outlook desktop, Verzonden:', 'donderdag 12 oktober 2023 14:05', CEST, '2023-10-12T12:05:00.000Z'],
    ['nl Apple Mail with CEST', '12 oktober 2023 om 14:05:12 CEST', EDT, '2023-10-12T12:05:12.000Z'],
    ['nl Gmail, maart (mrt.)', 'di 5 mrt. 2024 om 09:30', CET, '2024-03-05T08:30:00.000Z'],
    ['pl Gmail, `paź`, `o`', 'czw., 12 paź 2023 o 14:05', CEST, '2023-10-12T12:05:00.000Z'],
    ['pl Outlook, Wysłane:, genitive month', 'czwartek, 12 października 2023 14:05', CEST, '2023-10-12T12:05:00.000Z'],
    ['pl Apple Mail with CEST', '12 października 2023 o 14:05:12 CEST', EDT, '2023-10-12T12:05:12.000Z'],
    ['pl Gmail, November, CET', 'pon., 13 lis 2023 o 09:41', CET, '2023-11-13T08:41:00.000Z'],
    ['pl Outlook, `września`', 'wtorek, 5 września 2023 16:20', CEST, '2023-09-05T14:20:00.000Z'],
    ['pt Gmail, `de out. de`, `às`', 'qui., 12 de out. de 2023 às 14:05', BRT, '2023-10-12T17:05:00.000Z'],
    ['pt Outlook, Enviado:', 'quinta-feira, 12 de outubro de 2023 14:05', BRT, '2023-10-12T17:05:00.000Z'],
    ['pt Apple Mail with BRT', '12 de outubro de 2023 às 14:05:12 BRT', CEST, '2023-10-12T17:05:12.000Z'],
    ['pt-PT Outlook, forwarder in WEST', 'quinta-feira, 12 de outubro de 2023 14:05', 60, '2023-10-12T13:05:00.000Z'],
    ['ru Gmail, `г. в`', 'чт, 12 окт. 2023 г. в 14:05', MSK, '2023-10-12T11:05:00.000Z'],
    ['ru Outlook, Отправлено:', '12 октября 2023 г. 14:05', MSK, '2023-10-12T11:05:00.000Z'],
    ['ru Outlook with weekday', 'четверг, 12 октября 2023 г. 14:05', MSK, '2023-10-12T11:05:00.000Z'],
    ['ru Apple Mail with MSK', '12 октября 2023 г., в 14:05:12 MSK', CEST, '2023-10-12T11:05:12.000Z'],
    ['ru Apple Mail with Cyrillic МСК', '12 октября 2023 г., в 14:05:12 МСК', null, '2023-10-12T11:05:12.000Z'],
    ['ru Apple Mail with GMT+3', '12 октября 2023 г., в 14:05:12 GMT+3', CEST, '2023-10-12T11:05:12.000Z'],
    ['uk Gmail, `р. о`', 'чт, 12 жовт. 2023 р. о 14:05', EEST, '2023-10-12T11:05:00.000Z'],
    ['uk Outlook, Надіслано:', 'четвер, 12 жовтня 2023 р. 14:05', EEST, '2023-10-12T11:05:00.000Z'],
    ['uk Apple Mail with GMT+03:00', '12 жовтня 2023 р. о 14:05:12 GMT+03:00', null, '2023-10-12T11:05:12.000Z'],
    ['ja Gmail, weekday in brackets', '2023年10月12日(木) 14:05', JST, '2023-10-12T05:05:00.000Z'],
    ['ja Outlook, 送信日時:', '2023年10月12日 14:05', JST, '2023-10-12T05:05:00.000Z'],
    ['ja Apple Mail with JST', '2023年10月12日 14:05:12 JST', CEST, '2023-10-12T05:05:12.000Z'],
    ['ja Thunderbird, numeric', '2023/10/12 14:05', JST, '2023-10-12T05:05:00.000Z'],
    ['nl Gmail, `okt` without a dot', 'do 12 okt 2023 om 14:05', CEST, '2023-10-12T12:05:00.000Z'],
    ['fr-CA, `14 h 05`', 'jeu. 12 oct. 2023 à 14 h 05', -240, '2023-10-12T18:05:00.000Z'],
    ['es Outlook, 12-hour `p. m.`', 'jueves, 12 de octubre de 2023 2:05 p. m.', CEST, '2023-10-12T12:05:00.000Z'],
    ['ja Outlook, 午後 (p.m.)', '2023年10月12日 午後2:05', JST, '2023-10-12T05:05:00.000Z'],
    ['it Yahoo, comma before the time', 'giovedì 12 ottobre 2023, 14:05:12 CEST', EDT, '2023-10-12T12:05:12.000Z'],
    ['ru, comma after `г.`', '12 окт. 2023 г., 14:05', MSK, '2023-10-12T11:05:00.000Z'],
    // Numeric dates: day first with dots and dashes everywhere, and with slashes unless a 12-hour
    // clock says en-US. chrono's English parser alone reads `12.10.2023` as December 10.
    ['pl/ru/de numeric with dots, day first', '12.10.2023 14:05', CEST, '2023-10-12T12:05:00.000Z'],
    ['nl numeric with dashes, day first (not a -1020 offset)', '12-10-2023 14:05', CEST, '2023-10-12T12:05:00.000Z'],
    ['pt-PT Gmail, numeric with slashes, day first', 'qui., 12/10/2023 às 14:05', 60, '2023-10-12T13:05:00.000Z'],
    ['en-US numeric with a 12-hour clock, month first', '10/12/2023 2:05 PM', EDT, '2023-10-12T18:05:00.000Z'],
    ['12-hour clock but the first number is no month', '13/10/2023 2:05 PM', EDT, '2023-10-13T18:05:00.000Z'],
  ])('%s: %j', (_label, text, offset, iso) => {
    expect(parseHeaderDate(text, offset)?.toISOString()).toBe(iso);
  });

  // Zone abbreviations: a named zone wins over the forwarder's offset (EDT here).
  it.each([
    ['OESZ (osteuropäische Sommerzeit) is +03:00', '12. Oktober 2023 um 14:05:12 OESZ', '2023-10-12T11:05:12.000Z'],
    ['OEZ (osteuropäische Zeit) is +02:00', '12. Dezember 2023 um 14:05:12 OEZ', '2023-12-12T12:05:12.000Z'],
    ['WEZ (westeuropäische Zeit) is +00:00', '12. Dezember 2023 um 14:05:12 WEZ', '2023-12-12T14:05:12.000Z'],
    ['WESZ (westeuropäische Sommerzeit) is +01:00', '12. Oktober 2023 um 14:05:12 WESZ', '2023-10-12T13:05:12.000Z'],
    ['MSK is +03:00', '12 October 2023 at 14:05:12 MSK', '2023-10-12T11:05:12.000Z'],
    ['JST is +09:00', '12 October 2023 at 14:05:12 JST', '2023-10-12T05:05:12.000Z'],
    ['BST is British Summer Time, +01:00', '12 October 2023 at 14:05:12 BST', '2023-10-12T13:05:12.000Z'],
    [
      'IST is read as India, +05:30 (see header-date.ts)',
      '12 October 2023 at 14:05:12 IST',
      '2023-10-12T08:35:12.000Z',
    ],
    ['EEST is +03:00', '12 October 2023 at 14:05:12 EEST', '2023-10-12T11:05:12.000Z'],
  ])('%s', (_label, text, iso) => {
    expect(parseHeaderDate(text, EDT)?.toISOString()).toBe(iso);
  });

  it.each([
    ['not a date'],
    [''],
    ['   \u202f '],
    ['Oct 26'], // no year: not a date we can place
    ['32 Octobre 2023 25:99'],
    ['GTB-2023-5876'],
    ['12 foo 2023 14:05'], // not a month in any language
    ['czw., 12 paź o 14:05'], // no year
    ['Da: Shop <shop@example.it>'],
    ['sometime last week'], // relative: chrono would place it before the reference instant
    ['yesterday at 14:05'],
  ])('garbage %j → null', (text) => {
    expect(parseHeaderDate(text, CEST)).toBeNull();
  });

  // A day the month does not have is no date, in every form: V8's RFC 2822 reader (the path for a written
  // offset or zone) rolls `31 Feb` over to 3 March, which would date a message (and sort it) days late.
  it.each([
    ['RFC 5322 with an offset', 'Tue, 31 Feb 2026 14:05:00 +0100'],
    ['RFC 5322, 29 February of a common year', 'Sun, 29 Feb 2026 10:00:00 +0000'],
    ['RFC 822 two-digit year and zone name', '30 Feb 26 10:00 EST'],
    ['a 30-day month, GMT', '31 Apr 2026 10:00 GMT'],
    ['month first, UTC', 'Feb 30, 2026 10:00 UTC'],
    ['ISO with a zone', '2026-02-30 10:00 GMT'],
    ['year first with slashes and an offset', '2026/02/30 10:00 +0100'],
    ['numeric day first with dots and an offset', '30.02.2026 14:05 +0100'],
    ['numeric day first with slashes, GMT', '30/02/2026 10:00 GMT'],
    ['US month first with slashes, GMT', '02/30/2026 10:00 GMT'],
    ['JavaScript toString form', 'Mon Feb 30 2026 10:00:00 GMT+0100'],
    ['no zone (chrono): day first', '31 Feb 2026 14:05'],
    ['no zone (chrono): ISO', '2026-02-30 14:05'],
    ['no zone (chrono): German', 'Donnerstag, 31. Februar 2026 10:15'],
    ['no zone (chrono): French', 'lundi 30 février 2026 10:15'],
  ])('an impossible day, %s: %j → null', (_label, text) => {
    expect(parseHeaderDate(text, CET)).toBeNull();
  });

  // An offset no zone has is no date either: V8 moved the time by it (`+2500` dated a message a day early).
  it.each(['Mon, 16 Nov 2026 10:10:00 +2500', 'Mon, 16 Nov 2026 10:10:00 -0075', 'Mon, 16 Nov 2026 10:10:00 -1230'])(
    'an impossible offset: %j → null',
    (text) => {
      expect(parseHeaderDate(text, CET)).toBeNull();
    },
  );

  it.each([
    ['29 February of a leap year, RFC 5322', 'Tue, 29 Feb 2028 10:00:00 +0000', '2028-02-29T10:00:00.000Z'],
    ['31 January, RFC 5322 two-digit year', '31 Jan 26 10:00 GMT', '2026-01-31T10:00:00.000Z'],
    ['30 April, ISO with GMT', '2026-04-30 10:00 GMT', '2026-04-30T10:00:00.000Z'],
    ['28 February, month first', 'Feb 28, 2026 10:00 UTC', '2026-02-28T10:00:00.000Z'],
  ])('a real last day of the month, %s: %j', (_label, text, iso) => {
    expect(parseHeaderDate(text, CET)?.toISOString()).toBe(iso);
  });
});

describe('offsetOfRfc2822Date', () => {
  it.each([
    ['Thu, 26 Oct 2023 20:41:04 +0200', 120],
    ['Wed, 08 Nov 2023 10:30:12 -0800 (PST)', -480],
    ['Mon, 6 Nov 2023 20:41:33 +0000 (UTC)', 0],
    ['Tue, 7 Nov 2023 17:33:00 +0530', 330],
    ['Sat, 14 Nov 2026 09:00:00 +1400', 840],
    ['Sat, 14 Nov 2026 09:00:00 -1200', -720],
    // Offsets no zone has: no offset.
    ['Sat, 14 Nov 2026 09:00:00 +2500', null],
    ['Sat, 14 Nov 2026 09:00:00 -1300', null],
    ['Sat, 14 Nov 2026 09:00:00 +0175', null],
    ['Fri, 27 Oct 2023 08:12:00 GMT', null],
    ['garbage', null],
    [undefined, null],
  ])('%j → %s', (raw, offset) => {
    expect(offsetOfRfc2822Date(raw)).toBe(offset);
  });
});

// Swedish, Danish and Norwegian forward and attribution dates: Gmail sv writes `kl` without a dot,
// Gmail da and Apple Mail da dotted times, Outlook `den` before the day; month words from the lexicons.
describe('parseHeaderDate: Vietnamese, the month by its number', () => {
  const ICT = 420;
  it.each([
    ['Gmail vi, thg … lúc', 'Th 4, 18 thg 11, 2026 lúc 14:22', ICT, '2026-11-18T07:22:00.000Z'],
    ['Gmail vi, vào lúc', 'Th 2, 6 thg 11, 2023 vào lúc 10:14', ICT, '2023-11-06T03:14:00.000Z'],
    ['Outlook vi, ngày … tháng … năm', 'Thứ Năm, ngày 19 tháng 11 năm 2026 10:15', ICT, '2026-11-19T03:15:00.000Z'],
    ['Apple Mail vi, GMT+7', '20 tháng 11, 2026 lúc 09:35 GMT+7', 0, '2026-11-20T02:35:00.000Z'],
    [
      'decomposed (windows-1258)',
      'Thứ Năm, ngày 19 tháng 11 năm 2026 10:15'.normalize('NFD'),
      ICT,
      '2026-11-19T03:15:00.000Z',
    ],
  ])('%s: %j', (_label, text, offset, iso) => {
    expect(parseHeaderDate(text, offset)?.toISOString() ?? null).toBe(iso);
  });
});

describe('parseHeaderDate: Swedish, Danish and Norwegian', () => {
  it.each([
    ['Gmail sv, kl without a dot', 'tis 12 mars 2024 kl 10:14', CET, '2024-03-12T09:14:00.000Z'],
    ['Gmail sv attribution, Den … kl', 'Den lör 17 maj 2025 kl 10:52', CEST, '2025-05-17T08:52:00.000Z'],
    ['Gmail sv, apr.', 'mån 15 apr. 2024 kl 19:20', CEST, '2024-04-15T17:20:00.000Z'],
    ['Gmail da, kl. 16.40', 'tor. 5. sep. 2024 kl. 16.40', CEST, '2024-09-05T14:40:00.000Z'],
    ['Gmail da, mar. and a dotted time', 'man. 4. mar. 2024 kl. 10.05', CET, '2024-03-04T09:05:00.000Z'],
    ['Gmail da, a two-digit day in March', 'ons. 13. mar. 2024 kl. 10.05', CET, '2024-03-13T09:05:00.000Z'],
    ['Gmail nb, mai', 'tir. 14. mai 2024 kl. 10:05', CEST, '2024-05-14T08:05:00.000Z'],
    ['Gmail nb, des.', 'lør. 7. des. 2024 kl. 11:02', CET, '2024-12-07T10:02:00.000Z'],
    ['Outlook sv, den …', 'den 4 september 2024 14:22', CEST, '2024-09-04T12:22:00.000Z'],
    ['Outlook da, torsdag den …', 'torsdag den 14. marts 2024 10:05', CET, '2024-03-14T09:05:00.000Z'],
    ['Outlook nb', 'mandag 18. mars 2024 13:47', CET, '2024-03-18T12:47:00.000Z'],
    ['Apple Mail sv, CET', '12 november 2024 kl. 11:05:41 CET', EDT, '2024-11-12T10:05:41.000Z'],
    ['Apple Mail da, dotted seconds, CEST', '9. april 2024 kl. 12.31.09 CEST', EDT, '2024-04-09T10:31:09.000Z'],
    ['Apple Mail nb, CEST', '3. mai 2024 kl. 14:20:15 CEST', EDT, '2024-05-03T12:20:15.000Z'],
  ])('%s: %j', (_label, text, offset, iso) => {
    expect(parseHeaderDate(text, offset)?.toISOString() ?? null).toBe(iso);
  });
});

// The shortcut for written-out dates (`Di., 12. März 2024 11:50 Uhr`) must read every line it takes as
// chrono-node's parsers read it: each month word of every lexicon, in the shapes mail clients write
// (weekday before, `de`, dots, a connector, a weekday after the year, seconds, a zone), two days, two
// forwarder offsets. A line it does not take goes to the parsers anyway.
describe('parseHeaderDate: the written-out date shortcut answers as chrono-node', () => {
  const spellings = (word: string) => (word.endsWith('?') ? [word.slice(0, -2), word.slice(0, -1)] : [word]);
  const monthWords = [
    ...new Set(LEXICONS.flatMap((lexicon) => lexicon.dates.months.flatMap((words) => words.flatMap(spellings)))),
  ];
  const shapes = [
    (d: number, m: string) => `${d} ${m} 2025 14:05`,
    (d: number, m: string) => `Di., ${d}. ${m}. 2024 um 09:03 Uhr`,
    (d: number, m: string) => `martes, ${d} de ${m} de 2024, 10:05:33 CET`,
    (d: number, m: string) => `śr., ${d} ${m} 2024 o 23:59`,
    (d: number, m: string) => `${d}. ${m} 2026 kl. 14.05.00 CEST`,
    (d: number, m: string) => `den ${d} ${m} 2025 0:00`,
    (d: number, m: string) => `${d} ${m} 2026 Çarşamba 16:05`,
    (d: number, m: string) => `${d} de ${m} de 2024 às 15:00:15 GMT+1`,
    (d: number, m: string) => `${d} ${m} 2024 à 10:31:07 UTC-3`,
    (d: number, m: string) => `вт, ${d} ${m}. 2026 г. в 10:30 MSK`,
    (d: number, m: string) => `${d} ${m} 2023 alle ore 14:05 MESZ`,
  ];
  const lines = monthWords.flatMap((month, i) => {
    const shape = shapes[i % shapes.length] as (d: number, m: string) => string;
    const next = shapes[(i + 5) % shapes.length] as (d: number, m: string) => string;
    return [shape(1, month), next(28, month), next(31, month)];
  });

  it('reads the same instant, or the same nothing, on every line', () => {
    expect(lines.length).toBeGreaterThan(600);
    const differing = lines.flatMap((line) =>
      [CET, -180].flatMap((offset) => {
        const shortcut = parseHeaderDate(line, offset)?.toISOString() ?? null;
        const chrono = parseHeaderDate(line, offset, 'chrono')?.toISOString() ?? null;
        return shortcut === chrono ? [] : [`${line} (${offset}): ${shortcut} vs ${chrono}`];
      }),
    );
    expect(differing).toEqual([]);
  });
});
