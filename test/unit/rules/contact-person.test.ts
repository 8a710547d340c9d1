import { describe, expect, it } from 'vitest';
import { extractContactPerson, isPersonName } from '../../../src/rules/contact-person.js';
import { context, FORWARDER, SUPPORT, zendeskNotification } from './message.js';

describe('isPersonName', () => {
  it.each([
    'Lisa Chen',
    'Camille Roux',
    'Jean-Luc Picard',
    'María José García',
    'Lucía Fernández',
    'Seán O’Brien',
    'Jürgen Weiß',
  ])('%j is a person', (name) => expect(isPersonName(name)).toBe(true));

  it.each([
    'GTBuy Customer Service',
    'GTBuy Support',
    'GTBuy Refunds',
    'NordCycle Returns',
    'Shoply Help Center',
    'Zendesk-style Help Center',
    'Billing Team',
    'Customer Care',
    'Acme GmbH',
    'GTBuy Inc.',
    'PayPal',
    'Kundenservice',
    'Service client',
    'Atención al cliente',
    'Lisa',
    '',
  ])('%j is not a person', (name) => expect(isPersonName(name)).toBe(false));
});

describe('contact person', () => {
  const support = (text: string, name = SUPPORT.name) =>
    extractContactPerson(context({ text, from: { address: SUPPORT.address, name } }), 'from_support');

  it.each([
    [
      'signature after “Best regards,”',
      'Your case is open.\n\nBest regards,\nLisa Chen\nCustomer Support Specialist',
      'Lisa Chen',
    ],
    ['signature after a blank line', 'Your case is open.\n\nKind regards,\n\nLisa Chen', 'Lisa Chen'],
    // A typed first name above the mail app's signature delimiter: the block below it names the team.
    [
      'first name above a `-- ` signature',
      "I've escalated your case to our payments team.\n\nThanks,\nLuis\n-- \nGadgetBay | Customer Happiness",
      'Luis',
    ],
    ['first name above a bare `--`', 'Your case is open.\n\nCheers,\nMaya\n--\nsupport.gadgetbay.example', 'Maya'],
    [
      'German signature',
      'Wir prüfen den Vorgang.\n\nMit freundlichen Grüßen\nJürgen Weiß\nKundenservice',
      'Jürgen Weiß',
    ],
    [
      'French signature',
      'Nous revenons vers vous.\n\nBien cordialement,\n\nCamille Roux\nService client',
      'Camille Roux',
    ],
    [
      'Spanish signature',
      'Hemos recibido el artículo.\n\nUn saludo cordial,\nLucía Fernández\nAtención al cliente',
      'Lucía Fernández',
    ],
    ['team signature, company From: nobody', 'Your case is open.\n\nKind regards,\nGTBuy Customer Service', null],
    // A lone first name under a closing, the last line: the agent signing (it was null before).
    ['first name only, under a closing', 'Your case is open.\n\nThanks,\nMark', 'Mark'],
  ])('%s → %s', (_label, text, expected) => {
    expect(support(text)?.value ?? null).toBe(expected);
  });

  it('falls back to a From display name that is a person', () => {
    expect(support('Your case is open.', 'Lisa Chen')).toMatchObject({
      value: 'Lisa Chen',
      rule: 'contact-person/from-name',
    });
  });

  it('takes no From name of a no-reply mailbox for a person', () => {
    const ctx = context({
      text: 'Your refund was processed.',
      from: { address: 'noreply@gulfhome-kw.example', name: 'Gulf Home Kuwait' },
    });
    expect(extractContactPerson(ctx, 'from_support')).toBeNull();
  });

  it('prefers the signature to the From display name', () => {
    expect(support('Your case is open.\n\nBest regards,\nLisa Chen', 'Mark Evans')?.value).toBe('Lisa Chen');
  });

  it.each(['GTBuy Customer Service', 'NordCycle Returns', 'Zendesk-style Help Center', 'PayPal'])(
    'rejects the company From name %j',
    (name) => {
      expect(support('Your case is open.', name)).toBeNull();
    },
  );

  it('for the customer’s own mail, it is the addressee when that is a person', () => {
    const ctx = context({
      text: 'Please refund me.\n\nThanks,\nAlice',
      from: { address: FORWARDER, name: 'Alice Martin' },
      to: [{ address: 'lisa.chen@gtbuy.com', name: 'Lisa Chen' }],
    });
    expect(extractContactPerson(ctx, 'from_customer')).toMatchObject({
      value: 'Lisa Chen',
      rule: 'contact-person/addressee',
    });
  });

  it('for the customer’s own mail to a team address, nobody', () => {
    const ctx = context({
      text: 'Please refund me.\n\nThank you,\nAlice Martin',
      from: { address: FORWARDER, name: 'Alice Martin' },
      to: [{ address: 'support@gtbuy.com', name: 'GTBuy Support' }],
    });
    // Not the customer's own signature either.
    expect(extractContactPerson(ctx, 'from_customer')).toBeNull();
  });
});

