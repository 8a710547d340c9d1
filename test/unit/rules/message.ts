// Builds the InboundMessage a rule sees, so each rule test states only the text that matters.
import type { InboundMessage, MailAddress } from '../../../src/ingest/inbound-message.js';
import { type AnalysisContext, contextOf } from '../../../src/rules/context.js';

export const FORWARDER = 'alice@example.net';
export const SUPPORT: MailAddress = { address: 'support@gtbuy.com', name: 'GTBuy Customer Service' };

export interface MessageParts {
  text: string;
  subject?: string;
  from?: MailAddress | null;
  to?: MailAddress[];
  /** ISO instant of the original message. Default: Friday 2023-10-27 10:00 UTC. */
  date?: string | null;
  /** Default: an inline forward by alice@example.net. */
  forward?: InboundMessage['forward'];
}

export function message(parts: MessageParts): InboundMessage {
  const forward = parts.forward ?? 'inline';
  return {
    envelopeMessageId: '<wrapper@example.net>',
    envelopeFrom: { address: FORWARDER, name: 'Alice Martin' },
    envelopeDate: '2023-10-28T08:00:00.000Z',
    envelopeSubject: `Fwd: ${parts.subject ?? ''}`,
    forward,
    original: {
      from: parts.from === undefined ? SUPPORT : parts.from,
      to: parts.to ?? [{ address: FORWARDER, name: 'Alice Martin' }],
      date: parts.date === undefined ? '2023-10-27T10:00:00.000Z' : parts.date,
      subject: parts.subject ?? 'Your request',
      messageId: null,
      text: parts.text,
    },
    messageKey: 'sha256:test',
  };
}

export function context(parts: MessageParts, customerAddresses: string[] = []): AnalysisContext {
  return contextOf(message(parts), customerAddresses);
}
