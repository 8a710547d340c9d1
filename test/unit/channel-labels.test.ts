// How a log entry's channel is printed: one table per report language (reports/labels.ts), used by the
// digest, by `cases show` and by the exports, for every channel a log entry can have, the user's
// annotations (`note`) included.
import { describe, expect, it } from 'vitest';
import { caseToText } from '../../src/reports/case-table.js';
import { channelLabel, logLine } from '../../src/reports/case-view.js';
import { digestContent } from '../../src/reports/digest-content.js';
import { renderDigest } from '../../src/reports/digest-email.js';
import { labelOf, labelsFor, REPORT_LANGUAGES, type ReportLanguage } from '../../src/reports/labels.js';
import { ANNOTATION_CHANNEL, LOG_CHANNELS } from '../../src/rules/case-terms.js';
import { caseView, DIGEST_DAY, entry, LAST_DIGEST, OWNER, overdueGerman } from '../support/digest-cases.js';

describe('channel labels', () => {
  it.each<[ReportLanguage, string]>([
    ['en', 'note'],
    ['de', 'Notiz'],
    ['fr', 'note'],
    ['es', 'nota'],
  ])('%s: an annotation is a %j', (language, label) => {
    expect(labelsFor(language).channels[ANNOTATION_CHANNEL]).toBe(label);
  });

  it.each(REPORT_LANGUAGES)(
    '%s: every log channel has a label of its own, never the stored word web_form',
    (language) => {
      const channels = labelsFor(language).channels;
      for (const channel of LOG_CHANNELS) expect(channels[channel], channel).toMatch(/^\p{L}[\p{L} -]*$/u);
      expect(new Set(Object.values(channels)).size).toBe(LOG_CHANNELS.length);
    },
  );

  it('exports and `cases show` take the English table, capitalised as a line starts', () => {
    expect(LOG_CHANNELS.map(channelLabel)).toEqual(['Email', 'Web form', 'Chat', 'Phone', 'Note']);
    expect(channelLabel('fax')).toBe('fax'); // a value this version does not know: as stored
    expect(logLine(entry({ occurredAt: new Date('2026-11-21T10:00:00Z'), summary: 'x', channel: 'note' }))).toBe(
      '2026-11-21 (Note): x',
    );
  });

  it('`cases show` labels each entry’s channel: Note, Web form, not note or web_form', () => {
    const text = caseToText(
      caseView({
        caseNumber: 'GTB-2026-5876',
        log: [
          entry({ occurredAt: new Date('2026-11-20T09:00:00Z'), summary: 'Form sent', channel: 'web_form' }),
          entry({
            occurredAt: new Date('2026-11-21T10:00:00Z'),
            summary: 'the money is on my Visa statement',
            channel: 'note',
            direction: 'from_customer',
            addedBy: { by: OWNER, via: 'email' },
          }),
        ],
      }),
    );
    expect(text).toContain('2026-11-20 09:00 UTC  Web form  from_support');
    expect(text).toContain('2026-11-21 10:00 UTC  Note  from_customer  (added by alice@example.net via email)');
    expect(text).not.toMatch(/ (?:note|web_form) /);
  });

  it('the digest names a channel in the user’s language (Telefon), and a note is no contact', () => {
    const called = (channel: string, summary: string, occurredAt: string) =>
      entry({
        occurredAt: new Date(occurredAt),
        summary,
        channel,
        direction: 'from_customer',
        addedBy: { by: OWNER, via: 'cli' },
      });
    const noted = {
      ...overdueGerman,
      log: [
        ...overdueGerman.log,
        called('phone', 'Bei der Hotline nachgefragt', '2026-11-24T18:00:00Z'),
        called('note', 'Beleg liegt im blauen Ordner', '2026-11-25T18:00:00Z'),
      ],
    };
    const digest = renderDigest(
      digestContent({ owner: OWNER, date: DIGEST_DAY, since: LAST_DIGEST, cases: [noted], timeZone: 'Europe/Berlin' }),
    );
    expect(digest.language).toBe('de');
    expect(digest.text).toContain('Letzter Kontakt 24. November 2026, Telefon');
    expect(digest.text).not.toMatch(/, (?:phone|note)\b/);
    expect(digest.text).not.toContain('Beleg liegt im blauen Ordner');
    expect(labelOf(labelsFor('de').channels, 'web_form')).toBe('Webformular');
  });
});