describe('contact person: where the agent is named', () => {
  const supportFrom = (text: string, from = SUPPORT, to = [{ address: FORWARDER, name: 'Alice Martin' }]) =>
    extractContactPerson(context({ text, from, to }), 'from_support');

  it.each([
    [
      'an Agent header line',
      'Summary of your call.\nAgent: Mark Evans\nWe agreed to wait.',
      'Mark Evans',
      'contact-person/agent-header',
    ],
    [
      'a first name in an Agent line',
      'Summary of your call.\nAgent: Kevin\nWe agreed to wait.',
      'Kevin',
      'contact-person/agent-header',
    ],
    [
      'German Bearbeiter',
      'Ihr Anliegen wird bearbeitet.\nBearbeiter: Jonas Weber',
      'Jonas Weber',
      'contact-person/agent-header',
    ],
    ['French conseillère', 'Résumé de votre appel.\nConseillère : Camille', 'Camille', 'contact-person/agent-header'],
    [
      'a Japanese 担当 line with a full-width colon',
      'ご返金が完了しました。\n担当：佐藤',
      '佐藤',
      'contact-person/agent-header',
    ],
    [
      'Spanish agente',
      'Resumen de su llamada.\nAgente: Lucía Fernández',
      'Lucía Fernández',
      'contact-person/agent-header',
    ],
    [
      'a chat line with the company',
      '[10:42] Alice Martin: My refund is missing.\n[10:43] Kevin (NovaTel): Let me check that for you.',
      'Kevin',
      'contact-person/chat',
    ],
    [
      'a chat line without time stamps',
      'Kevin (NovaTel): Hello Alice, how can I help?\nAlice: My refund is missing.',
      'Kevin',
      'contact-person/chat',
    ],
    [
      'the first speaker who is not the customer',
      '10:42 AM Alice: Where is my refund?\n10:43 AM Priya Sharma: I can see it was issued today.',
      'Priya Sharma',
      'contact-person/chat',
    ],
    [
      'a sign-off with the name on the line',
      'Your case is open.\n\nBest regards, Lisa Chen',
      'Lisa Chen',
      'contact-person/signature',
    ],
    [
      'a signature line with a title',
      'Your case is open.\n\nKind regards,\nLisa Chen | GTBuy Support',
      'Lisa Chen',
      'contact-person/signature',
    ],
    [
      'a name with a particle',
      'Your case is open.\n\nMet vriendelijke groet,\n\nKind regards,\nMark de Vries',
      'Mark de Vries',
      'contact-person/signature',
    ],
  ])('%s → %s', (_label, text, name, rule) => {
    expect(supportFrom(text)).toMatchObject({ value: name, rule });
  });

  it('a first name after the sign-off counts when the From address backs it', () => {
    const from = { address: 'mark@gtbuy.com', name: 'GTBuy Support' };
    expect(supportFrom('Your case is open.\n\nThanks,\nMark', from)?.value).toBe('Mark');
  });

  it('the Zendesk author line above the newest comment', () => {
    const text = zendeskNotification();
    const from = { address: 'support@shoply.example', name: 'Zendesk-style Help Center' };
    expect(supportFrom(text, from)).toMatchObject({ value: 'Jamie', rule: 'contact-person/help-desk-author' });
  });

  it.each([
    ['Tienda Sol', 'info@tiendasol.es'],
    ['LumaHome Outlet', 'sales@lumahome-outlet.com'],
    ['NordCycle Returns', 'returns@nordcycle.example'],
    ['Maison Lumière', 'sav@maison-lumiere.fr'],
    ['Elektro Blitz', 'service@elektro-blitz.de'],
  ])('the company From name %j (%s) is nobody', (name, address) => {
    expect(supportFrom('Your case is open.', { address, name })).toBeNull();
  });

  it.each([
    ['Mark de Vries', 'mark.devries@shop.example'],
    ['Lucía Fernández', 'soporte@tiendasol.es'],
    ['Jürgen Weiß', 'jw@elektro-blitz.de'],
  ])('the person From name %j (%s) is the contact', (name, address) => {
    expect(supportFrom('Your case is open.', { address, name })).toMatchObject({
      value: name,
      rule: 'contact-person/from-name',
    });
  });

  it('a company signature falls through to a person From name', () => {
    const from = { address: 'lisa.chen@gtbuy.com', name: 'Lisa Chen' };
    expect(supportFrom('Your case is open.\n\nKind regards,\nGTBuy Customer Service', from)?.value).toBe('Lisa Chen');
  });
});

