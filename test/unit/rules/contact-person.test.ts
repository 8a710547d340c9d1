import { describe, expect, it } from 'vitest';
import { extractContactPerson, isPersonName } from '../../../src/rules/contact-person.js';
import { context, FORWARDER, SUPPORT } from './message.js';

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
    ['first name only: nobody', 'Your case is open.\n\nThanks,\nMark', null],
  ])('%s → %s', (_label, text, expected) => {
    expect(support(text)?.value ?? null).toBe(expected);
  });

  it('falls back to a From display name that is a person', () => {
    expect(support('Your case is open.', 'Lisa Chen')).toMatchObject({
      value: 'Lisa Chen',
      rule: 'contact-person/from-name',
    });
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
