import { describe, expect, it } from 'vitest';
import { sentencesOf } from '../../../src/rules/message-text.js';
import { MAX_SUMMARY_CHARS, summarize } from '../../../src/rules/summary.js';
import { context, zendeskNotification } from './message.js';

const summaryOf = (text: string, subject = 'Your request') => summarize(context({ text, subject }));
const BODY = 'Your refund request is under review.';

describe('summary', () => {
  it.each([
    'Dear Alice,',
    'Dear Ms Martin,',
    'Hi Tom,',
    'Hello Alice Martin,',
    'Good morning Alice,',
    'Sehr geehrte Frau Martin,',
    'Hallo Alice,',
    'Guten Tag Frau Martin,',
    'Bonjour Madame Martin,',
    'Estimada Alice:',
    'Hola Alice,',
  ])('drops the greeting %j', (greeting) => {
    expect(summaryOf(`${greeting}\n\n${BODY}`)).toBe(BODY);
  });

  it('drops thanks-for-writing boilerplate when there is something else to say', () => {
    expect(summaryOf('Thank you for contacting GTBuy. Your parcel has been located.')).toBe(
      'Your parcel has been located.',
    );
  });

  it('keeps the boilerplate when it is all there is', () => {
    expect(summaryOf('Thank you for contacting GTBuy.')).toBe('Thank you for contacting GTBuy.');
  });

  it('drops `[image: …]` placeholders', () => {
    expect(summaryOf('[image: GTBuy]\n\nYour parcel has been located.')).toBe('Your parcel has been located.');
  });

  it('leaves out the signature and the quoted history', () => {
    const text = ['Your parcel has been located.', '', 'Best regards,', 'Lisa Chen', '', '> Where is my parcel?'].join(
      '\n',
    );
    expect(summaryOf(text)).toBe('Your parcel has been located.');
  });

  it('is bounded and made of whole sentences', () => {
    const sentences = Array.from({ length: 12 }, (_, i) => `Sentence ${i + 1} of the reply has a few words in it.`);
    const summary = summaryOf(`Dear Alice,\n\n${sentences.join(' ')}`);
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    // As many whole sentences as fit, from the start, nothing cut in the middle.
    const kept = sentencesOf(summary);
    expect(kept).toEqual(sentences.slice(0, kept.length));
    expect(summary.length + 1 + (sentences[kept.length]?.length ?? 0)).toBeGreaterThan(MAX_SUMMARY_CHARS);
    expect(kept.length).toBeGreaterThanOrEqual(2);
  });

  it('cuts a single over-long sentence at the bound, with an ellipsis', () => {
    const long = `${'very '.repeat(100)}long sentence.`;
    const summary = summaryOf(`Hi Tom,\n\n${long} Second sentence.`);
    expect(summary.length).toBe(MAX_SUMMARY_CHARS);
    expect(summary.endsWith('…')).toBe(true);
    expect(long.startsWith(summary.slice(0, -1))).toBe(true);
  });

  it('falls back to the subject when the new text is empty', () => {
    expect(summaryOf('', 'Refund status')).toBe('Refund status');
  });

  it('folds whitespace and line wrapping', () => {
    expect(summaryOf('Your parcel\nhas been\n\tlocated.')).toBe('Your parcel has been located.');
  });
});

describe('summary: help-desk notifications', () => {
  it('a Zendesk notification: only the newest comment, no reply-above line, author or history', () => {
    const text = zendeskNotification('The refund of $42.00 was issued today. [image: Shoply]');
    expect(summaryOf(text)).toBe('The refund of $42.00 was issued today.');
  });

  it.each([
    ['Hola Diego:\n\nHemos recibido la aspiradora.', 'Hemos recibido la aspiradora.'],
    ['Guten Tag Frau Vogel,\n\nIhre Rücksendung ist eingegangen.', 'Ihre Rücksendung ist eingegangen.'],
    ['Bonjour Chloé,\n\nNous avons bien reçu les livres.', 'Nous avons bien reçu les livres.'],
  ])('drops the greeting in %j', (text, summary) => {
    expect(summaryOf(text)).toBe(summary);
  });
});
