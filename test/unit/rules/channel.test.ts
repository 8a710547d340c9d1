import { describe, expect, it } from 'vitest';
import { detectChannel } from '../../../src/rules/channel.js';
import { context } from './message.js';

const channelOf = (text: string, subject = 'Your request') => detectChannel(context({ text, subject }));

describe('channel', () => {
  it.each([
    // Web form: the confirmation of a form submission.
    [
      'web form confirmation (GTBuy)',
      'Thank you for contacting GTBuy. This email confirms that we have received your request submitted through our online contact form.',
      'web_form',
    ],
    [
      'web form, German',
      'Vielen Dank für Ihre Nachricht über unser Kontaktformular. Wir melden uns in Kürze.',
      'web_form',
    ],
    ['web form, French', 'Nous avons bien reçu votre message envoyé via notre formulaire de contact.', 'web_form'],
    // Chat: a transcript, by its title or by its timestamped lines.
    [
      'chat transcript by title',
      'Here is the transcript of your chat with NovaTel support.\n\nKevin: Hello Alice, how can I help?',
      'chat',
    ],
    [
      'chat transcript lines with [hh:mm]',
      'Your conversation with us:\n\n[10:42] Kevin (NovaTel): Hello Alice, how can I help?\n[10:43] Alice Martin: My refund is missing.',
      'chat',
    ],
    [
      'chat transcript lines with hh:mm AM',
      '10:42 AM Kevin: Hello Alice, how can I help?\n10:43 AM Alice: My refund is missing.',
      'chat',
    ],
    // Phone: a call summary.
    [
      'call summary',
      'Summary of your phone call with GTBuy on October 27.\nAgent: Mark. We agreed to wait for the carrier.',
      'phone',
    ],
    ['call summary in the subject', 'Thank you for your time today.', 'phone', 'Call summary – case GTB-2023-5876'],
    ['German call note', 'Gesprächsnotiz zu Ihrem Anruf vom 27.10.2023: Wir prüfen die Sendung.', 'phone'],
    // Email: everything else.
    [
      'plain email',
      'Thank you for the additional details. We will contact the seller and update you within 3 business days.',
      'email',
    ],
    ['a time of day in prose is not a chat line', 'Our warehouse closes at 17:30. Regards: the team', 'email'],
    [
      'a deadline with a colon is not a chat line',
      'Please reply before 5:00 PM tomorrow: we need the photos.',
      'email',
    ],
    // Naming a channel to use next is not a contact made through it.
    [
      'a reply pointing to the contact form',
      'Your parcel has been located. If you have further questions, please use our contact form.',
      'email',
    ],
    [
      'a reply offering live chat',
      'Your refund is being checked. You can also reach us by live chat on our website.',
      'email',
    ],
  ])('%s → %s', (_label, text, expected, subject = 'Your request') => {
    const found = channelOf(text, subject);
    expect(found.value).toBe(expected);
    if (expected !== 'email') expect(found.matched).not.toBe('');
  });

  it('reports the rule and the words that decided it', () => {
    const text = 'We have received your request submitted through our online contact form.';
    const found = channelOf(text);
    expect(found.rule).toBe('channel/web-form');
    expect(found.matched.length).toBeGreaterThan(0);
    expect(text).toContain(found.matched);
    expect(channelOf('Nothing special here.')).toMatchObject({ value: 'email', rule: 'channel/default-email' });
  });

  it('ignores a channel named only in quoted history', () => {
    const text = [
      'Thanks, we got your email.',
      '',
      '> Here is the transcript of your chat with us.',
      '> [10:42] Kevin: hi',
    ].join('\n');
    expect(channelOf(text).value).toBe('email');
  });
});
