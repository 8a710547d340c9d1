import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
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
    // Underscore rules of any length above a name block.
    ['____________', 'Lisa Chen\nGTBuy Customer Service'],
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
    // A day as an ordinal before its month ends no sentence; a number before any other word still does.
    [
      'Wir haben Ihnen am 2. November 25,00 € erstattet. Danke.',
      ['Wir haben Ihnen am 2. November 25,00 € erstattet.', 'Danke.'],
    ],
    ['Ihre Bestellung vom 12. März ist da.', ['Ihre Bestellung vom 12. März ist da.']],
    ['The total is 12. Thanks for asking.', ['The total is 12.', 'Thanks for asking.']],
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
    // The app's line with the writer's short afterword, as the last line.
    ['Your parcel has been located.\n\nSent from my phone. Please excuse typos.', 'Your parcel has been located.'],
    [
      'Your parcel has been located.\n\nSent from my Android phone with GMX Mail. Please excuse my brevity.',
      'Your parcel has been located.',
    ],
    [
      'Your parcel has been located.\n\nSent with Tutanota, the secure & ad-free mailbox.',
      'Your parcel has been located.',
    ],
    ['Your parcel has been located.\n\nSent via Superhuman', 'Your parcel has been located.'],
    ['Your parcel has been located.\n\nSent from HEY', 'Your parcel has been located.'],
    ['Your parcel has been located.\n\nSent from mobile', 'Your parcel has been located.'],
  ])('drops %j noise', (text, newText) => {
    expect(splitMessageText(text).newText).toBe(newText);
  });

  it.each([['Cheers 🎉\nSarah'], ['Best regards 🙏🏽\nSarah Lindqvist']])(
    'a sign-off with emoji after it starts the signature: %j',
    (signature) => {
      expect(splitMessageText(`Thanks, the refund arrived.\n\n${signature}`)).toMatchObject({
        newText: 'Thanks, the refund arrived.',
        signature,
      });
    },
  );

  it('a Hungarian closing with its colon over the name starts the signature', () => {
    expect(splitMessageText('Jó napot!\n\nA pénzt még nem kaptam meg.\n\nÜdvözlettel:\nNagy Eszter')).toMatchObject({
      newText: 'Jó napot!\n\nA pénzt még nem kaptam meg.',
      signature: 'Üdvözlettel:\nNagy Eszter',
    });
  });

  it.each([
    'Here is what I need.\n\nThanks:\n- the receipt\n- the photo',
    'Refund please.\n\nRegards:\nThe refund must go to my Visa card, not the gift card, as agreed.',
  ])('a closing word with a colon over anything but a name is no signature (regression guard): %j', (text) => {
    expect(splitMessageText(text).newText).toBe(text);
  });

  it('a link framed by arrows both ways (`>>> … <<<`) is no quote', () => {
    const text =
      'Track your refund here:\n>>> >>> https://returns.shoply.example/SH-20931 <<<\nThe page updates daily.';
    expect(splitMessageText(text).newText).toBe(text);
  });

  it('thanks with an emoji above more text is no signature (regression guard)', () => {
    const text = 'Thanks 🙏\n\nThe box is on its way back.';
    expect(splitMessageText(text).newText).toBe(text);
  });

  it('a Gmail attribution wrapped over four lines (date, long name, address, verb) starts the history', () => {
    const text =
      'Thanks, noted.\n\nOn Fri, Nov 27, 2026 at 4:12 PM\nHollow Pine Outfitters Customer Care\n<orders@hollowpine.example>\nwrote:\n\nPlease send the jacket back.';
    expect(splitMessageText(text).newText).toBe('Thanks, noted.');
  });

  it('four lines of prose ending in a colon are no attribution (regression guard)', () => {
    const text =
      'Thanks, noted.\nOn Friday the courier came\nand took the jacket, and\nthe driver said he wrote:\n"received"';
    expect(splitMessageText(text).newText).toBe(text);
  });

  it.each([
    [
      'Outlook rule over a block in a language no table knows (Albanian)',
      '________________________________\nNga: Shtëpia Ime <info@shtepia.example>\nDërguar: e hënë, 23 nëntor 2026 10:40\nPër: Arben <arben@example.al>\nSubjekti: Rimbursim SH-1192\n\nPërshëndetje Arben',
    ],
    [
      'Gmail attribution with a verb no lexicon knows (Afrikaans)',
      'Op Ma. 23 Nov. 2026 om 10:40 het Huis Winkel <info@huis.example> geskryf:\n\nHallo Piet',
    ],
    [
      'Gmail attribution with a verb no lexicon knows (Galician)',
      'O luns, 23 de nov. de 2026 ás 10:40, Tenda Casa (<info@tenda.example>) escribiu:\n\nOla Xoán',
    ],
  ])('%s starts the history', (_label, quoted) => {
    expect(splitMessageText(`Still no refund.\n\n${quoted}`)).toMatchObject({ newText: 'Still no refund.', quoted });
  });

  it.each([
    // A form copied under a rule: a labelled address and a dated line, but no addressee with an address.
    'We logged your request.\n\n________________________________\nName: Dana Reyes <dana@example.net>\nSubmitted: 27 Nov 2026 13:58\nItem: Oak table\nReason: cracked leg\n\nWe will refund it once collected.',
    // An address and one word before a colon, but no year: prose, not a client's line.
    'Call us at 10:30 or write to <care@shop.example> directly:\n\nwe answer within a day.',
    // A year, a time and an address, but more than one word after it.
    'On 12 Nov 2026 at 10:40 I emailed <care@shop.example> and they replied:\n\nwe will refund you.',
  ])('no quote in %j (regression guard)', (text) => {
    expect(splitMessageText(text).newText).toBe(text);
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

  it.each([
    ['ar', 'تم إرسال المبلغ إلى حسابك.', 'أحمد'],
    ['he', 'ההחזר נשלח לחשבון שלך.', 'דני'],
    ['hi', 'रिफंड आपके खाते में भेज दिया गया है।', 'राहुल'],
  ])('a name in a script without capitals (%s) alone on the last line is the signature', (_label, sentence, name) => {
    expect(splitMessageText(`${sentence}\n\n${name}`)).toMatchObject({ newText: sentence, signature: name });
  });

  it('a Thai last line without spaces is a sentence, not a name', () => {
    expect(splitMessageText('เราได้รับสินค้าแล้ว\n\nคืนเงินแล้ว').newText).toBe('เราได้รับสินค้าแล้ว\n\nคืนเงินแล้ว');
  });

  it('a long dash rule over a titled section is no signature rule', () => {
    const text = 'Your refund was issued.\n\n----------\nRefund Summary\nAmount: 42.00 EUR';
    expect(splitMessageText(text).newText).toBe(text);
  });

  it("under a team's closing line, a table above it is the message, not the signature", () => {
    const text = [
      'wir haben Ihnen 24,95 € erstattet.',
      '',
      'Artikel | Status',
      'Kaffeebecher Steingut | Erstattet',
      'Stehleuchte Eiche | Noch nicht zurückgesendet',
      '',
      'Ihr Hausrat Nord Kundenservice',
    ].join('\n');
    expect(splitMessageText(text)).toMatchObject({
      newText: text.slice(0, text.lastIndexOf('\n\n')),
      signature: 'Ihr Hausrat Nord Kundenservice',
    });
  });

  it('a last paragraph of one line stays content', () => {
    expect(splitMessageText('Dear Alice,\n\nRefund approved').newText).toBe('Dear Alice,\n\nRefund approved');
  });
});