describe('contact person: closings without a sign-off, mentions, brands', () => {
  const supportFrom = (text: string, from = SUPPORT) =>
    extractContactPerson(context({ text, from, to: [{ address: FORWARDER, name: 'Alice Martin' }] }), 'from_support');

  it.each([
    [
      'a name above the brand',
      'We hope to see you again soon.\n\nPriya S.\nShopRiver.com\nhttps://www.shopriver.com\n\nDid I solve your problem?\nYes: https://x\nNo: https://y',
      'Priya S.',
    ],
    [
      'a name above a register line',
      'Recibirá el importe en 5 a 10 días hábiles.\n\nNuria Vidal\nÓptica Mirada S.L.\nC/ Mayor 27, 28013 Madrid\nNIF B-87654321 · Inscrita en el Registro Mercantil de Madrid, Tomo 31245, Folio 112, Hoja M-562201',
      'Nuria Vidal',
    ],
    [
      'French closing',
      'Nous revenons vers vous.\n\nBelle journée,\nInès Garnier\nService Client Beauté Nature',
      'Inès Garnier',
    ],
    [
      'Spanish closing',
      'Por favor, entrega el par defectuoso.\n\nUn abrazo,\nAndrea López\nEquipo de Soporte Vuela',
      'Andrea López',
    ],
    [
      'a closing line of its own',
      'Nous avons bien reçu les livres.\n\nÀ très bientôt à la librairie,\n\nSophie Lefèvre\nLibrairie du Parc',
      'Sophie Lefèvre',
    ],
    [
      'an agent named in the text',
      'Le enviamos el resumen de la llamada que mantuvo hoy con nuestro agente Sergio Molina.',
      'Sergio Molina',
    ],
    [
      'German team signature',
      'Wir melden uns.\n\nMit freundlichen Grüßen\nIhre Kundenbetreuung\nReisewelt24 GmbH',
      null,
    ],
    [
      'German service centre',
      'Der Betrag wurde überwiesen.\n\nMit freundlichen Grüßen\nIhr Servicecenter Fahrgastrechte',
      null,
    ],
  ])('%s → %s', (_label, text, expected) => {
    expect(supportFrom(text)?.value ?? null).toBe(expected);
  });

  it.each([
    ['Servicecenter Fahrgastrechte', 'fahrgastrechte@bahnreisen-nord.de', false],
    ['Haushaltswaren Sommer', 'noreply@sommer-haushalt.de', false],
    ['Sabine Krause', 'service@spielwaren-krause.de', true],
    ['Raúl Peña', 'soporte@domoticaluz.es', true],
  ])('From name %j (%s) is a person: %s', (name, address, person) => {
    expect(supportFrom('Thanks.', { address, name })?.value ?? null).toBe(person ? name : null);
  });
});

