// InboundMessage.forwarderNote: what the forwarder typed above a forward (where commands by email live),
// across mail clients. Each expectation was read off the .eml's text/plain (or HTML) part by hand.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { forwarderNoteOf } from '../../src/ingest/inline-forward.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const read = (path: string): Buffer => readFileSync(join(fixtures, path));
const parse = (raw: Buffer) => parseInboundMessage(raw, { maxBytes: 1024 * 1024 });

describe('forwarderNote of real forwards', () => {
  it.each<[string, string, string | null]>([
    // Commands above a forward: the signature under them (a name, a phone line) is left out.
    [
      'commands/gmail-forward-case-phone.eml',
      'inline',
      'case: GTB-2023-5876\nphone: called Anna, refund promised by Friday\n\nThis is the order-only mail from GTBuy, it belongs to the blender case.',
    ],
    [
      'commands/outlook-forward-fall-telefon.eml',
      'inline',
      'Fall: HR-2023-118842\nTelefon: mit Frau Becker telefoniert, die Gutschrift kommt diese Woche\n\nGehört zum Stabmixer-Vorgang.',
    ],
    [
      'commands/apple-mail-forward-note-chat.eml',
      'inline',
      'note: second replacement, the first one arrived cracked too\nchat: chatted with Kevin, he says it ships tomorrow',
    ],
    // Plain forwards: Gmail's separator, Outlook's header block with no separator, Apple Mail's `Begin forwarded message:`.
    ['forwards/gmail-german.eml', 'inline', 'Rückerstattung für den Tracker.'],
    ['forwards/outlook-desktop-german.eml', 'inline', 'Zur Erfassung im Tracker.'],
    ['forwards/apple-mail-french.eml', 'inline', 'Pour le suivi des remboursements.'],
    // `Enviado desde mi iPhone` is the signature.
    ['forwards/apple-ios-spanish.eml', 'inline', 'For the refund tracker.'],
    // The new Outlook's rule line above the header block is no part of the note.
    ['forwards/outlook-new-html-only.eml', 'inline', 'Another one for the refund tracker.'],
    // Alice forwarding Tom's forward: Alice's words only; Tom's `FYI - …` belongs to the inner layer.
    ['forwards/outlook-of-gmail-double.eml', 'inline', "Tom's jacket return, for the tracker."],
    // Forward as attachment: the wrapper's own body.
    [
      'forwards/attached-nested.eml',
      'attachment',
      "Tom's helmet return, adding it to the tracker (original is attached).",
    ],
    ['forwards/attached-inline-disposition.eml', 'attachment', 'For the tracker.'],
    // Forwarded with nothing typed above.
    ['seed/02-customer-email.eml', 'inline', ''],
    // Not forwarded by hand: no note at all.
    ['forwards/not-forwarded.eml', 'none', null],
    ['commands/digest-reply-en-gmail.eml', 'none', null],
    ['forwards/auto-forward-resent.eml', 'auto', null],
    ['forwards/auto-forward-gmail.eml', 'auto', null],
  ])('%s (%s)', async (path, forward, note) => {
    const message = await parse(read(path));
    expect(message.forward).toBe(forward);
    expect(message.forwarderNote).toBe(note);
  });

  it('the note is never part of the original: the forwarded text starts below it', async () => {
    const message = await parse(read('commands/gmail-forward-case-phone.eml'));
    expect(message.original.text).not.toContain('called Anna');
    expect(message.original.text).toContain('We have received the returned item');
  });
});

describe('the note does not change the messageKey (invariant 2)', () => {
  const raw = read('commands/gmail-forward-case-phone.eml').toString('latin1');

  it('the same forward with another note, or none, keeps its key', async () => {
    const original = await parse(Buffer.from(raw, 'latin1'));
    const otherNote = raw
      .replace('case: GTB-2023-5876\r\nphone: called Anna, refund promised by Friday', 'note: second try')
      .replace('case: GTB-2023-5876\nphone: called Anna, refund promised by Friday', 'note: second try')
      .replace(/^Message-ID: <[^>]+>$/m, 'Message-ID: <another-forward@mail.gmail.com>');
    const changed = await parse(Buffer.from(otherNote, 'latin1'));
    expect(changed.forwarderNote?.startsWith('note: second try')).toBe(true);
    expect(changed.messageKey).toBe(original.messageKey);
  });
});

describe('forwarderNoteOf', () => {
  it.each<[string, string]>([
    ['case: GTB-1\n\n-- \nAlice Martin\nPhone: +49 30 1234567', 'case: GTB-1'],
    ['note: sent the photos\n\nSent from my iPhone', 'note: sent the photos'],
    ['For the tracker.\n\n________________________________\n', 'For the tracker.'],
    ['For the tracker.\r\n\r\n---------- Forwarded message ---------\r\n', 'For the tracker.'],
    ['   \n\n', ''],
  ])('%j → %j', (text, note) => {
    expect(forwarderNoteOf(text)).toBe(note);
  });
});
