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

describe('channel: more mail clients and languages', () => {
  it.each([
    [
      'chat lines with the company and no time',
      'Kevin (NovaTel): Hello Alice!\nAlice Martin: Hi, my refund is missing.\nKevin (NovaTel): Let me check.',
      'chat',
    ],
    ['chat lines with seconds in parentheses', '(10:42:13) Agent Kevin: Hello!\n(10:42:40) Alice: Hi.', 'chat'],
    ['German chat transcript', 'Hier ist das Chat-Protokoll Ihres Gesprächs mit uns.', 'chat'],
    ['French chat transcript', 'Voici la transcription de votre discussion avec notre équipe.', 'chat'],
    ['Spanish chat transcript', 'Adjuntamos la transcripción del chat con nuestro equipo.', 'chat'],
    ['thank you for calling', 'Thank you for calling NovaTel today. As agreed, we will send a new router.', 'phone'],
    ['German phone call', 'Vielen Dank für das Telefonat heute. Wir senden Ihnen ein Ersatzgerät.', 'phone'],
    ['French phone call', 'Suite à votre appel de ce matin, nous confirmons le remplacement.', 'phone'],
    ['Spanish phone call', 'Le enviamos el resumen de su llamada de hoy.', 'phone'],
    ['German web form', 'Ihre Anfrage über unser Webformular ist bei uns eingegangen.', 'web_form'],
    ['Spanish web form', 'Hemos recibido su consulta enviada a través del formulario de contacto.', 'web_form'],
    ['a single speaker-like line is not a chat', 'Deadline 10:00 Tomorrow: send the photos.', 'email'],
    [
      'form field lines are not chat lines',
      'Case Number: GTB-2023-5876\nOrder Number: GT20231012-88431\nIssue Type: Refund',
      'email',
    ],
    [
      'calling us is an invitation',
      'Your refund was issued. Please call us if it does not arrive: our phone call centre is open 24/7.',
      'email',
    ],
  ])('%s → %s', (_label, text, expected) => {
    expect(channelOf(text).value).toBe(expected);
  });
});

describe('channel: corpus phrasing', () => {
  it.each([
    ['This confirms that we received the form you submitted on heliohome.com/support.', 'web_form'],
    ['Suite à notre échange téléphonique de ce jour, voici le récapitulatif de votre demande :', 'phone'],
    ['Vielen Dank für Ihren Anruf heute.', 'phone'],
    ['Le enviamos el resumen de la llamada que mantuvo hoy con nuestro agente.', 'phone'],
  ])('%j → %s', (text, expected) => {
    expect(channelOf(text).value).toBe(expected);
  });

  it('a call summary named only in the subject', () => {
    expect(channelOf('Voici le récapitulatif.', 'Compte rendu de votre appel – dossier n° DUR-2024-6610').value).toBe(
      'phone',
    );
  });
});