describe('contact person: Italian, Dutch, Polish and Portuguese (from the lexicons)', () => {
  const supportFrom = (text: string, from = SUPPORT) =>
    extractContactPerson(context({ text, from, to: [{ address: FORWARDER, name: 'Alice Martin' }] }), 'from_support');

  it.each([
    ['it', 'Il rimborso è stato emesso.\n\nCordiali saluti,\nGiulia Ferrari\nAssistenza Clienti', 'Giulia Ferrari'],
    [
      'nl',
      'De terugbetaling is verwerkt.\n\nMet vriendelijke groet,\nSanne van der Berg\nKlantenservice',
      'Sanne van der Berg',
    ],
    ['pl', 'Zwrot został zlecony.\n\nPozdrawiamy,\nMagdalena Nowak\nObsługa Klienta', 'Magdalena Nowak'],
    ['pt', 'O reembolso foi aprovado.\n\nAtenciosamente,\nJoão da Silva\nEquipe de Atendimento', 'João da Silva'],
  ])('%s: the signature after the sign-off: %j', (_language, text, expected) => {
    // The signature split or, when it did not catch the sign-off, the closing above the team line.
    expect(supportFrom(text)).toMatchObject({
      value: expected,
      rule: expect.stringMatching(/^contact-person\/(?:signature|closing)$/),
    });
  });

  it.each([
    ['it', 'Operatore: Marco Bianchi\n\nIl rimborso è stato emesso.', 'Marco Bianchi'],
    ['nl', 'Behandeld door: Sanne de Jong\n\nUw retour is ontvangen.', 'Sanne de Jong'],
    ['pl', 'Konsultant: Piotr Kowalski\n\nZwrot został zlecony.', 'Piotr Kowalski'],
    ['pt', 'Atendente: Mariana Costa\n\nO reembolso foi aprovado.', 'Mariana Costa'],
  ])('%s: a help-desk agent line: %j', (_language, text, expected) => {
    expect(supportFrom(text)).toMatchObject({ value: expected, rule: 'contact-person/agent-header' });
  });

  it.each([
    ['it', 'Come concordato con il nostro operatore Luca Romano, il reso è stato accettato.', 'Luca Romano'],
    ['nl', 'Zoals besproken met onze medewerker Pieter Jansen is de retour goedgekeurd.', 'Pieter Jansen'],
    [
      'pl',
      'Zgodnie z rozmową z naszym konsultantem Tomaszem Wiśniewskim zwrot został zlecony.',
      'Tomaszem Wiśniewskim',
    ],
    ['pt', 'Conforme falou com a nossa atendente Beatriz Souza, o reembolso foi aprovado.', 'Beatriz Souza'],
  ])('%s: an agent named in the text: %j', (_language, text, expected) => {
    expect(supportFrom(text)).toMatchObject({ value: expected, rule: 'contact-person/agent-mention' });
  });

  it.each([
    ['it', 'Assistenza Clienti Zalando', 'noreply@zalando.it'],
    ['nl', 'bol.com Klantenservice', 'klantenservice@bol.com'],
    ['pl', 'Obsługa Klienta Allegro', 'powiadomienia@allegro.pl'],
    ['pt', 'Equipe Mercado Livre', 'noreply@mercadolivre.com'],
    // A shop named by its trade: German `-erei`, Dutch `-erij`, Spanish `-ería`, and the trades' nouns.
    ['de', 'Rösterei Hansen', 'bestellungen@roesterei-hansen.de'],
    ['nl', 'Bakkerij Visser', 'info@bakkerijvisser.nl'],
    ['es', 'Zapatería Ortega', 'pedidos@zapateriaortega.es'],
    ['fr', 'Fromagerie Dubois', 'commandes@fromageriedubois.fr'],
    ['it', 'Bottega Sarda', 'ordini@bottegasarda.it'],
  ])('%s: a team From name %j is nobody', (_language, name, address) => {
    expect(supportFrom('Il rimborso è stato emesso.', { address, name })).toBeNull();
  });
});

