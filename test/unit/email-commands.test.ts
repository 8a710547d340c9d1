// commandsAboveForwardOf: what the worker takes from the text above a forward, on the real forwards of
// test/fixtures/commands; and what the worker asks of the case store for each command (the store side is
// tested on the real servers: integration/email-commands.test.ts).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/ingest/inbound-message.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';
import { createLogger } from '../../src/logger.js';
import type { NoteRequest } from '../../src/models/case-store.js';
import { ANNOTATION_CHANNEL } from '../../src/rules/case-terms.js';
import {
  commandsAboveForwardOf,
  type EmailCommandDeps,
  obeyCommandsAboveForward,
  obeyDigestReply,
} from '../../src/workers/email-commands.js';

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

/** A case store that records what it is asked to log; the digest the fixtures answer was sent to alice. */
function recordingDeps() {
  const notes: { caseNumber: string; note: NoteRequest }[] = [];
  const deps: EmailCommandDeps = {
    cases: {
      applyManualChange: async () => {
        throw new Error('not asked for here');
      },
      addNote: async (_owner, caseNumber, note) => {
        notes.push({ caseNumber, note });
        return {} as Awaited<ReturnType<EmailCommandDeps['cases']['addNote']>>;
      },
    },
    digests: { sentDigestAmong: async (_owner, ids) => ids.find((id) => id.includes('digest.2024-03-05')) ?? null },
    logger: createLogger('silent'),
  };
  return { deps, notes };
}

describe('what the worker logs for each command', () => {
  it('`note:` above a forward is an annotation (channel note, no contact); `chat:` is a contact by chat', async () => {
    const message = await parse('apple-mail-forward-note-chat.eml');
    const commands = commandsAboveForwardOf(message);
    if (!commands) throw new Error('no commands read');
    const { deps, notes } = recordingDeps();
    const done = await obeyCommandsAboveForward(commands, message, 'alice@example.net', 'BC-2024-0311', deps);
    expect(done).toEqual({ applied: 2, failures: [] });
    expect(notes.map((n) => [n.caseNumber, n.note.channel, n.note.text])).toEqual([
      ['BC-2024-0311', ANNOTATION_CHANNEL, 'second replacement, the first one arrived cracked too'],
      ['BC-2024-0311', 'chat', 'chatted with Kevin, he says it ships tomorrow'],
    ]);
    expect(notes[0]?.note.author).toEqual({ by: 'alice@example.net', via: 'email' });
  });

  it('`note CASE: …` in a reply to the digest is an annotation too, by the owner via digest_reply', async () => {
    const reply = await parse('digest-reply-en-gmail.eml');
    const { deps, notes } = recordingDeps();
    deps.cases.applyManualChange = async () =>
      ({}) as Awaited<ReturnType<EmailCommandDeps['cases']['applyManualChange']>>;
    const outcome = await obeyDigestReply(reply, 'alice@example.net', deps);
    expect(outcome).toMatchObject({ applied: 2, rejected: null });
    expect(notes).toEqual([
      {
        caseNumber: '00123456',
        note: expect.objectContaining({
          channel: ANNOTATION_CHANNEL,
          text: 'sent them the photos again today',
          author: { by: 'alice@example.net', via: 'digest_reply' },
        }),
      },
    ]);
  });
});