describe('channel: Italian, Dutch, Polish and Portuguese (from the lexicons)', () => {
  it.each([
    ['it', 'Abbiamo ricevuto la richiesta inviata tramite il modulo di contatto del nostro sito.', 'web_form'],
    ['it', 'Di seguito la trascrizione della chat con il nostro operatore.', 'chat'],
    ['it', 'Ecco il riepilogo della telefonata di stamattina con il nostro operatore.', 'phone'],
    ['it', 'Grazie per la tua telefonata di oggi: il rimborso è stato approvato.', 'phone'],
    ['nl', 'Bedankt voor je bericht via ons contactformulier.', 'web_form'],
    ['nl', 'Hierbij het transcript van je chatgesprek met onze klantenservice.', 'chat'],
    ['nl', 'Naar aanleiding van ons telefoongesprek van vanmorgen bevestigen wij de vervanging.', 'phone'],
    ['pl', 'Dziękujemy za wiadomość wysłaną przez formularz kontaktowy.', 'web_form'],
    ['pl', 'Poniżej przesyłamy zapis rozmowy na czacie z naszym konsultantem.', 'chat'],
    ['pl', 'Zgodnie z naszą rozmową telefoniczną wysyłamy nowy produkt.', 'phone'],
    ['pt', 'Recebemos a sua mensagem enviada pelo formulário de contato.', 'web_form'],
    ['pt', 'Segue a transcrição do chat com a nossa equipe.', 'chat'],
    ['pt', 'Conforme a nossa ligação de hoje, o reembolso foi aprovado.', 'phone'],
    // An invitation to use a channel records no contact through it.
    ['it', 'Il rimborso è stato emesso. Per altre domande contattaci tramite il modulo di contatto.', 'email'],
    ['nl', 'De terugbetaling is verwerkt. Heb je vragen, gebruik dan ons contactformulier.', 'email'],
    ['pl', 'Zwrot został zlecony. W razie pytań skorzystaj z formularza kontaktowego.', 'email'],
    ['pt', 'O reembolso foi processado. Se precisar, entre em contato pelo chat ao vivo.', 'email'],
  ])('%s: %j → %s', (_language, text, expected) => {
    expect(channelOf(text).value).toBe(expected);
  });

  it.each([
    ['it', '[10:42] Operatore Marco: Buongiorno, come posso aiutarti?\n[10:43] Alice: Il rimborso non è arrivato.'],
    ['nl', '10:42 Medewerker Sanne: Goedemorgen!\n10:43 Alice: Mijn terugbetaling ontbreekt.'],
    ['pl', '(10:42:13) Konsultant Piotr: Dzień dobry!\n(10:42:40) Alice: Brakuje zwrotu.'],
    ['pt', '[10:42] Atendente Joana: Olá, em que posso ajudar?\n[10:43] Alice: O reembolso não chegou.'],
  ])('%s: chat lines with a role before the name are a transcript', (_language, text) => {
    expect(channelOf(text)).toMatchObject({ value: 'chat', rule: 'channel/chat-lines' });
  });
});

describe('channel: a form named as the way to do something later is no web-form contact', () => {
  it.each([
    ['nl', 'Je terugbetaling is goedgekeurd. Stuur ons de bon via het contactformulier.'],
    ['nl', 'Je kunt de foto’s via het contactformulier uploaden.'],
    ['nl', 'Wil je de foto’s via het contactformulier sturen?'],
    ['nl', 'Vul het retourformulier in via het contactformulier op onze site.'],
    ['de', 'Bitte senden Sie uns die Fotos über unser Kontaktformular.'],
    ['de', 'Schicken Sie uns die Fotos über unser Kontaktformular.'],
    ['en', 'Please send us the photos via our contact form.'],
    ['en', 'Send the photos via our contact form within 14 days.'],
    ['fr', 'Merci de nous envoyer les photos par le formulaire de contact.'],
    ['fr', 'Envoyez-nous les photos par le formulaire de contact.'],
    ['es', 'Envíanos las fotos a través del formulario de contacto.'],
    ['es', 'Por favor, envíe las fotos a través del formulario de contacto.'],
    ['de', 'Sende uns die Fotos über unser Kontaktformular.'],
    ['it', 'Inviaci le foto tramite il modulo di contatto.'],
    ['pt', 'Envie-nos as fotos pelo formulário de contato.'],
    ['pl', 'Prześlij nam zdjęcia przez formularz kontaktowy.'],
    ['sv', 'Skicka bilderna via vårt kontaktformulär.'],
  ])('%s: %j → email', (_language, text) => {
    expect(channelOf(text).value).toBe('email');
  });

  it.each([
    ['nl', 'Bedankt voor je bericht via ons contactformulier. We sturen je binnen 2 dagen een antwoord.'],
    ['de', 'Wir haben Ihre Anfrage über unser Kontaktformular erhalten und melden uns in Kürze.'],
    ['en', 'Thank you for your message sent via our contact form.'],
    ['fr', 'Nous avons bien reçu votre message envoyé par le formulaire de contact.'],
    ['es', 'Hemos recibido tu mensaje enviado a través del formulario de contacto.'],
    ['it', 'Abbiamo ricevuto la tua richiesta inviata tramite il modulo di contatto.'],
    ['pt', 'Recebemos a sua mensagem enviada pelo formulário de contato.'],
    ['pl', 'Dziękujemy za wiadomość wysłaną przez formularz kontaktowy.'],
    ['sv', 'Tack för ditt meddelande via vårt kontaktformulär.'],
  ])('%s: the receipt of a form message stays web_form: %j', (_language, text) => {
    expect(channelOf(text).value).toBe('web_form');
  });
});