describe('contact person: a first name alone, and what backs it', () => {
  const from = (name: string, address = 'support@shop.example') => ({ name, address });
  const supportFrom = (text: string, sender = from('Shop Support')) =>
    extractContactPerson(
      context({ text, from: sender, to: [{ address: FORWARDER, name: 'Alice Martin' }] }),
      'from_support',
    );

  it.each([
    [
      'the team line under it',
      'Your refund was issued.\n\nThanks for your patience,\nJordan\nNorthpeak Outdoor Customer Care',
      'Jordan',
    ],
    ['a Dutch team line', 'Het bedrag is teruggestort.\n\nGroetjes,\nLotte\nKlantenservice Winkelplein', 'Lotte'],
    ['a Portuguese team line', 'O reembolso foi recusado.\n\nAtenciosamente,\nCamila\nAtendimento FeiraMix', 'Camila'],
    ['a dash signature', 'The rest of the order stays as is.\n\n-Mike', 'Mike'],
    ['an Italian dash signature', 'Il reso non è accettato.\n\nCordiali saluti\n-Luca', 'Luca'],
    // … signing for the company too (the sender here writes from shop.example).
    ['a dash signature for the company', "I'm afraid we can't offer a refund.\n\n— Priya from Shop Inc.", 'Priya'],
    ['a dash signature under a closing', 'Your refund was issued.\n\nBest,\n- Tom @ Shop Support', 'Tom'],
    ['a name for the company under a closing', 'I added a credit.\n\nCheers,\nNoah at Shop Coffee', 'Noah'],
    [
      'a German name for the team under a closing',
      'Die Gutschrift ist erfolgt.\n\nViele Grüße\nAnna vom Shop Kundenservice',
      'Anna',
    ],
    ['the last line under a Dutch closing', 'Je pakket is ontvangen.\n\nMet vriendelijke groet,\nSanne', 'Sanne'],
    ['the last line under a German closing', 'Die Erstattung ist erfolgt.\n\nViele Grüße\nJonas', 'Jonas'],
    [
      'a phone’s signature under it',
      'Le abbiamo emesso un buono.\n\nCordiali saluti\nMarco\n\nInviato da iPhone',
      'Marco',
    ],
  ])('%s', (_label, text, expected) => {
    expect(supportFrom(text)?.value).toBe(expected);
  });

  it.each([
    ['Marcus from BrightCart', 'support@brightcart.com', 'Marcus'],
    ['Anna von Elektro Blitz', 'service@elektro-blitz.de', 'Anna'],
  ])('a From name %j names the agent', (name, address, expected) => {
    expect(supportFrom('Your replacement ships tomorrow.', from(name, address))).toMatchObject({
      value: expected,
      rule: 'contact-person/from-name',
    });
  });

  it.each([
    ['a first name with nothing to back it', 'Your refund was issued.\n\nJordan'],
    ['a first name under a closing with a line after it', 'Your refund was issued.\n\nThanks,\nJordan\nRef 5512'],
    ['a sign-off above the team line', 'Ihre Ware ist eingegangen.\n\nFreundliche Grüße\nKundenservice Wohnwerk'],
    ['a Polish sign-off above the team line', 'Paczka dotarła.\n\nPozdrawiamy\nObsługa Klienta Sklepu'],
    [
      'a Spanish team word above the team line',
      'Le responderemos en 7 días.\n\nServicio\nAtención al Cliente Electroiberia',
    ],
    // A shop's buttons and links, the last lines of an HTML mail.
    ['an English button', 'Your return has been received.\n\nTrack Package'],
    ['an English link under a closing', 'Your return has been received.\n\nThanks,\nView Return Status'],
    ['a German button', 'Ihre Rücksendung ist eingegangen.\n\nBestellung Ansehen'],
    ['a French button', 'Votre retour a bien été reçu.\n\nSuivre Mon Colis'],
  ])('%s → null', (_label, text) => {
    expect(supportFrom(text)).toBeNull();
  });

  it('a one-word brand from the From name under a closing is no person', () => {
    expect(
      supportFrom(
        'Votre remboursement est effectué.\n\nCordialement,\nLumière',
        from('Maison Lumière', 'service@maisonlumiere.example'),
      ),
    ).toBeNull();
  });

  it('the customer’s own signed comment in a help desk’s acknowledgement is not the contact', () => {
    const text =
      'Your request (48213) has been received.\n\n----------------------------------------\n\nBob Hughes\nJan 16, 2025, 10:14 GMT\n\nI would like a full refund.';
    const found = extractContactPerson(
      context({
        text,
        from: from('Copperleaf Home Support'),
        to: [{ address: 'bob@example.org', name: 'Bob Hughes' }],
      }),
      'from_support',
    );
    expect(found).toBeNull();
  });
});

