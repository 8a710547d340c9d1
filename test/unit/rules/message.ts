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

/**
 * A Zendesk notification as it reaches the customer: reply-above marker, the newest comment with
 * its author line and signature, then older comments and the Zendesk footer.
 */
export function zendeskNotification(newestComment = 'The refund of $42.00 was issued today.'): string {
  return [
    '##- Please type your reply above this line -##',
    '',
    'Your request (48213) has been updated. To add additional comments, reply to this email.',
    '----------------------------------------------',
    '',
    'Jamie (Shoply Help Center)',
    '',
    'Nov 8, 2023, 14:12 GMT+1',
    '',
    'Hi Alice,',
    '',
    newestComment,
    '',
    'Jamie',
    'Shoply Help Center',
    '',
    '----------------------------------------------',
    '',
    'Alice Martin',
    '',
    'Nov 6, 2023, 19:40 GMT+1',
    '',
    'When will I get my refund?',
    '',
    '--------------------------------',
    'This email is a service from Shoply Help Center. Delivered by Zendesk',
    '',
    '[7Q9KJX-2M4N]',
  ].join('\n');
}
