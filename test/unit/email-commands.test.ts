// commandsAboveForwardOf: what the worker takes from the text above a forward, on the real forwards of
// test/fixtures/commands (the store side is tested on the real servers: integration/email-commands.test.ts).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/ingest/inbound-message.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { commandsAboveForwardOf } from '../../src/workers/email-commands.js';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'commands');
const parse = (name: string) => parseInboundMessage(readFileSync(join(dir, name)), { maxBytes: 1024 * 1024 });
const withNote = (message: InboundMessage, forwarderNote: string | null): InboundMessage => ({
  ...message,
  forwarderNote,
});

describe('commandsAboveForwardOf', () => {
  it('Gmail: `case:` files the forward, the phone call waits for its case (index 1)', async () => {
    const found = commandsAboveForwardOf(await parse('gmail-forward-case-phone.eml'));
    expect(found?.caseNumber).toBe('GTB-2023-5876');
    expect(found?.rejected).toBeNull();
    expect(found?.commands).toEqual([
      { index: 1, command: expect.objectContaining({ kind: 'contact', channel: 'phone', contactPerson: 'Anna' }) },
    ]);
    expect(found?.problems).toEqual([]);
  });

  it('Outlook (de): `Fall:` and `Telefon: mit Frau Becker telefoniert`; the signature’s phone line is no command', async () => {
    const found = commandsAboveForwardOf(await parse('outlook-forward-fall-telefon.eml'));
    expect(found?.caseNumber).toBe('HR-2023-118842');
    expect(found?.commands.map((c) => [c.index, c.command.kind])).toEqual([[1, 'contact']]);
  });

  it('Apple Mail: no `case:` (the rules file it), a note and a chat', async () => {
    const found = commandsAboveForwardOf(await parse('apple-mail-forward-note-chat.eml'));
    expect(found?.caseNumber).toBeNull();
    expect(found?.commands.map((c) => [c.index, c.command.kind])).toEqual([
      [0, 'note'],
      [1, 'contact'],
    ]);
  });

  it('a digest reply, a forward with only prose above it, or nothing typed: no commands', async () => {
    const forward = await parse('gmail-forward-case-phone.eml');
    expect(commandsAboveForwardOf(await parse('digest-reply-en-gmail.eml'))).toBeNull();
    expect(commandsAboveForwardOf(withNote(forward, 'For the tracker, the blender one.'))).toBeNull();
    expect(commandsAboveForwardOf(withNote(forward, ''))).toBeNull();
    expect(commandsAboveForwardOf(withNote(forward, null))).toBeNull();
  });

  it('a `case:` line that cannot be read rejects the forward; a note that cannot be read does not', async () => {
    const forward = await parse('gmail-forward-case-phone.eml');
    const badCase = commandsAboveForwardOf(withNote(forward, 'case: pending\nnote: second try'));
    expect(badCase?.rejected?.reason).toBe('command_rejected');
    expect(badCase?.rejected?.message).toMatch(/^"case: pending": "pending" is not a case number/);
    expect(badCase?.caseNumber).toBeNull();

    const twoCases = commandsAboveForwardOf(withNote(forward, 'case: GTB-1\ncase: GTB-2'));
    expect(twoCases?.rejected?.message).toMatch(/more than one case number/);

    const badNote = commandsAboveForwardOf(withNote(forward, 'case: GTB-1\nnote:'));
    expect(badNote?.rejected).toBeNull();
    expect(badNote?.caseNumber).toBe('GTB-1');
    expect(badNote?.problems.map((p) => p.line)).toEqual(['note:']);
  });
});