describe('contact person: the closings of every reply shape, and team lines without a sign-off', () => {
  const supportFrom = (text: string, name = 'Shop Support') =>
    extractContactPerson(
      context({
        text,
        from: { name, address: 'support@shop.example' },
        to: [{ address: FORWARDER, name: 'Alice Martin' }],
      }),
      'from_support',
    );

  it.each([
    [
      'es',
      'Hemos tramitado el reembolso.\n\nSaludos cordiales,\nLucía Fernández\nAtención al Cliente',
      'Lucía Fernández',
    ],
    ['it', 'Abbiamo emesso il rimborso.\n\nCordiali saluti\nMarco Bianchi\nServizio Clienti', 'Marco Bianchi'],
    ['sv', 'Vi har återbetalat beloppet.\n\nMed vänliga hälsningar\nAnna Lindqvist\nKundtjänst', 'Anna Lindqvist'],
    ['nb', 'Vi har refundert beløpet.\n\nVennlig hilsen\nIngrid Berg', 'Ingrid Berg'],
    ['fi', 'Palautus on tehty.\n\nYstävällisin terveisin\nMikko Virtanen\nAsiakaspalvelu', 'Mikko Virtanen'],
    ['cs', 'Peníze jsme vrátili.\n\nS pozdravem\nJana Nováková\nZákaznická podpora', 'Jana Nováková'],
    ['sk', 'Peniaze sme vrátili.\n\nS pozdravom\nPeter Horváth\nZákaznícka podpora', 'Peter Horváth'],
    ['hr', 'Povrat novca je odobren.\n\nLijep pozdrav,\nMaja Babić', 'Maja Babić'],
    ['ja', '返金手続きが完了しました。\n\nよろしくお願いいたします。\n山田 花子\nカスタマーサポート', '山田 花子'],
    ['zh', '退款已原路退回。\n\n此致\n敬礼\n王芳\n客服中心', '王芳'],
    ['ko', '환불이 완료되었습니다.\n\n감사합니다.\n김민지 드림', '김민지'],
    ['ar', 'تم استرداد المبلغ.\n\nمع أطيب التحيات،\nسارة\nفريق خدمة العملاء', 'سارة'],
    ['ar, two words', 'تم استرداد المبلغ.\n\nمع التحية،\nمحمد العتيبي', 'محمد العتيبي'],
  ])('%s: the name under the closing: %j', (_language, text, expected) => {
    expect(supportFrom(text)).toMatchObject({ value: expected, rule: 'contact-person/signature' });
  });

  it.each([
    ['zh: a team under the closing', '退款已原路退回。\n\n此致\n客服中心'],
    ['ja: a team under the closing', '返金手続きが完了しました。\n\nよろしくお願いいたします。\nサポート窓口'],
    ['ja: a Han name without a closing above it', '返金手続きが完了しました。\n\n山田 花子'],
    ['ar: a team under the closing', 'تم استرداد المبلغ.\n\nمع أطيب التحيات،\nفريق متجر الواحة'],
    ['fa: a Persian name (no lexicon reads Persian)', 'مبلغ برنگشته است.\n\nبا تشکر\nعلی'],
  ])('%s → null', (_label, text) => {
    expect(supportFrom(text)).toBeNull();
  });

  // `김민준 드림` (from Kim Minjun): the closing word after the name makes the last line a signature,
  // even under an apology rather than a closing; a Hangul name alone there still is none.
  it('ko: a name with its closing word as the last line, under an apology', () => {
    expect(supportFrom('교환 상품이 발송되었습니다.\n\n불편을 드려 대단히 죄송합니다.\n김민준 드림')).toMatchObject({
      value: '김민준',
      rule: 'contact-person/closing',
    });
    expect(supportFrom('교환 상품이 발송되었습니다.\n\n불편을 드려 대단히 죄송합니다.\n김민준')).toBeNull();
  });

  it.each([
    ['es', 'Hemos tramitado el reembolso.\n\nMarta\nEl equipo de Atención al Cliente de Hogarnova', 'Marta'],
    ['it', 'Abbiamo emesso il rimborso.\n\nGiulia\nIl team Assistenza Clienti', 'Giulia'],
    ['pt', 'O reembolso foi processado.\n\nInês\nA equipa de Apoio ao Cliente', 'Inês'],
    ['fr', "Le remboursement a été effectué.\n\nÉlodie\nL'équipe du Service client", 'Élodie'],
  ])('%s: a first name over the team line, no sign-off: %j', (_language, text, expected) => {
    expect(supportFrom(text)?.value).toBe(expected);
  });

  it.each([
    ['es', 'Hemos tramitado el reembolso.\n\nEl equipo de Atención al Cliente de Hogarnova'],
    ['it', 'Abbiamo emesso il rimborso.\n\nIl team Assistenza Clienti'],
    ['pt', 'O reembolso foi processado.\n\nA equipa de Apoio'],
    ['fr', "Le remboursement a été effectué.\n\nL'équipe du Service client"],
  ])('%s: the team line alone names nobody: %j', (_language, text) => {
    expect(supportFrom(text)).toBeNull();
  });
});

