// parseHeaderDate before and after chrono-node's other languages are loaded (a file of its own: the
// languages are loaded once per process, and vitest gives each test file a fresh module graph).
import { describe, expect, it } from 'vitest';
import { HeaderDateLocalesNeeded, loadHeaderDateLocales, parseHeaderDate } from '../../src/ingest/header-date.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';

const CEST = 120;

const forwardOf = (dateLine: string) =>
  Buffer.from(
    [
      'From: Alice <alice@example.net>',
      'To: cases@tracker.example.net',
      'Date: Wed, 8 Nov 2023 10:00:00 +0100',
      'Subject: TR: Votre remboursement',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '---------- Forwarded message ---------',
      'De : Service client <support@shop.example>',
      `Date: ${dateLine}`,
      'Subject: Votre remboursement',
      'To: Alice <alice@example.net>',
      '',
      'Bonjour, votre remboursement de 49,90 EUR a été effectué.',
      '',
    ].join('\r\n'),
  );

describe('parseHeaderDate with English alone, then every language', () => {
  it('settles what English settles, and says when another language could change the answer', async () => {
    // English reads date and time: no other language is asked, none is needed.
    expect(parseHeaderDate('Thu, Oct 26, 2023 at 2:03\u202fPM', CEST)?.toISOString()).toBe('2023-10-26T12:03:00.000Z');
    // A written-out date in any lexicon language is read by the shortcut, no other language loaded.
    expect(parseHeaderDate('mardi 7 novembre 2023 10:15', CEST)?.toISOString()).toBe('2023-11-07T08:15:00.000Z');
    expect(parseHeaderDate('śr., 16 paź 2024 o 10:20', CEST)?.toISOString()).toBe('2024-10-16T08:20:00.000Z');
    expect(parseHeaderDate('Di., 12. März 2024 um 11:50 Uhr', null)?.toISOString()).toBe('2024-03-12T11:50:00.000Z');
    // Words after the time (`du matin`) are not the shortcut's: English does not settle the line, the French
    // parser, later in the order, does.
    const french = 'mardi 7 novembre 2023 à 10h15 du matin';
    expect(() => parseHeaderDate(french, CEST)).toThrow(HeaderDateLocalesNeeded);
    // parseInboundMessage loads them itself and parses again: the date and time the French parser reads,
    // in the forwarder's zone (+0100 on the forward's own Date header).
    const message = await parseInboundMessage(forwardOf(french), { maxBytes: 1 << 20 });
    expect(message.forward).toBe('inline');
    expect(message.original.date).toBe('2023-11-07T09:15:00.000Z');
    // Loaded now: the same call answers, as with every language from the start.
    expect(parseHeaderDate(french, CEST)?.toISOString()).toBe('2023-11-07T08:15:00.000Z');
    await loadHeaderDateLocales(); // a second load is a no-op
    expect(parseHeaderDate('Fr., 27. Okt. 2023 um 08:12 Uhr', CEST)?.toISOString()).toBe('2023-10-27T06:12:00.000Z');
  });
});