describe('splitMessageText: a help desk whose comments are set apart by HTML borders', () => {
  it('the newest comment under its author and date lines is the new text, the next one history', () => {
    const text = [
      '##- Bitte geben Sie Ihre Antwort über dieser Zeile ein. -##',
      'Ihre Anfrage (90417) wurde aktualisiert. Um weitere Kommentare hinzuzufügen, antworten Sie einfach auf diese E-Mail.',
      '',
      'Lena (Gartenreich)',
      '',
      '26. Nov. 2026, 11:47 MEZ',
      '',
      'Hallo Katrin,',
      '',
      'wir haben dir einen Gutschein über 15,00 € gebucht.',
      '',
      'Viele Grüße',
      'Lena',
      '',
      'Katrin Vogel',
      '',
      '24. Nov. 2026, 20:05 MEZ',
      '',
      'Bitte um Erstattung oder Ersatz.',
    ].join('\n');
    const split = splitMessageText(text);
    expect(split.authorLine).toBe('Lena (Gartenreich)');
    expect(split.newText).toContain('Gutschein über 15,00 €');
    expect(`${split.newText}\n${split.signature}`).not.toContain('Bitte um Erstattung');
    expect(split.quoted).toContain('Bitte um Erstattung');
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

describe('splitMessageText: reply fixtures (test/fixtures/replies: NAME.eml + NAME.expected.txt)', () => {
  const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'replies');
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort();

  it('covers at least 70 shapes in the eight lexicon languages and nine reply-shape ones', () => {
    expect(names.length).toBeGreaterThanOrEqual(70);
    for (const code of [
      'en',
      'de',
      'fr',
      'es',
      'it',
      'nl',
      'pl',
      'pt',
      'sv',
      'da',
      'nb',
      'fi',
      'cs',
      'ru',
      'ja',
      'zh',
      'ko',
    ]) {
      expect(names.some((n) => n.startsWith(`${code}-`))).toBe(true);
    }
  });

  it.each(names)('%s', async (name) => {
    const parsed = await simpleParser(readFileSync(join(dir, name)));
    const expected = readFileSync(join(dir, name.replace(/\.eml$/, '.expected.txt')), 'utf8').trim();
    expect(splitMessageText(parsed.text ?? '').newText).toBe(expected);
  });
});

describe('splitMessageText: attribution lines in every language', () => {
  it.each([
    ['nl Gmail', 'Op di 14 nov. 2023 om 09:12 schreef Sanne de Vries <sanne@example.nl>:'],
    ['nl Apple', 'Op 14 nov. 2023 om 09:12 heeft Sanne de Vries <sanne@example.nl> het volgende geschreven:'],
    ['de Gmail, name first', 'Alice Martin <alice@example.net> schrieb am Di., 14. Nov. 2023, 09:12:'],
    ['de without Am', 'Alice Martin <alice@example.net> schrieb:'],
    ['it Gmail', 'Il giorno mar 14 nov 2023 alle ore 09:12 Giulia Rossi <giulia@example.it> ha scritto:'],
    ['it K-9', 'In data 14 novembre 2023 09:12:33 CET, Giulia <giulia@example.it> ha scritto:'],
    ['pl Thunderbird', 'W dniu 14.11.2023 o 09:12, Anna Kowalska <anna@example.pl> pisze:'],
    ['pl Gmail', 'wt., 14 lis 2023 o 09:12 Anna Kowalska <anna@example.pl> napisał(a):'],
    ['pt Gmail', 'Em ter., 14 de nov. de 2023 às 09:12, Beatriz Costa <beatriz@example.pt> escreveu:'],
    ['ru Apple', '14 нояб. 2023 г., в 09:12, Алексей <alexei@example.ru> написал(а):'],
    ['ru Gmail, no verb', 'вт, 14 нояб. 2023 г. в 09:12, Алексей <alexei@example.ru>:'],
    ['en writes', 'Jamie Lee <jamie@example.org> writes:'],
    ['en Eudora', 'At 14:56 02.06.2003 -0400, you wrote:'],
    ['en dashed', '------On 12/11/2023 17:32 PM, Julius Caesar wrote-----'],
    ['en via a help desk', 'Jamie via Shoply Help Center wrote:'],
    ['ISO date and address', '2023-11-14 9:12 GMT+01:00 Shoply Support <support@shoply.example>:'],
    // The verb holds a first-person word of another language (French `je`): still no prose of the writer's.
    ['hr Thunderbird, `je napisao`', 'Dana 14.11.2023. u 09:12, Kućni aparati je napisao:'],
  ])('%s', (_label, attribution) => {
    const split = splitMessageText(`Thanks, noted.\n\n${attribution}\n> Where is my parcel?`);
    expect(split.newText).toBe('Thanks, noted.');
    expect(split.quoted).toBe(`${attribution}\n> Where is my parcel?`);
  });

  it.each([
    ['two lines', 'Em ter., 14 de nov. de 2023 às 09:12, Beatriz Costa <\nbeatriz@example.pt> escreveu:'],
    ['three lines', 'On Nov 14, 2023, at 9:12 AM, Shoply Support <\nsupport+id7f3a91@shoply.example>\nwrote:'],
    ['pl, verb alone on the next line', 'W dniu 14 listopada 2023 09:12 użytkownik Anna <anna@example.pl>\nnapisał:'],
    // The address wrapped before its closing bracket: the next line's `>` closes it, it marks no quote.
    ['da, `>:` on the next line', 'Den tir. 14. nov. 2023 kl. 09.12 skrev Nordhjem <kundeservice@nordhjem.example\n>:'],
    [
      'fr, `> a écrit :` on the next line',
      'Le mar. 14 nov. 2023 à 11:47, Maison Lumière <sav@lumiere.example\n> a écrit :',
    ],
    // A full stop with a parenthesis still open is a wrap, not a sentence end.
    [
      'hu, a parenthesis open over the full stop',
      'Otthon Bolt <bolt@shop.example> ezt írta (időpont: 2023. nov.\n13., H 15:40):',
    ],
  ])('wrapped over %s', (_label, attribution) => {
    const split = splitMessageText(`Thanks, noted.\n\n${attribution}\n\n> Where is my parcel?`);
    expect(split.newText).toBe('Thanks, noted.');
  });

  it.each([
    [
      'no sentence end',
      'Yes please refund it On Wed, Nov 15, 2023 at 8:02 AM Shoply <help@shoply.example> wrote:',
      'Yes please refund it',
    ],
    [
      "Yahoo's dashes",
      'The tent went back today--- On Tue, 11/14/23, Shoply <orders@shoply.example> wrote:',
      'The tent went back today',
    ],
    [
      'a sentence end',
      'Refund it, please. Am 14.11.2023 um 09:12 schrieb Shoply <help@shoply.example>:',
      'Refund it, please.',
    ],
  ])('a reply glued to the attribution under it (%s) stays new text', (_label, line, reply) => {
    const split = splitMessageText(`${line}\n> Refund or credit?`);
    expect(split.newText).toBe(reply);
    expect(split.quoted).toBe(`${line.slice(reply.length).replace(/^[-\s]+/, '')}\n> Refund or credit?`);
  });

  it.each([
    ['On Mon, Nov 13, 2023 at 2:22 PM, Shoply<help@shoply.example> wrote:', 'Hi, refund or credit?'],
    ['Am Mo., 13. Nov. 2023 um 14:22 schrieb Shoply <help@shoply.example>:', 'Erstattung oder Gutschrift?'],
  ])('an attribution and the quoted text on one line (Yahoo for Android): %j', (attribution, quote) => {
    const split = splitMessageText(`Refund, please.\n\n  ${attribution}   ${quote}`);
    expect(split).toMatchObject({ newText: 'Refund, please.', quoted: `${attribution}\n${quote}` });
  });

  it("Hebrew Apple Mail's `כתב/ה` (wrote, either gender) ends an attribution over unmarked text", () => {
    const text = 'תודה.\n\nב-14 בנוב׳ 2023, בשעה 9:12, שירות בית שופ כתב/ה:\n\nאיפה החבילה שלי?';
    expect(splitMessageText(text)).toMatchObject({ newText: 'תודה.', quoted: expect.stringContaining('איפה') });
  });

  it('a colon and spaces inside a sentence split nothing', () => {
    const line = 'Note:   the refund of 42.00 EUR on 14 November went to your card.';
    expect(splitMessageText(line).newText).toBe(line);
  });

  it('a lower-case `on` inside a sentence opens no attribution', () => {
    const line = 'We sent it back on Tue, Nov 14, 2023 at 9:12 AM as you wrote:';
    expect(splitMessageText(`${line}\n> Send it back.`).newText).toBe(line);
  });

  it.each([
    'On Monday the courier collected the parcel.',
    'On 14 November we wrote to the carrier and they replied the same day',
    'Le 14 novembre, nous avons reçu votre colis.',
    'Am 14.11. haben wir Ihr Paket erhalten.',
  ])('a sentence that merely starts like one stays new text: %j', (line) => {
    expect(splitMessageText(`${line}\nThe refund follows.`).newText).toBe(`${line}\nThe refund follows.`);
  });

  it.each([
    [
      'it',
      'Da: Giulia Rossi <giulia@example.it>\nInviato: martedì 14 novembre 2023 09:12\nA: assistenza@example.it\nOggetto: Reso',
    ],
    [
      'nl',
      'Van: Sanne de Vries <sanne@example.nl>\nVerzonden: dinsdag 14 november 2023 09:12\nAan: service@example.nl\nOnderwerp: Retour',
    ],
    [
      'pl',
      'Od: Anna Kowalska <anna@example.pl>\nWysłano: wtorek, 14 listopada 2023 09:12\nDo: bok@example.pl\nTemat: Zwrot',
    ],
    [
      'pt',
      'De: Beatriz Costa <beatriz@example.pt>\nEnviada em: terça-feira, 14 de novembro de 2023 09:12\nPara: apoio@example.pt\nAssunto: Troca',
    ],
    [
      'es',
      'De: Diego López <diego@example.es>\nEnviado el: martes, 14 de noviembre de 2023 9:12\nPara: atencion@example.es\nAsunto: Reclamación',
    ],
    [
      'fr',
      'De : Élodie Martin <elodie@example.fr>\nEnvoyé : mardi 14 novembre 2023 09:12\nÀ : sav@example.fr\nObjet : Retour',
    ],
    ['it separator', '-----Messaggio originale-----\nDa: Giulia Rossi'],
    ['nl separator', '-----Oorspronkelijk bericht-----\nVan: Sanne de Vries'],
    ['pl separator', '-----Wiadomość oryginalna-----\nOd: Anna Kowalska'],
    ['pt separator', '-----Mensagem original-----\nDe: Beatriz Costa'],
    ['fr separator', "-----Message d'origine-----\nDe : Élodie Martin"],
    ['fr Zimbra separator', "----- Mail d'origine -----\nDe: Élodie Martin"],
    [
      'sr Cyrillic',
      'Од: Техномаркет <podrska@tehnomarket.example>\nПослато: понедељак, 13. новембар 2023. 16:20\nЗа: Марко\nТема: Повраћај',
    ],
    ['fa', 'از: فروشگاه <support@shop.example>\nارسال شده: دوشنبه، 13 نوامبر 2023 14:10\nبه: علی\nموضوع: بازپرداخت'],
    ['hi', 'प्रेषक: घरबाज़ार <help@gharbazaar.example>\nभेजा गया: सोमवार, 13 नवंबर 2023 11:30\nप्रति: राहुल\nविषय: रिफंड'],
    // The sender's address wrapped before its closing bracket: the `>` line belongs to the block.
    [
      'en, bracket wrapped',
      'From: Alice Martin <alice.martin@example.net\n>\nSent: Friday, October 27, 2023 8:12 AM\nTo: GTBuy Support\nSubject: Parcel',
    ],
    // A sender label no table holds (Latvian `No:`): an address, then a date label and one more label.
    [
      'lv, sender label unknown',
      'No: Mājas preces <atbalsts@majas-preces.example>\nNosūtīts: pirmdiena, 2023. gada 13. novembris 15:02\nKam: Jānis\nTēma: Atmaksa',
    ],
  ])('Outlook header block (%s): the rest is history', (_label, block) => {
    const split = splitMessageText(`Your parcel has been located.\n\n${block}\n\nWhere is my parcel?`);
    expect(split.newText).toBe('Your parcel has been located.');
    expect(split.quoted).toBe(`${block}\n\nWhere is my parcel?`);
  });

  it.each([
    '>>> Alice Martin <alice@example.net> 10/27/2023 8:12 AM >>>',
    '>>> "Martin, Alice" <alice@example.net> 27.10.2023 08:12 >>>',
  ])("GroupWise's quote head %j: the unmarked rest is history", (head) => {
    const split = splitMessageText(`Your parcel has been located.\n\n${head}\nWhere is my parcel?`);
    expect(split.newText).toBe('Your parcel has been located.');
    expect(split.quoted).toBe(`${head}\nWhere is my parcel?`);
  });

  it('zero-width spaces around an attribution hide it from no pattern', () => {
    const text =
      'Thanks, noted.\n\n\u200bOn Fri, Oct 27, 2023 at 8:12 AM Alice <alice@example.net> wrote:\u200b\n> Where?';
    expect(splitMessageText(text)).toMatchObject({
      newText: 'Thanks, noted.',
      quoted: expect.stringContaining('Where?'),
    });
  });

  it.each([
    ['fi', 'Välitetty viesti alkaa:'],
    ['cs', 'Začátek přeposílané zprávy:'],
    ['ko', '전달된 메일:'],
    ['hu', 'Továbbított levél kezdete:'],
    ['el', 'Έναρξη προωθημένου μηνύματος:'],
    ['uk', 'Початок листа, що пересилається:'],
    ['zh, full-width colon', '转发的邮件：'],
  ])("Apple Mail's forward head (%s) goes with the header block under it", (_label, head) => {
    const block = `${head}\n\nFrom: Alice Martin <alice@example.net>\nDate: 27 October 2023 at 08:12:10 CET\nTo: GTBuy`;
    const split = splitMessageText(`Your parcel has been located.\n\n${block}\n\nWhere is my parcel?`);
    expect(split.newText).toBe('Your parcel has been located.');
    expect(split.quoted).toBe(`${block}\n\nWhere is my parcel?`);
  });

  it.each([
    ['hu', 'Továbbított levél'],
    ['ar', 'الرسالة المُعاد توجيهها'],
    ['vi', 'Thư đã chuyển tiếp'],
    ['th', 'ข้อความที่ส่งต่อ'],
    ['et', 'Edastatud kiri'],
  ])("Gmail's forward separator (%s) goes with the header block under it", (_label, words) => {
    const block = `---------- ${words} ---------\nFrom: Alice Martin <alice@example.net>\nDate: Fri, Oct 27, 2023 at 8:12 AM`;
    const split = splitMessageText(`Your parcel has been located.\n\n${block}\n\nWhere is my parcel?`);
    expect(split).toMatchObject({
      newText: 'Your parcel has been located.',
      quoted: `${block}\n\nWhere is my parcel?`,
    });
  });

  it.each([
    ['a receipt', 'Customer: Alice <alice@example.net>\nDate: 14 November 2023 09:12\nTotal: 42.00 EUR'],
    [
      'web form fields under a name',
      'Name: Alice Martin\nEmail: Alice <alice@example.net>\nDate: 14 Nov 2023 09:12\nSubject: Refund\n\nMessage follows.',
    ],
    [
      'web form fields over the message',
      'Email: Alice <alice@example.net>\nSubject: Refund\nDate: 14 Nov 2023 09:12\nMessage: I want my refund.',
    ],
  ])('a labelled address over other labels is no header block: %s', (_label, fields) => {
    expect(splitMessageText(`Refund issued.\n\n${fields}`).quoted).toBe('');
  });

  it('a rule of underscores without a header block under it is no quote', () => {
    const text = 'Your refund was issued.\n\n______________________________\nShoply · 1 Market St · Springfield';
    expect(splitMessageText(text).quoted).toBe('');
  });
});

describe('splitMessageText: replies below and between quotes', () => {
  it('bottom-posting: the new text is what follows the quote', () => {
    const text =
      'On Tue, 14 Nov 2023 at 09:12, Shoply <help@shoply.example> wrote:\n> Refund or replacement?\n\nA refund, please.\n\nThanks,\nTom';
    expect(splitMessageText(text)).toEqual({
      newText: 'A refund, please.',
      signature: 'Thanks,\nTom',
      quoted: 'On Tue, 14 Nov 2023 at 09:12, Shoply <help@shoply.example> wrote:\n> Refund or replacement?',
      authorLine: null,
    });
  });

  it.each([
    ['a bracketed link alone', '> Post a reply by email\n>\n (https://shoply.example/c/Yz) >\n> Shoply'],
    ['the rest of a link left open', '> View ticket (https://shoply.example/t/48211?token\n=a81f3c)\n> Shoply'],
    ['an angle-bracketed link', '> See <https://shoply.example/policy/refunds/long\n/path>\n> Shoply'],
  ])('a link wrapped out of its `>` line stays in the quote (%s)', (_label, quote) => {
    const text = `Refund, please.\n\nOn Mon, Nov 13, 2023 at 2:22 PM Shoply <help@shoply.example> wrote:\n${quote}`;
    expect(splitMessageText(text).newText).toBe('Refund, please.');
  });

  it('a word between quotes is an answer, not a link fragment', () => {
    const split = splitMessageText('Hi,\n\n> Which order?\nSH-1001\n> Which item?\nThe lamp');
    expect(split.newText).toBe('Hi,\n\nSH-1001\n\nThe lamp');
  });

  it('a lone word over the closing is the last answer, not a name signing above it', () => {
    const split = splitMessageText('> Which item?\nThe lamp\n> Refund or credit?\nRefund\n\nThanks');
    expect(split).toMatchObject({ newText: 'The lamp\n\nRefund', signature: 'Thanks' });
  });

  it('interleaved: only the unquoted answers are new text', () => {
    const text = 'Hi,\n\n> Which parts are missing?\n\nThe lid.\n\n> Refund or parts?\n>\n> Tell us.\n\nParts, please.';
    const split = splitMessageText(text);
    expect(split.newText).toBe('Hi,\n\nThe lid.\n\nParts, please.');
    expect(split.quoted).toBe('> Which parts are missing?\n\n> Refund or parts?\n>\n> Tell us.');
  });

  it('an attribution followed by unmarked text (markers lost in a forward) quotes everything after it', () => {
    const text =
      'See the answer below.\n\nOn Sun, 19 Nov 2023 at 21:14, Seller <seller@example.com> wrote:\nWe refunded you in full.\n\nThe refund was issued on 10 November.';
    expect(splitMessageText(text).newText).toBe('See the answer below.');
  });

  it('a quote that lost its markers at the very top ends with its writer’s signature block', () => {
    const text =
      'El 20/02/2024 a las 18:10, Diego <diego@example.es> escribió:\nDos tazas llegaron rotas.\n\nUn saludo,\nDiego\n\nHola Diego:\n\nTe hemos devuelto 12,00 €.';
    expect(splitMessageText(text).newText).toBe('Hola Diego:\n\nTe hemos devuelto 12,00 €.');
  });
});

describe('splitMessageText: signatures in every language', () => {
  it.each([
    'Sent from my BlackBerry® smartphone',
    'Sent from Outlook for iOS',
    'Get Outlook for Android<https://aka.ms/AAb9ysg>',
    'Sent from Yahoo Mail for iPhone',
    'Von meinem iPhone gesendet',
    'Envoyé de mon iPhone',
    'Enviado desde mi Samsung Galaxy',
    'Inviato da iPhone',
    'Inviato dal mio dispositivo Huawei',
    'Verzonden vanaf mijn iPad',
    'Verstuurd vanaf mijn iPhone',
    "Wysłane z iPhone'a",
    'Wysłano z aplikacji Poczta dla Windows',
    'Enviado do meu iPhone',
    'Pobierz aplikację Outlook dla systemu Android<https://aka.ms/ghei36>',
    'Sent from my Samsung Galaxy smartphone.',
    'Enviado desde mi smartphone Samsung Galaxy.',
    'Sent with Proton Mail secure email.',
    'Wysłane z mojego telefonu.',
    'Enviado desde mi teléfono.',
    // Outlook's, Yahoo's and other apps' own lines in the languages their users write in.
    'Получить Outlook для Android<https://aka.ms/AAb9ysg>',
    'Android 版 Outlook を入手<https://aka.ms/AAb9ysg>',
    '获取 iOS 版 Outlook<https://aka.ms/o0ukef>',
    'Android용 Outlook 다운로드<https://aka.ms/AAb9ysg>',
    'Hanki Outlook for iOS<https://aka.ms/o0ukef>',
    'Envoyé de Outlook pour iOS',
    'Envoyé de Yahoo Mail pour iPhone',
    'Verzonden vanuit Outlook voor iOS',
    'Von Yahoo Mail auf Android gesendet',
    'Get BlueMail for Android',
    'Sent from Mail.ru app for Android',
    'Sent from Yandex Mail',
  ])('a mail app signature: %j', (line) => {
    expect(splitMessageText(`The parcel went out today.\n\n${line}`)).toMatchObject({
      newText: 'The parcel went out today.',
      signature: line,
    });
  });

  it.each([
    ['Cordiali saluti,', 'Marco Bianchi'],
    ['Distinti saluti', 'Ufficio Resi'],
    ['Met vriendelijke groet,', 'Pieter Jansen'],
    ['Groetjes,', 'Lotte'],
    ['Pozdrawiam,', 'Tomasz Nowak'],
    ['Z poważaniem', 'Dział Reklamacji'],
    ['BR,', 'Tom Reed'],
    ['Atenciosamente,', 'Ricardo Alves'],
    ['Com os melhores cumprimentos,', 'Inês Carvalho'],
  ])('sign-off %j', (signOff, name) => {
    expect(splitMessageText(`The parcel went out today.\n\n${signOff}\n${name}`)).toMatchObject({
      newText: 'The parcel went out today.',
      signature: `${signOff}\n${name}`,
    });
  });

  it.each([
    ['a dashed name', 'Please go ahead with the refund.\n-Marcus', 'Please go ahead with the refund.', '-Marcus'],
    ['a dashed name after a space', 'Please go ahead.\n- Jo Tan', 'Please go ahead.', '- Jo Tan'],
    ['a slashed name (sv)', 'Kan ni kolla?\n\n/Johan', 'Kan ni kolla?', '/Johan'],
    [
      '`-- ` with its trailing space',
      'Refund sent.\n\n-- \nLisa Chen | GTBuy',
      'Refund sent.',
      '-- \nLisa Chen | GTBuy',
    ],
    ['a bare name as the last paragraph', 'I sent the photos.\n\nAlice', 'I sent the photos.', 'Alice'],
    [
      'a bare name above a phone signature',
      'I sent the photos.\n\nAlice\nSent from my iPhone',
      'I sent the photos.',
      'Alice\nSent from my iPhone',
    ],
  ])('%s', (_label, text, newText, signature) => {
    expect(splitMessageText(text)).toMatchObject({ newText, signature });
  });

  it.each([
    ['“Sent from my …” as a sentence', 'Sent from my laptop because the app keeps crashing.\nI want a size M.'],
    ['“Sent from my …” ending in a place', 'I want a size M.\n\nSent from my seat at the post office.'],
    ['a dashed list', 'Missing:\n- Lid\n- Basket'],
    ['a list of folders', 'I looked in:\n/Inbox\n/Archive'],
    [
      '“Thanks!” above the message',
      'Thanks!\n\nYour refund of $64.00 was issued today and reaches your card in 5 days.',
    ],
  ])('stays new text: %s', (_label, text) => {
    expect(splitMessageText(text).newText).toBe(text);
  });
});

describe('splitMessageText: linear on hostile input', () => {
  // Work is counted, not timed (timings are the benchmark's, `npm run bench`): every pattern V8 runs goes through
  // RegExp.prototype.exec (`test`, `match`, `replace` and `matchAll` call it), so a wrapper sees each run,
  // the text it may read and how far it read. Three counts make the whole linear:
  // - twice the input, at most twice the runs and twice the characters read (no pass over the rest of
  //   the text for each line);
  // - a pattern with an unbounded repetition (`*`, `+`, `{2,}`), whose backtracking can grow with its
  //   input, is given no longer input when the message grows (a line is tried only below a bound); the
  //   others cost at most a constant for each character they read;
  // - no pattern repeats a group holding an unbounded repetition (`(a+)+`) or alternatives (`(a|ab)*`):
  //   the shapes whose backtracking explodes however short the line.
  const HOSTILE: readonly (readonly [string, (size: number) => string])[] = [
    ['one long line of attribution words', (n) => 'On 1 wrote schrieb a écrit '.repeat(n / 25)],
    ['many short attribution-like lines', (n) => 'On 1 Nov, A <a@b.c\n'.repeat(n / 20)],
    ['a long run of spaces before a verb', (n) => `On 1${' '.repeat(n)}wrote x`],
    ['quote markers', (n) => '> \n'.repeat(n / 3)],
    ['header labels', (n) => 'From: a\nSent: 1\n'.repeat(n / 16)],
    ['sign-offs and names', (n) => 'Thanks,\nAlice\n\n'.repeat(n / 15)],
    ['dashes and commas', (n) => '-A,\n'.repeat(n / 4)],
    ['date labels and dated lines', (n) => 'Gesendet: 1\nMessage du 1/1/11 1:11\n'.repeat(n / 34)],
    ['a link left open on a long quoted line', (n) => `> ${'http://'.repeat(n / 7)} x(\n_x)\n> end`],
    [
      'digits before a glued verb',
      (n) => '1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 님이 작성\n'.repeat(n / 64),
    ],
  ];
  const SIZE = 50_000;

  interface Work {
    runs: number;
    /** Characters read: from where a run starts to the end of its match, or of its input. */
    read: number;
    /** Each pattern (by source) and the longest input it was given. */
    longest: Map<string, number>;
  }

  function workOf(text: string): Work {
    const work: Work = { runs: 0, read: 0, longest: new Map() };
    const exec = RegExp.prototype.exec;
    RegExp.prototype.exec = function (this: RegExp, input: string) {
      const start = this.global || this.sticky ? this.lastIndex : 0;
      const m = exec.call(this, input);
      work.runs++;
      work.read += (m ? m.index + m[0].length : input.length) - start;
      work.longest.set(this.source, Math.max(work.longest.get(this.source) ?? 0, input.length - start));
      return m;
    };
    try {
      splitMessageText(text);
    } finally {
      RegExp.prototype.exec = exec;
    }
    return work;
  }

  /** The unbounded repetitions of a pattern, and whether a repeated group holds one or holds alternatives. */
  function repetitionsOf(source: string): { unbounded: number; catastrophic: boolean } {
    let unbounded = 0;
    let catastrophic = false;
    const groups: { unboundedBefore: number; alternatives: boolean }[] = [];
    for (let i = 0; i < source.length; i++) {
      const c = source[i];
      if (c === '\\') {
        // `\p{L}`, `\u{1F600}`: the braces are no repetition.
        if (/[pPux]/.test(source[i + 1] ?? '') && source[i + 2] === '{') i = source.indexOf('}', i);
        else i++;
      } else if (c === '[') {
        for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      } else if (c === '(') {
        groups.push({ unboundedBefore: unbounded, alternatives: false });
      } else if (c === '|') {
        const group = groups.at(-1);
        if (group) group.alternatives = true;
      } else if (c === ')') {
        const group = groups.pop();
        // `?` takes a group at most once: no repetition.
        const repeat = /^(?:[*+]|\{\d+(?:,\d*)?\})/.exec(source.slice(i + 1))?.[0];
        if (group && repeat && unbounded > group.unboundedBefore) catastrophic = true;
        if (group && repeat && /^(?:[*+]|\{\d+,\})/.test(repeat) && group.alternatives) catastrophic = true;
      } else if (c === '*' || c === '+' || (c === '{' && /^\{\d+,\}/.test(source.slice(i)))) {
        unbounded++;
      }
    }
    return { unbounded, catastrophic };
  }

  it('repetitionsOf tells the shapes apart', () => {
    expect(repetitionsOf('^(?:a|b){0,3}x{2,5}\\p{L}[+*]$')).toEqual({ unbounded: 0, catastrophic: false });
    expect(repetitionsOf('^\\s*x-{2,}(?:y\\s*)?')).toEqual({ unbounded: 3, catastrophic: false });
    expect(repetitionsOf('(a+)+$')).toEqual({ unbounded: 2, catastrophic: true });
    expect(repetitionsOf('(?:\\s*\\w){0,3}:')).toEqual({ unbounded: 1, catastrophic: true });
    expect(repetitionsOf('(?:a|ab)*c')).toEqual({ unbounded: 1, catastrophic: true });
  });

  // Patterns compile on first use (GatedPattern builds its RE2 twin with patterns of its own): once
  // before counting, so that only the work on the text is counted.
  beforeAll(() => {
    for (const [, hostile] of HOSTILE) splitMessageText(hostile(1_000));
  });

  it.each(HOSTILE)('%s: twice the input, at most twice the work', (_label, hostile) => {
    const once = workOf(hostile(SIZE));
    const twice = workOf(hostile(2 * SIZE));
    // 2.1: a repeated unit need not divide the size. A pass over the rest of the text for each line reads 4 times as much.
    expect(twice.runs).toBeLessThanOrEqual(2.1 * once.runs);
    expect(twice.read).toBeLessThanOrEqual(2.1 * once.read);
  });

  it.each(HOSTILE)('%s: a pattern that repeats without bound reads no more when the input grows', (_label, hostile) => {
    const once = workOf(hostile(SIZE)).longest;
    const growing = [...workOf(hostile(2 * SIZE)).longest]
      .filter(([source, length]) => repetitionsOf(source).unbounded > 0 && length > (once.get(source) ?? 0))
      .map(([source, length]) => `${source.slice(0, 80)}: ${once.get(source) ?? 0} → ${length} characters`);
    expect(growing).toEqual([]);
  });

  it('no pattern has a shape that backtracks catastrophically', () => {
    const sources = new Set(HOSTILE.flatMap(([, hostile]) => [...workOf(hostile(SIZE / 10)).longest.keys()]));
    expect(sources.size).toBeGreaterThan(20);
    expect([...sources].filter((source) => repetitionsOf(source).catastrophic)).toEqual([]);
  });
});

describe('splitMessageText: reply shapes of languages without a full lexicon (lexicon/reply-shapes.ts)', () => {
  it.each([
    ['cs Thunderbird', 'Dne 20. 11. 2023 v 16:45 Podpora Knihy Online napsal(a):'],
    ['uk Gmail', 'пн, 27 лист. 2023 р. о 16:40 Техностор <support@tekhnostore.example> пише:'],
    ['pl Apple', 'Wiadomość napisana przez Modny Świat <bok@modnyswiat.example> w dniu 14.11.2023, o godz. 09:12:'],
    ['ko Apple', '2023. 11. 14. 오전 9:12, 가젯몰 <cs@gadget-mall.example> 작성:'],
    ['ro Gmail', 'În mar., 14 nov. 2023 la 09:12, Magazin <info@magazin.example> a scris:'],
    ['el Gmail', 'Στις Τρί 14 Νοε 2023 στις 9:12 π.μ., ο χρήστης Κατάστημα <info@shop.example> έγραψε:'],
    ['sv Apple', '14 nov. 2023 kl. 17:05 skrev Nordic Shoes Support <support@nordicshoes.example>:'],
    ['nb Outlook', 'På tirsdag 14. november 2023 kl. 09:12 skrev Kari Nordmann <kari@example.no>:'],
    ['tr Gmail', 'Ayşe Yılmaz <ayse@example.com.tr>, 14 Kas 2023 Sal, 09:12 tarihinde şunu yazdı:'],
    ['hu Gmail', 'Kovács Anna <anna@example.hu> ezt írta (időpont: 2023. nov. 14., K, 9:12):'],
    ['ko Gmail', '2023년 11월 27일 (월) 오후 2:10, 가젯몰 고객센터 <cs@gadget-mall.example>님이 작성:'],
    ['zh Gmail, full-width colon', '王伟 <wang.wei@example.cn> 于2023年11月27日周一 16:02写道：'],
    ['zh Apple', '2023年11月27日 16:02，数码商城客服 <kefu@shuma-mall.example> 写道：'],
    ['ja Apple', '2023/11/22 15:30、家電ショップ サポート <support@kaden-shop.example>のメール:'],
  ])('attribution: %s', (_label, attribution) => {
    const split = splitMessageText(`Thanks, noted.\n\n${attribution}\n> Where is my parcel?`);
    expect(split.newText).toBe('Thanks, noted.');
    expect(split.quoted).toBe(`${attribution}\n> Where is my parcel?`);
  });

  it.each([
    [
      'sv',
      'Från: Kundservice <ks@example.se>\nSkickat: den 13 november 2023 16:40\nTill: erik@example.se\nÄmne: Retur',
    ],
    ['da', 'Fra: Kundeservice <ks@example.dk>\nSendt: 13. november 2023 16:40\nTil: mette@example.dk\nEmne: Retur'],
    [
      'fi',
      'Lähettäjä: Asiakaspalvelu <ap@example.fi>\nLähetetty: maanantai 13. marraskuuta 2023 16.40\nAihe: Palautus',
    ],
    ['cs', 'Od: Reklamace <reklamace@example.cz>\nOdesláno: pondělí 13. listopadu 2023 16:40\nKomu: jan@example.cz'],
    ['ru', 'От: Технопарк <returns@example.ru>\nОтправлено: 22 ноября 2023 г. 17:05\nКому: d.petrov@example.ru'],
    ['uk', 'Від: Техностор <support@example.ua>\nНадіслано: 27 листопада 2023 р. 16:40\nТема: Повернення'],
    ['ja', '差出人: 返品窓口 <henpin@example.jp>\n送信日時: 2023年11月24日 17:40\n件名: 返金手続き'],
    ['zh, full-width colons', '发件人：数码商城客服 <kefu@example.cn>\n发送时间：2023年11月27日 16:02\n主题：退款申请'],
    ['ko', '보낸 사람: 고객센터 <cs@example.kr>\n보낸 날짜: 2023년 11월 27일 월요일 오후 2:10\n제목: 환불'],
    ['el', 'Από: Κατάστημα <info@shop.example>\nΣτάλθηκε: Τρίτη, 14 Νοεμβρίου 2023 09:12\nΘέμα: Επιστροφή'],
    ['ro', 'De la: Magazin <info@shop.example>\nTrimis: marți, 14 noiembrie 2023 09:12\nSubiect: Retur'],
    ['he', 'מאת: חנות <info@shop.example>\nנשלח: יום שלישי 14 נובמבר 2023 09:12\nנושא: החזר'],
    ['ar', 'من: متجر <info@shop.example>\nتاريخ الإرسال: الثلاثاء، 14 نوفمبر 2023 09:12\nالموضوع: استرداد'],
    ['id', 'Dari: Toko <info@shop.example>\nDikirim: Selasa, 14 November 2023 09.12\nSubjek: Pengembalian'],
    ['vi', 'Từ: Cửa hàng <info@shop.example>\nĐã gửi: Thứ Ba, 14 tháng 11, 2023 09:12\nChủ đề: Hoàn tiền'],
    ['cs Seznam separator', '---------- Původní e-mail ----------\nOd: Reklamace <reklamace@example.cz>'],
    ['zh QQ separator', '------------------ 原始邮件 ------------------\n发件人: "售后"<shouhou@example.cn>;'],
    ['ru separator', '-----Исходное сообщение-----\nОт: Технопарк'],
    ['sv Samsung separator', '-------- Originalmeddelande --------\nFrån: Kundservice <ks@example.se>'],
    ['da Samsung separator', '-------- Oprindelig besked --------\nFra: Kundeservice <ks@example.dk>'],
    [
      'de GMX, date first',
      'Gesendet: Mittwoch, 29. November 2023 um 14:12 Uhr\nVon: "Möbelwelt" <service@example.de>\nAn: klaus@example.de',
    ],
    [
      'fr Orange, dated line first',
      'Message du 29/11/23 14:20\nDe : "Moda Paris" <client@example.fr>\nA : monique@example.fr',
    ],
  ])('header block (%s): the rest is history', (_label, block) => {
    const split = splitMessageText(`Your parcel has been located.\n\n${block}\n\nWhere is my parcel?`);
    expect(split.newText).toBe('Your parcel has been located.');
    expect(split.quoted).toBe(`${block}\n\nWhere is my parcel?`);
  });

  it.each([
    [
      'a date label without a From line under it',
      'Gesendet: gestern per DHL, Sendungsnummer 00340434.\nDie Erstattung fehlt noch.',
    ],
    ['a dated line without a header block under it', 'Message du 29/11/23 14:20\nDie Erstattung fehlt noch.'],
    ['a Danish sentence opening with Den', 'Den 10. november sendte jeg pakken retur.\nRefusionen mangler.'],
    ['a Korean line ending in 작성 without an address', '11월 25일 반품 신청서 작성:\n사진 3장 첨부했습니다.'],
    ['a Japanese line ending in のメール without an address', '先日11月25日のメール:\n荷物が届いていません。'],
  ])('stays new text: %s', (_label, text) => {
    expect(splitMessageText(text).newText).toBe(text);
  });

  it.each([
    ['Med vänliga hälsningar', 'Erik Lindqvist'],
    ['Med venlig hilsen', 'Mette Sørensen'],
    ['Mvh', 'Ola'],
    ['Ystävällisin terveisin', 'Mikko Virtanen'],
    ['S pozdravem', 'Jan Novák'],
    ['С уважением,', 'Ирина'],
    ['よろしくお願いいたします。', '田中 花子'],
    ['此致', '王伟'],
    ['감사합니다.', '김민수 드림'],
  ])('sign-off %j', (signOff, name) => {
    expect(splitMessageText(`The parcel went out today.\n\n${signOff}\n${name}`)).toMatchObject({
      newText: 'The parcel went out today.',
      signature: `${signOff}\n${name}`,
    });
  });

  it.each([
    'Skickat från min iPhone',
    'Sendt fra min iPhone',
    'Sendt fra Outlook for Android',
    'Lähetetty iPhonesta',
    'Odesláno z iPhonu',
    'Отправлено из мобильной Почты Mail.ru',
    'iPhoneから送信',
    '发自我的iPhone',
    'iPhone에서 보냄',
  ])('a mail app signature: %j', (line) => {
    expect(splitMessageText(`The parcel went out today.\n\n${line}`)).toMatchObject({
      newText: 'The parcel went out today.',
      signature: line,
    });
  });

  it.each([
    ['Japanese', '佐藤'],
    ['Chinese', '王伟'],
    ['Korean', '김민수'],
  ])('a %s name above a phone signature is the writer signing', (_label, name) => {
    expect(splitMessageText(`退款已收到。\n\n${name}\n\n发自我的iPhone`)).toMatchObject({
      newText: '退款已收到。',
      signature: `${name}\n\n发自我的iPhone`,
    });
  });
});

describe('splitMessageText: a legal disclaimer under the new text is signature', () => {
  it.each([
    'CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee.',
    'This email and any files transmitted with it are confidential and intended solely for the named recipient.',
    'If you have received this email in error, please notify the sender and delete it.',
    'Disclaimer: the views expressed are those of the author.',
    'Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat sind, löschen Sie sie.',
    'Ce message et toutes les pièces jointes sont confidentiels et établis à l’intention exclusive de ses destinataires.',
    'AVISO DE CONFIDENCIALIDAD: este mensaje es confidencial.',
    'Questo messaggio e gli allegati sono riservati.',
    'Please consider the environment before printing this email.',
    'Bitte denken Sie an die Umwelt, bevor Sie diese E-Mail ausdrucken.',
  ])('%j', (disclaimer) => {
    expect(splitMessageText(`Your refund of £84.20 was issued today.\n\n${disclaimer}`)).toMatchObject({
      newText: 'Your refund of £84.20 was issued today.',
      signature: disclaimer,
    });
  });

  it.each([
    'Confidentiality matters to us, so we sent the label to your account email.',
    'Disclaimers on the box say nothing about returns.',
  ])('a sentence that merely starts with the word stays: %j', (line) => {
    const text = `Your refund was issued today.\n\n${line}`;
    expect(splitMessageText(text).newText).toBe(text);
  });
});

describe('splitMessageText: a closing block whose head names a person and a role', () => {
  it.each([
    ['a bar', 'Kevin | Customer Care\nShoply Inc. · 500 Market St · San Francisco, CA 94105'],
    ['a dash', 'Jo Tan – Returns Team\nreturns@shoply.example'],
  ])('%s between name and role', (_label, block) => {
    expect(splitMessageText(`Your replacement shipped today.\n\n${block}`)).toMatchObject({
      newText: 'Your replacement shipped today.',
      signature: block,
    });
  });

  it('a last paragraph with a bar that is no name stays content', () => {
    const text = 'Your refund was issued.\n\nRefund of $20 | issued today\nCheck your card statement.';
    expect(splitMessageText(text).newText).toBe(text);
  });
});

describe('splitMessageText: a reply and the attribution under it on one line', () => {
  it.each([
    ['en', 'Yes, please refund it.', 'On Tue, Nov 14, 2023 at 9:12 AM Shoply <help@shoply.example> wrote:'],
    ['de', 'Bitte erstatten Sie den Betrag!', 'Am 14.11.2023 um 09:12 schrieb Shoply <help@shoply.example>:'],
    ['fr', 'Merci de rembourser ?', 'Le mar. 14 nov. 2023 à 09:12, Shoply <help@shoply.example> a écrit :'],
  ])('%s: the reply stays new text', (_label, reply, attribution) => {
    const split = splitMessageText(`${reply} ${attribution}\n> Refund or replacement?`);
    expect(split.newText).toBe(reply);
    expect(split.quoted).toBe(`${attribution}\n> Refund or replacement?`);
  });

  it.each([
    'I called you. On Monday the parcel came back to the depot, see below:',
    'Refund please. On the label it says:',
  ])('a line with an opener but no attribution stays whole: %j', (line) => {
    expect(splitMessageText(`${line}\nParcel 00340434.`).newText).toBe(`${line}\nParcel 00340434.`);
  });
});

describe('splitMessageText: the writer quoting themselves in prose is no attribution', () => {
  it.each([
    ['en', 'As I wrote on 14 November:', 'the parcel never arrived and I want a refund.'],
    ['en, an opener', 'On 14 November I wrote to you:', 'the parcel never arrived. Please refund $20.'],
    ['en, support', 'We wrote:', 'your refund of $20 was issued on 14 Nov.'],
    ['en, a possessive', 'My husband Tom wrote to you on 14 Nov:', 'the parcel never arrived, please refund.'],
    ['de', 'wie ich am 14.11. schrieb:', 'das Paket kam nie an. Bitte erstatten Sie 49,90 EUR.'],
    ['es', 'Como ya le escribió mi marido el 14/11:', 'el paquete nunca llegó.'],
    ['nl', 'Zoals ik op 14-11 schreef:', 'het pakket is nooit aangekomen.'],
    ['zh', '我在2023年11月25日写道：', '包裹一直没有到。'],
    ['ja', '私が11月25日に書きました:', '荷物が届いていません。'],
  ])('%s', (_label, line, rest) => {
    const text = `Hello,\n\n${line}\n${rest}`;
    expect(splitMessageText(text)).toMatchObject({ newText: text, quoted: '' });
  });

  it.each([
    'On Mon, Nov 13, 2023 at 9:12 AM Alice Martin wrote:',
    'Op ma 13-11-2023 09:12 schreef Sanne de Vries:',
    'Il giorno lun 13 nov 2023 alle ore 09:12 Giulia Rossi ha scritto:',
    'On Tue, Nov 14, 2023 at 9:12 AM My Shop <help@myshop.example> wrote:',
    'On 14/11/2023 09:12, Mia Rossi wrote:',
    'Mio Tanaka wrote:',
    '在 2023/11/14 9:12, 数码商城 写道:',
  ])('a client attribution with a weekday, an Italian `i` or an address still counts: %j', (attribution) => {
    expect(splitMessageText(`Thanks, noted.\n\n${attribution}\n> Where is my parcel?`).newText).toBe('Thanks, noted.');
  });
});

describe('splitMessageText: an external-sender banner at the top is chrome', () => {
  it.each([
    'CAUTION: This email originated from outside of the organization. Do not click links or open attachments\nunless you recognize the sender and know the content is safe.',
    '[EXTERNAL]',
    "You don't often get email from help@shoply.example. Learn why this is important",
    'ACHTUNG: Diese E-Mail stammt von einem externen Absender. Bitte prüfen Sie Links sorgfältig.',
    'Vous ne recevez pas souvent de courriers de help@shoply.example. Découvrez pourquoi ceci est important',
  ])('%j', (banner) => {
    expect(splitMessageText(`${banner}\n\nHi Alice,\n\nYour refund of $40 has been issued.`).newText).toBe(
      'Hi Alice,\n\nYour refund of $40 has been issued.',
    );
  });

  it.each([
    ['a sentence that starts with Caution', 'Caution: the replacement kettle is heavy.\nIt ships today.'],
    ['a banner below the first paragraph', 'Hi Alice,\n\n[EXTERNAL]\nYour refund was issued.'],
  ])('stays: %s', (_label, text) => {
    expect(splitMessageText(text).newText).toBe(text);
  });
});

describe('splitMessageText: direction marks', () => {
  it('a right-to-left mark before the colon (Hebrew Gmail) does not hide the attribution', () => {
    const text = 'תודה.\n\nבתאריך יום ג׳, 14 בנוב׳ 2023 ב-9:12 מאת חנות <info@shop.example>\u200f:\n> החזר';
    expect(splitMessageText(text).newText).toBe('תודה.');
  });
});

describe('splitMessageText: closings above a first name that ends the message', () => {
  it.each([
    ['a closing with a comma', 'Have a great day,\nLisa'],
    ['another', 'Talk soon,\nLisa'],
    ['a thanks line', 'Thanks again for your patience!\nLisa'],
    ['a German thanks line', 'Vielen Dank für Ihre Geduld!\nJonas'],
    ['a sign-off with a place', 'Mit freundlichen Grüßen aus Berlin\nIhr Shoply-Team'],
    ['Polish', 'Łączę pozdrowienia\nAnna'],
  ])('%s', (_label, closing) => {
    expect(splitMessageText(`We refunded $20.\n\n${closing}`)).toMatchObject({
      newText: 'We refunded $20.',
      signature: closing,
    });
  });

  it.each([
    ['a comma line above a name that is not the end', 'Refund please,\nTom\nand the lid is cracked too.'],
    ['a thanks line above more text', 'Thanks for the label!\nIt is on its way.'],
    ['a list item above a capitalised word', 'Missing: the lid,\nBasket'],
  ])('stays: %s', (_label, text) => {
    expect(splitMessageText(`Hi,\n\n${text}`).newText).toBe(`Hi,\n\n${text}`);
  });
});

describe('splitMessageText: a header block flattened onto one line', () => {
  it.each([
    'From: Shoply <help@shoply.example> Sent: Tuesday, November 14, 2023 9:12 AM To: Alice Subject: Refund',
    'Von: Shoply <help@shoply.example> Gesendet: Dienstag, 14. November 2023 09:12 An: Alice Betreff: Erstattung',
  ])('%j', (block) => {
    const split = splitMessageText(`Your parcel has been located.\n\n${block}\nWhere is my parcel?`);
    expect(split.newText).toBe('Your parcel has been located.');
  });

  it('a From: sentence with one label-like word stays', () => {
    const text = 'From: the warehouse, Subject: your parcel, all fine.\nThe refund follows.';
    expect(splitMessageText(text).newText).toBe(text);
  });
});

describe('splitMessageText: reply headers that name no writer, and webmail quote headers', () => {
  const reply = 'Yes, please refund it to my card.';
  const unmarked = '\n\nDear customer, we can offer a refund or a voucher.\n\nKind regards,\nShop';
  it.each([
    ['en', 'In reply to your message of 12 November 2023:'],
    ['en, a date and time', 'In reply to your message dated 12/11/2023 10:14:'],
    ['fr', 'En réponse à votre message du 12/11/2023 à 10:14 :'],
    ['de', 'Als Antwort auf Ihre Nachricht vom 12.11.2023:'],
    ['de, In Antwort auf', 'In Antwort auf Ihre E-Mail vom 12.11.2023:'],
    ['es', 'En respuesta a su mensaje del 12 de noviembre de 2023:'],
    ['it', 'In risposta al tuo messaggio del 12 novembre 2023:'],
    ['nl', 'In antwoord op uw bericht van 12 november 2023:'],
    ['pt', 'Em resposta à sua mensagem de 12 de novembro de 2023:'],
    ['pl', 'W odpowiedzi na wiadomość z dnia 12.11.2023:'],
    ['en wrapped', 'In reply to your message of\n12 November 2023:'],
    ['en Horde', 'Quoting Shop Support <support@shop.example>:'],
    ['de Horde', 'Zitat von Shop Support <support@shop.example>:'],
    ['es Horde', 'Citando a Shop Support <support@shop.example>:'],
  ])('%s: %j starts the history', (_label, header) => {
    expect(splitMessageText(`${reply}\n\n${header}${unmarked}`).newText).toBe(reply);
  });

  it.each([
    'In reply to your message of 12 November: yes, please refund it.',
    'In reply to your message of 12 November, I sent the parcel back on 14 November:\n\n- tracking 1Z999',
    'Quoting the carrier: the parcel was delivered on 14 November.',
    'In reply to your message: the parcel is back with you.',
  ])('prose stays new text: %j', (text) => {
    expect(splitMessageText(text).newText).toBe(text);
  });
});

describe('splitMessageText: a lead-in no pattern knows, right above `>` lines', () => {
  const reply = 'Please send the return label again.';
  it.each([
    ['an unknown verb and an address', 'On 3-Nov-2023, at 6:54 PM, Maria Lopez <maria@shop.example> sent:'],
    ['a date and an address, no colon', '2023/11/7 Nathan Ivanova <support@shop.example>'],
    ['a name, an address and a time', 'Trailhead Outfitters <help@trailhead.example> on 2 Jan 2024, 09:15:'],
    ['Android dashes', '---- Maria Lopez wrote ----'],
  ])('%s goes with the quote', (_label, lead) => {
    const split = splitMessageText(`${reply}\n\n${lead}\n\n> Dear customer,\n> the label is attached.`);
    expect(split.newText).toBe(reply);
    expect(split.quoted.startsWith(lead)).toBe(true);
  });

  it.each([
    'I wrote to you on 14 November at 10:14:',
    'Here is what the courier said:',
    'My order 4471 from 12.11.2023:',
  ])('the writer’s own lead-in stays: %j', (lead) => {
    const split = splitMessageText(`${lead}\n\n> The parcel was delivered.\n\nIt was not.`);
    expect(split.newText).toBe(`${lead}\n\nIt was not.`);
  });

  it('a header block that opens with its date and names no sender', () => {
    const text = `${reply}\n\nDate: Wed, 8 Nov 2023 00:15:02 -0600\nTo: alice@example.net\n\nThe label is attached.`;
    expect(splitMessageText(text).newText).toBe(reply);
  });

  it('a Date: line of the writer’s own stays', () => {
    const text = 'Date: 12 November\nTo whom it may concern, the parcel never arrived.';
    expect(splitMessageText(text).newText).toBe(text);
  });
});

describe('splitMessageText: header blocks and separators of more languages (lexicon/reply-shapes.ts)', () => {
  const reply = 'Please refund the order.';
  it.each([
    ['sl', 'Od: Shop <s@shop.example>\nPoslano: 8. november 2023 10:14\nZa: alice@example.net\nZadeva: Naročilo'],
    [
      'hr',
      'Šalje: Shop <s@shop.example>\nPoslano: 8. studenoga 2023. 10:14\nPrima: alice@example.net\nPredmet: Narudžba',
    ],
    [
      'lt',
      'Nuo: Shop <s@shop.example>\nIšsiųsta: 2023 m. lapkričio 8 d. 10:14\nKam: alice@example.net\nTema: Užsakymas',
    ],
    [
      'et',
      'Saatja: Shop <s@shop.example>\nSaadetud: 8. november 2023 10:14\nAdressaat: alice@example.net\nTeema: Tellimus',
    ],
    ['is', 'Frá: Shop <s@shop.example>\nSent: 8. nóvember 2023 10:14\nTil: alice@example.net\nEfni: Pöntun'],
    [
      'ca',
      'De: Shop <s@shop.example>\nEnviat el: 8 de novembre de 2023 10:14\nPer a: alice@example.net\nAssumpte: Comanda',
    ],
    ['th', 'จาก: Shop <s@shop.example>\nส่ง: 8 พฤศจิกายน 2566 10:14\nถึง: alice@example.net\nเรื่อง: คำสั่งซื้อ'],
    ['sk', '-----Pôvodná správa-----'],
    ['sl', '-----Izvirno sporočilo-----'],
    ['hr', '-----Izvorna poruka-----'],
    ['bg', '-------- Оригинално съобщение --------'],
    ['lt', '-----Originali žinutė-----'],
    ['de', '----- Antwort Nachricht -----'],
  ])('%s: %j', (_language, block) => {
    expect(splitMessageText(`${reply}\n\n${block}\n\nDear customer, we can refund.`).newText).toBe(reply);
  });

  it('a receipt’s `No:` line over a date is no Latvian header block', () => {
    const text = 'Receipt\nNo: 4471\nDate: 08.11.2023 10:14\nTotal: 39.90 EUR';
    expect(splitMessageText(text).newText).toBe(text);
  });
});

describe('splitMessageText: a team’s closing line is signature', () => {
  it.each([
    ['es', 'El equipo de Atención al Cliente de Hogarnova'],
    ['es, no article', 'Equipo de Atención al Cliente'],
    ['it', 'Il team Assistenza Clienti'],
    ['it, a service', 'Il Servizio Clienti di ModaRoma'],
    ['pt', 'A equipa de Apoio'],
    ['pt-BR', 'Equipe de Atendimento Loja Bela'],
    ['fr', "L'équipe du Service client"],
    ['fr, a service', 'Le Service Client Maison Azur'],
    ['en', 'The Shoply Support Team'],
    ['de', 'Ihr Team von Haushaltswaren Sommer'],
    ['nl', 'Het team van Winkelplein'],
    ['pl', 'Zespół Obsługi Klienta Domowy Zakątek'],
  ])('%s: %j', (_language, team) => {
    const body = 'The refund was issued today.';
    expect(splitMessageText(`${body}\n\n${team}`)).toMatchObject({ newText: body, signature: team });
    // Right under the last sentence, without a blank line, too.
    expect(splitMessageText(`${body}\n${team}`).newText).toBe(body);
  });

  it('the block of a team line and the shop under it', () => {
    const split = splitMessageText('O reembolso foi emitido hoje.\n\nA equipa de Apoio\nLoja Atlântico');
    expect(split.newText).toBe('O reembolso foi emitido hoje.');
  });

  it.each([
    'The team will check the parcel tomorrow',
    'El equipo revisará el paquete mañana',
    'Il team ha verificato il reso',
  ])('a sentence about the team stays: %j', (line) => {
    const text = `The refund was issued.\n\n${line}`;
    expect(splitMessageText(text).newText).toBe(text);
  });
});

describe('splitMessageText: more mail apps’ signature lines', () => {
  const reply = 'Please refund the order.';
  it.each([
    'Sent with Spark',
    'Sent using Zoho Mail',
    'Sent from Fastmail',
    'Sent with Proton Mail secure email.',
    'Sent from the all new AOL app for iOS',
    'Von meinem Samsung Galaxy Smartphone gesendet.',
    'Diese Nachricht wurde von meinem Android-Mobiltelefon mit GMX Mail gesendet.',
    'Gesendet mit der WEB.DE Mail App',
    'Envoyé avec Spark',
    'Enviado con Spark',
    '__\nAlice Martin | +44 20 7946 0958',
    '___\nAlice',
  ])('%j', (signature) => {
    expect(splitMessageText(`${reply}\n\n${signature}`).newText).toBe(reply);
  });

  it('a German sentence ending in gesendet stays', () => {
    const text = 'Hallo,\n\nich habe Ihnen gestern die Fotos von der beschädigten Verpackung per Post gesendet.';
    expect(splitMessageText(text).newText).toBe(text);
  });
});

describe('splitMessageText: webmail rules and separators, a closing block above a disclaimer', () => {
  const reply = 'Please refund the order.';
  it.each([
    [
      'QQ Mail, English',
      '------------------ Original ------------------\nFrom: "Shop"<shop@shop.example>;\nDate: Mon, Nov 20, 2023 10:14 AM\nTo: "Alice"<alice@example.net>;\nSubject: Refund',
    ],
    [
      'a rule of dashes over a header block',
      `${'-'.repeat(40)}\nDe: "Shop" <shop@shop.example>\nPara: "Alice" <alice@example.net>\nEnviados: Lunes, 20 de Noviembre 2023 10:14:33\nAsunto: Reembolso`,
    ],
  ])('%s', (_label, block) => {
    expect(splitMessageText(`${reply}\n\n${block}\n\nDear customer, we can refund.`).newText).toBe(reply);
  });

  it('a rule of dashes over prose stays', () => {
    const text = `${reply}\n\n${'-'.repeat(40)}\nOrder 4471: two mugs, one broken.`;
    expect(splitMessageText(text).newText).toBe(text);
  });

  it('the closing block right above a disclaimer is signature too', () => {
    const split = splitMessageText(
      `${reply}\n\nAlice Martin\nSenior Buyer | Acme Ltd\nT +44 20 7946 0000\n\nDISCLAIMER: This message is confidential.`,
    );
    expect(split.newText).toBe(reply);
    expect(split.signature.startsWith('Alice Martin')).toBe(true);
  });

  it('a paragraph of sentences above a disclaimer stays new text', () => {
    const text = `${reply}\n\nThe parcel went back on Monday.\nTracking: 1Z999AA10123456784.`;
    const split = splitMessageText(`${text}\n\nDISCLAIMER: This message is confidential.`);
    expect(split.newText).toBe(text);
  });
});

describe('splitMessageText: Gmail attributions of more languages, over unmarked history', () => {
  it.each([
    ['sk', 'po 20. 11. 2023 o 10:14 Shop <shop@shop.example> napísal(a):'],
    ['sl', 'V pon., 20. nov. 2023 ob 10:14 je Shop <shop@shop.example> napisal(a):'],
    ['hr', 'pon, 20. stu 2023. u 10:14 Shop <shop@shop.example> napisao je:'],
    ['bg', 'пн, 20.11.2023 г. в 10:14 ч. Shop <shop@shop.example> написа:'],
    ['lt', '2023-11-20, pr, 10:14 Shop <shop@shop.example> rašė:'],
    ['lv', 'pirmd., 2023. g. 20. nov., plkst. 10:14 — lietotājs Shop (<shop@shop.example>) rakstīja:'],
    ['et', 'E, 20. nov 2023 kell 10:14 Shop <shop@shop.example> kirjutas:'],
    ['is', 'mán., 20. nóv. 2023 kl. 10:14 skrifaði Shop <shop@shop.example>:'],
    ['ca', 'El dl., 20 de nov. 2023 a les 10:14, Shop (<shop@shop.example>) va escriure:'],
    ['th', 'เมื่อ จ. 20 พ.ย. 2566 เวลา 10:14 Shop <shop@shop.example> เขียนว่า:'],
  ])('%s: %j', (_language, attribution) => {
    const reply = 'Please refund the order.';
    const text = `${reply}\n\n${attribution}\n\nDear customer,\nwe can refund.\n\nShop`;
    expect(splitMessageText(text).newText).toBe(reply);
  });
});

describe('splitMessageText: rules some people sign under', () => {
  const reply = 'Please refund the order.';
  it.each(['---\nAlice Martin', '–\nAlice', '__\nMarcus Reid | Reid Joinery Ltd | +44 20 7946 0321', '___\nAlice'])(
    '%j',
    (signature) => {
      expect(splitMessageText(`${reply}\n\n${signature}`)).toMatchObject({ newText: reply, signature });
    },
  );

  it('a rule between paragraphs of the reply stays', () => {
    const text = `${reply}\n\n---\n\nThe parcel went back on Monday, tracking 1Z999AA10123456784.`;
    expect(splitMessageText(text).newText).toBe(text);
  });
});

describe('sentencesOf: abbreviations before a number or a name', () => {
  it.each([
    [
      'Vrácení peněz k objednávce č. 481220331 bylo provedeno. Děkujeme.',
      ['Vrácení peněz k objednávce č. 481220331 bylo provedeno.', 'Děkujeme.'],
    ],
    ['Адрес: Москва, ул. Складская, 12. Спасибо.', ['Адрес: Москва, ул. Складская, 12.', 'Спасибо.']],
    ['Звоните: тел. 8 800 555-35-35. Ждём.', ['Звоните: тел. 8 800 555-35-35.', 'Ждём.']],
  ])('%j', (text, sentences) => {
    expect(sentencesOf(text)).toEqual(sentences);
  });
});