describe('contact person: a department or programme name is no person', () => {
  // The From domain does not always carry the brand (a mail relay, a marketplace), so the words must tell.
  it.each([
    ['Harbourline Accounts', 'accounts@mailer.example'],
    ['Bazaarly Buyer Protection', 'noreply@bazaarly-mail.example'],
    ['Mercado Seller Protection', null],
    ['Lumio Finance', null],
    ['Northvale Payments', null],
    ['Kestrel Disputes', null],
    ['Buchhaltung Sommerhaus', null],
    ['Contabilidad Hogarnova', null],
    ['Boekhouding Winkelplein', null],
    ['Comptabilité Lumio', null],
    ['Lumio Helpline', 'help@mailer.example'],
    ['Lumio Concierge', 'help@mailer.example'],
  ])('%j (%s) is not a person', (name, address) => {
    expect(isPersonName(name, address)).toBe(false);
  });

  it.each([
    ['Harbourline Accounts', 'accounts@mailer.example'],
    ['Bazaarly Buyer Protection', 'noreply@bazaarly-mail.example'],
  ])('a From name %j names nobody', (name, address) => {
    const ctx = context({ text: 'Your refund has been issued.', from: { address, name } });
    expect(extractContactPerson(ctx, 'from_support')).toBeNull();
  });

  it.each(['Hannah Protheroe', 'Ines Kaufmann', 'Jonas Buyers'])('%j is still a person', (name) => {
    expect(isPersonName(name, 'hello@mailer.example')).toBe(true);
  });
});

