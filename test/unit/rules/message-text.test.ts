import { describe, expect, it } from 'vitest';
import { sentencesOf, splitMessageText } from '../../../src/rules/message-text.js';
import { zendeskNotification } from './message.js';

describe('splitMessageText: where the quoted history starts', () => {
  it.each([
    [
      'Gmail / Apple (en)',
      'On Fri, Oct 27, 2023 at 8:12 AM Alice Martin <alice@example.net> wrote:\n> Where is my parcel?',
    ],
    ['Thunderbird (en)', 'On 27/10/2023 08:12, Alice Martin wrote:\n> Where is my parcel?'],
    ['German', 'Am 27.10.2023 um 08:12 schrieb Alice Martin <alice@example.net>:\n> Wo ist mein Paket?'],
    ['French', 'Le ven. 27 oct. 2023 à 08:12, Alice Martin <alice@example.net> a écrit :\n> Où est mon colis ?'],
    [
      'Spanish',
      'El vie, 27 oct 2023 a las 8:12, Alice Martin (<alice@example.net>) escribió:\n> ¿Dónde está mi paquete?',
    ],
    [
      'Outlook rule and header block',
      '________________________________\nFrom: Alice Martin <alice@example.net>\nSent: Friday, October 27, 2023 8:12 AM\nSubject: Parcel\n\nWhere is my parcel?',
    ],
    [
      'Outlook header block without the rule',
      'From: Alice Martin <alice@example.net>\nSent: Friday, October 27, 2023 8:12 AM\nTo: GTBuy Support\n\nWhere is my parcel?',
    ],
    [
      'German Outlook header block',
      'Von: Alice Martin <alice@example.net>\nGesendet: Freitag, 27. Oktober 2023 08:12\nBetreff: Paket\n\nWo ist mein Paket?',
    ],
    ['Original Message separator', '-----Original Message-----\nFrom: Alice Martin\nWhere is my parcel?'],
    ['a bare > quote', '> Where is my parcel?'],
  ])('%s', (_label, quoted) => {
    const split = splitMessageText(`Your parcel has been located.\n\n${quoted}`);
    expect(split.newText).toBe('Your parcel has been located.');
    expect(split.quoted).toBe(quoted);
  });

  it('a sentence that starts with “From:” is not a header block', () => {
    const split = splitMessageText('Your parcel is back.\nFrom: the warehouse we got your item.\nThe refund follows.');
    expect(split.quoted).toBe('');
    expect(split.newText).toContain('The refund follows.');
  });

  it('reads CRLF like LF', () => {
    expect(splitMessageText('New.\r\n\r\n> old')).toEqual({
      newText: 'New.',
      signature: '',
      quoted: '> old',
      authorLine: null,
    });
  });
});

describe('splitMessageText: where the signature starts', () => {
  it.each([
    ['Best regards,', 'Lisa Chen'],
    ['Kind regards', 'GTBuy Customer Service'],
    ['Thanks,', 'Mark'],
    ['Mit freundlichen Grüßen', 'Jürgen Weiß'],
    ['Bien cordialement,', 'Camille Roux'],
    ['Un saludo cordial,', 'Lucía Fernández'],
    ['Saludos cordiales,', 'Lucía Fernández'],
    ['--', 'Lisa Chen | GTBuy'],
  ])('%j', (signOff, name) => {
    const split = splitMessageText(`Your parcel has been located.\n\n${signOff}\n${name}\n\n> old`);
    expect(split).toEqual({
      newText: 'Your parcel has been located.',
      signature: `${signOff}\n${name}`,
      quoted: '> old',
      authorLine: null,
    });
  });
});

describe('sentencesOf', () => {
  it.each([
    ['One. Two! Three? Four', ['One.', 'Two!', 'Three?', 'Four']],
    ['A line\nwrapped here. Next one.', ['A line wrapped here.', 'Next one.']],
    ['Heading without stop\n\nBody.', ['Heading without stop', 'Body.']],
    ['It costs $129.99 in total. 5 days left.', ['It costs $129.99 in total.', '5 days left.']],
    ['', []],
  ])('%j', (text, sentences) => {
    expect(sentencesOf(text)).toEqual(sentences);
  });
});

describe('splitMessageText: help desks and mail-client noise', () => {
  const zendesk = zendeskNotification();

  it('Zendesk: the newest comment is the new text, older comments are history', () => {
    const split = splitMessageText(zendesk);
    expect(split.newText).toBe('Hi Alice,\n\nThe refund of $42.00 was issued today.');
    expect(split.signature).toBe('Jamie\nShoply Help Center');
    expect(split.authorLine).toBe('Jamie (Shoply Help Center)');
    expect(split.quoted).toContain('When will I get my refund?');
    expect(split.quoted).not.toContain('Delivered by Zendesk');
  });

  it.each([
    ['[image: GTBuy]\n\nYour parcel has been located.', 'Your parcel has been located.'],
    ['Your parcel has been located.\n\nSent from my iPhone', 'Your parcel has been located.'],
    ['Ihr Paket ist da.\n\nVon meinem iPhone gesendet', 'Ihr Paket ist da.'],
  ])('drops %j noise', (text, newText) => {
    expect(splitMessageText(text).newText).toBe(newText);
  });

  it('a Gmail attribution wrapped over two lines starts the history', () => {
    const text =
      'Thanks, noted.\n\nOn Fri, Oct 27, 2023 at 8:12 AM Alice Martin <\nalice@example.net> wrote:\n\nWhere is my parcel?';
    expect(splitMessageText(text)).toMatchObject({
      newText: 'Thanks, noted.',
      quoted: expect.stringContaining('Where'),
    });
  });

  it.each([
    ['Best regards, Lisa Chen', 'Best regards, Lisa Chen'],
    ['Saludos, Lucía Fernández', 'Saludos, Lucía Fernández'],
    ['Herzliche Grüße', 'Herzliche Grüße\nJonas Weber'],
  ])('a sign-off %j starts the signature', (line, signature) => {
    const text = `Your parcel has been located.\n\n${line}${line === signature ? '' : '\nJonas Weber'}`;
    expect(splitMessageText(text)).toMatchObject({ newText: 'Your parcel has been located.', signature });
  });

  it('“Thank you for contacting us.” is content, not a sign-off', () => {
    expect(splitMessageText('Thank you for contacting us. Your parcel is here.').newText).toBe(
      'Thank you for contacting us. Your parcel is here.',
    );
  });

  it('a closing block without a sign-off is the signature when it names its sender', () => {
    const text = 'Your refund was issued.\n\nNordCycle Returns Team\nreturns@nordcycle.example · Hafenstraße 8';
    expect(splitMessageText(text)).toMatchObject({
      newText: 'Your refund was issued.',
      signature: 'NordCycle Returns Team\nreturns@nordcycle.example · Hafenstraße 8',
    });
  });

  it('a last paragraph of one line stays content', () => {
    expect(splitMessageText('Dear Alice,\n\nRefund approved').newText).toBe('Dear Alice,\n\nRefund approved');
  });
});

describe('sentencesOf: chat transcripts', () => {
  it('each chat line is a turn of its own', () => {
    const text =
      '[2:07 PM] Alice: When will I see it?\n[2:07 PM] Kevin (NovaTel): We will send a confirmation\nemail today.\nKevin (NovaTel): Bye!';
    expect(sentencesOf(text)).toEqual([
      '[2:07 PM] Alice: When will I see it?',
      '[2:07 PM] Kevin (NovaTel): We will send a confirmation email today.',
      'Kevin (NovaTel): Bye!',
    ]);
  });
});