describe('contact person: help-desk and marketplace signatures', () => {
  const supportFrom = (text: string, name: string, address: string) =>
    extractContactPerson(
      context({ text, from: { name, address }, to: [{ address: FORWARDER, name: 'Alice Martin' }] }),
      'from_support',
    );

  it.each([
    [
      'a name signed on the team’s behalf, under it',
      'Leider können wir die Kosten nicht übernehmen.\n\nMit freundlichen Grüßen\n\nIhr Kundenservice\ni. A. Stefan Krüger',
      'Kaufstadt Kundenservice',
      'kundenservice@kaufstadt.example',
      'Stefan Krüger',
    ],
    [
      'a first name over the shop a marketplace’s From name carries',
      'We have refunded $27.49 today.\n\nKind regards,\nTom\nGreenway Garden Supplies\n--------------------',
      'Greenway Garden Supplies - Shopway Marketplace',
      'm8k2x7q4p9@marketplace.shopway.example',
      'Tom',
    ],
    [
      'a dashed first name standing alone above a platform line',
      "I'm reprinting it today.\n\n— Rowan\n\nReply to this message on Craftly",
      'Craftly',
      'conversations@craftly.example',
      'Rowan',
    ],
    [
      'a full name under the team line that signs first',
      'Der Betrag ist noch nicht ausgezahlt.\n\nMit freundlichen Grüßen\n\nIhr Grünwald Outdoor Kundenservice\nMarkus Brandl',
      'Grünwald Outdoor',
      'service@gruenwald-outdoor.example',
      'Markus Brandl',
    ],
    [
      'a first name with the team it signs for on the same line, under the signature delimiter',
      'Refund issued today, sorry for the wait.\n-- \nTom | Shop Support',
      'Shop Support',
      'support@shop.example',
      'Tom',
    ],
    [
      'a full name under the team line, in English',
      'Your replacement ships on Monday.\n\nBest regards,\nThe Nordlicht Support Team\nSarah Whitfield',
      'Nordlicht',
      'help@nordlicht.example',
      'Sarah Whitfield',
    ],
    [
      'a Han name over its team, under a closing the lexicon does not know',
      '款项将在3个工作日内到账。\n\n祝您生活愉快！\n李娜\n青竹家居客服中心',
      '青竹家居',
      'kefu@qingzhu-home.example',
      '李娜',
    ],
    [
      'a Han name as the last line, under its team',
      '11月30日までに商品をご返送ください。\n\nひのき家具 お客様窓口\n鈴木 一郎',
      'ひのき家具 お客様窓口',
      'info@hinoki-kagu.example',
      '鈴木 一郎',
    ],
    [
      'a Han name under its team, with the shop’s hours below',
      'ご返品の到着を確認いたしました。\n\n━━━━━━\nさくら家電ストア カスタマーサポート\n佐藤 美咲\n営業時間：平日 10:00〜18:00\n━━━━━━',
      'さくら家電ストア',
      'support@sakura-kaden.example',
      '佐藤 美咲',
    ],
  ])('%s', (_label, text, name, address, expected) => {
    expect(supportFrom(text, name, address)?.value).toBe(expected);
  });

  it('a first name over the member name the subject names: the seller signing', () => {
    const text = 'I sent you a partial refund of $15.00.\n\nThanks,\nRosa\nvintage_loft_finds\n\nReply';
    const ctx = context({
      text,
      subject: 'vintage_loft_finds sent a message about Oak picture frame #2954871103',
      from: { name: 'Bidhall', address: 'members@bidhall.example' },
      to: [{ address: FORWARDER, name: 'Alice Martin' }],
    });
    expect(extractContactPerson(ctx, 'from_support')?.value).toBe('Rosa');
  });

  it('a first name over a member name the platform’s own lines name', () => {
    const text =
      'Sprzedający AGD_Kowalski odpowiedział na Twoją wiadomość.\n\nWyślemy nowy czajnik.\nPozdrawiamy\nMarek\nAGD_Kowalski';
    expect(supportFrom(text, 'Targ24', 'powiadomienia@targ24.example')?.value).toBe('Marek');
  });

  it.each([
    // A first name with something that is no team after it is no signer.
    'Refund issued today, sorry for the wait.\n-- \nTom | Mobile: +44 7700 900123',
    // The company's legal name under its team line is no person.
    'Der Betrag ist noch nicht ausgezahlt.\n\nMit freundlichen Grüßen\n\nIhr Grünwald Outdoor Kundenservice\nGrünwald Outdoor GmbH',
    // A name under a team line that no closing opened is not read as the signer.
    'Der Betrag ist noch nicht ausgezahlt.\n\nIhr Grünwald Outdoor Kundenservice\nMarkus Brandl',
  ])('no signer: %j', (text) => {
    expect(supportFrom(text, 'Grünwald Outdoor Kundenservice', 'service@gruenwald-outdoor.example')).toBeNull();
  });

  it('a title under a team line is nobody', () => {
    const text =
      'ご返品の到着を確認いたしました。\n\nさくら家電ストア カスタマーサポート\n代表取締役\n営業時間：平日 10:00〜18:00';
    expect(supportFrom(text, 'さくら家電ストア', 'support@sakura-kaden.example')).toBeNull();
  });

  it('a receipt field is no team line: the button above it is nobody', () => {
    const text = 'I sent you a partial refund of $15.00.\n\nReply\nOrder number: 12-10523-77614\nItem ID: 2954871103';
    expect(supportFrom(text, 'Bidhall', 'members@bidhall.example')).toBeNull();
  });
});
