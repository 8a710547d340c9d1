import { describe, expect, it } from 'vitest';
import {
  deriveCase,
  impliedStatusOf,
  type ManualChange,
  type PolicyEntry,
  type PolicyResolution,
} from '../../../src/rules/case-policy.js';

const day = (d: number, hour = 9) => new Date(Date.UTC(2026, 9, d, hour));

const resolutionAt = (
  key: string,
  d: Date,
  outcome: PolicyResolution['outcome'] = 'full_refund',
): PolicyResolution => ({
  date: d,
  outcome,
  amount: outcome === 'partial_refund' ? 20 : 89.99,
  currency: 'EUR',
  transactionId: null,
  sourceMessageId: key,
  confidence: 0.95,
  sentence: `decision in ${key}`,
  rule: 'resolution/refund',
});

/** Compact entries: `c1@3` customer on day 3, `s1@4>` support promising, `s1@4?` support asking, `r1@5` trusted resolution, `g1@5` suggestion. */
function entry(spec: string): PolicyEntry {
  const m = /^([csrg])(\d+)@(\d+)(:\d+)?([>?])?$/.exec(spec);
  if (!m) throw new Error(spec);
  const [, kind, n, d, hour, stance] = m;
  const occurredAt = day(Number(d), hour ? Number(hour.slice(1)) : 9);
  const key = `<${kind}${n}@mail.example>`;
  const fromCustomer = kind === 'c';
  return {
    messageKey: key,
    occurredAt,
    direction: fromCustomer ? 'from_customer' : 'from_support',
    channel: 'email',
    implies: fromCustomer || stance === '>' ? 'awaiting_support' : 'awaiting_customer',
    resolution: kind === 'r' ? resolutionAt(key, occurredAt, Number(n) % 2 ? 'full_refund' : 'partial_refund') : null,
    suggestedResolution: kind === 'g' ? resolutionAt(key, occurredAt, 'store_credit') : null,
    issueDescription: fromCustomer ? `problem told in ${key}` : null,
    merchant: fromCustomer ? null : 'shop.example',
    orderNumber: kind === 's' ? `ORD-${n}` : null,
  };
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

const manual = (n: number, d: number, action: ManualChange['action'], resolution: PolicyResolution | null = null) => ({
  key: `manual:${n}`,
  at: day(d, 18),
  action,
  resolution,
  note: null,
});

describe('deriveCase: every transition', () => {
  it.each([
    ['a customer message alone waits for support', ['c1@1'], 'awaiting_support', null],
    ['support asking the customer to act waits for the customer', ['c1@1', 's1@2?'], 'awaiting_customer', null],
    ['support promising to act waits for support', ['c1@1', 's1@2>'], 'awaiting_support', null],
    ['a trusted resolution resolves', ['c1@1', 'r1@3'], 'resolved', 'r1'],
    ['a resolution followed by a later message reopens', ['c1@1', 'r1@3', 'c2@4'], 'reopened', 'r1'],
    [
      'a message after the reopening says who holds the ball',
      ['c1@1', 'r1@3', 'c2@4', 's2@5?'],
      'awaiting_customer',
      'r1',
    ],
    ['a later resolution wins over an earlier one', ['c1@1', 'r1@3', 'c2@4', 'r2@6'], 'resolved', 'r2'],
    ['a message earlier than the resolution does not reopen', ['c1@1', 'c2@2', 'r1@3'], 'resolved', 'r1'],
    ['a message at the same instant as the resolution does not reopen', ['c1@1', 'r1@3', 'c2@3'], 'resolved', 'r1'],
    ['a suggestion never changes the status', ['c1@1', 'g1@3'], 'awaiting_customer', null],
  ])('%s', (_, specs, status, resolvedBy) => {
    const derived = deriveCase(specs.map(entry));
    expect(derived.status).toBe(status);
    expect(derived.resolution?.sourceMessageId ?? null).toBe(resolvedBy ? `<${resolvedBy}@mail.example>` : null);
  });

  it('ties between resolutions at the same instant go to the greater message key, whatever the order', () => {
    const a = entry('r1@3');
    const b = entry('r2@3');
    expect(deriveCase([a, b]).resolution?.sourceMessageId).toBe('<r2@mail.example>');
    expect(deriveCase([b, a]).resolution?.sourceMessageId).toBe('<r2@mail.example>');
  });

  it('opens at the earliest message, with its description, and fills what it lacked from the next', () => {
    const derived = deriveCase(['s1@5?', 'c1@2', 'c2@1'].map(entry));
    expect(derived.openedAt).toEqual(day(1));
    expect(derived.issueDescription).toBe('problem told in <c2@mail.example>');
    expect(derived.merchant).toBe('shop.example');
    expect(derived.orderNumber).toBe('ORD-1');
    expect(derived.lastMessageAt).toEqual(day(5));
    expect(derived.statusHistory[0]).toEqual({ status: 'open', at: day(1), reason: 'first message', messageKey: null });
  });

  it('keeps a suggestion only until a trusted resolution', () => {
    expect(deriveCase(['c1@1', 'g1@2'].map(entry)).suggestedResolution?.outcome).toBe('store_credit');
    expect(deriveCase(['c1@1', 'g1@2', 'r1@3'].map(entry)).suggestedResolution).toBeNull();
  });

  it('refuses an empty log (a case exists because a message was logged)', () => {
    expect(() => deriveCase([])).toThrow(/at least one/);
  });
});

describe('deriveCase: the user has the last word', () => {
  it.each([
    ['confirm takes the suggestion', ['c1@1', 'g1@2'], [manual(1, 3, 'confirm')], 'resolved', 'store_credit'],
    ['confirm with nothing suggested changes nothing', ['c1@1'], [manual(1, 3, 'confirm')], 'awaiting_support', null],
    [
      'close records the given outcome',
      ['c1@1'],
      [manual(1, 3, 'close', resolutionAt('manual:1', day(3), 'denied'))],
      'resolved',
      'denied',
    ],
    ['reopen undoes an automatic resolution', ['c1@1', 'r1@2'], [manual(1, 3, 'reopen')], 'reopened', 'full_refund'],
    ['a note changes nothing', ['c1@1', 'r1@2'], [manual(1, 3, 'note')], 'resolved', 'full_refund'],
    [
      'a message dated before the change does not undo it',
      ['c1@1', 'r1@2', 'c2@3'],
      [manual(1, 4, 'close')],
      'resolved',
      'full_refund',
    ],
    [
      "a message dated after the user's close does not reopen it",
      ['c1@1', 'c2@5'],
      [manual(1, 3, 'close', resolutionAt('manual:1', day(3)))],
      'resolved',
      'full_refund',
    ],
    [
      "a later trusted resolution does not replace the user's close",
      ['c1@1', 'r2@5'],
      [manual(1, 3, 'close', resolutionAt('manual:1', day(3), 'denied'))],
      'resolved',
      'denied',
    ],
    [
      "a later trusted resolution does not replace the user's confirmed suggestion",
      ['c1@1', 'g1@2', 'r2@5'],
      [manual(1, 3, 'confirm')],
      'resolved',
      'store_credit',
    ],
    [
      "an automatic resolution dated before the user's reopen does not undo it",
      ['c1@1', 'r1@2', 'r3@3'],
      [manual(1, 3, 'reopen')],
      'reopened',
      'full_refund',
    ],
    [
      "a resolution dated after the user's reopen applies (the user handed the case back to the mail)",
      ['c1@1', 'r1@2', 'r2@5'],
      [manual(1, 3, 'reopen')],
      'resolved',
      'partial_refund',
    ],
    [
      'after close then reopen, later mail reopens nothing and says who holds the ball',
      ['c1@1', 's1@6?'],
      [manual(1, 3, 'close'), manual(2, 4, 'reopen')],
      'awaiting_customer',
      null,
    ],
    ['a renumbering changes no state', ['c1@1', 'r1@2'], [manual(1, 3, 'renumber')], 'resolved', 'full_refund'],
    ['a merge changes no state', ['c1@1', 's1@2?'], [manual(1, 3, 'merge')], 'awaiting_customer', null],
    [
      'the later of two changes wins',
      ['c1@1', 'r1@2'],
      [manual(2, 4, 'close'), manual(1, 3, 'reopen')],
      'resolved',
      'full_refund',
    ],
  ])('%s', (_, specs, changes, status, outcome) => {
    const derived = deriveCase(specs.map(entry), changes);
    expect(derived.status).toBe(status);
    expect(derived.resolution?.outcome ?? null).toBe(outcome);
    expect(deriveCase([...specs].reverse().map(entry), [...changes].reverse())).toEqual(derived);
  });
});

describe('deriveCase: what the case asks of the user', () => {
  const note = (spec: string): PolicyEntry => ({ ...entry(spec), addedByUser: true });

  it('flags a pending suggestion, and drops the flag once it is confirmed', () => {
    const pending = deriveCase(['c1@1', 'g1@2'].map(entry));
    expect(pending.attention).toEqual(['suggestion_to_confirm']);
    expect(pending.suggestedResolution?.outcome).toBe('store_credit');
    const confirmed = deriveCase(['c1@1', 'g1@2'].map(entry), [manual(1, 3, 'confirm')]);
    expect(confirmed.attention).toEqual([]);
    expect(confirmed.suggestedResolution).toBeNull();
  });

  it("counts the mail dated after the user's close, with the newest date, and not the user's own notes", () => {
    const derived = deriveCase(
      [entry('c1@1'), entry('c2@5'), entry('s2@7?'), note('c3@8')],
      [manual(1, 3, 'close', resolutionAt('manual:1', day(3)))],
    );
    expect(derived.status).toBe('resolved');
    expect(derived.attention).toEqual(['mail_after_user_close']);
    expect(derived.mailAfterUserClose).toEqual({ count: 2, latestAt: day(7) });
  });

  it("offers a later resolution as a suggestion after the user's close, flagging both", () => {
    const derived = deriveCase(['c1@1', 'r2@5'].map(entry), [manual(1, 3, 'close', resolutionAt('manual:1', day(3)))]);
    expect(derived.resolution?.sourceMessageId).toBe('manual:1');
    expect(derived.suggestedResolution?.outcome).toBe('partial_refund');
    expect(derived.attention).toEqual(['suggestion_to_confirm', 'mail_after_user_close']);
  });

  it('an annotation (channel note) moves nothing: no reopening, no change of who holds the ball', () => {
    const annotation = (spec: string): PolicyEntry => ({ ...note(spec), channel: 'note' });
    const resolved = deriveCase(['c1@1', 'r1@2'].map(entry));
    const annotated = deriveCase([entry('c1@1'), entry('r1@2'), annotation('c2@3')]);
    expect(annotated.status).toBe('resolved');
    expect(annotated.statusHistory).toEqual(resolved.statusHistory);
    const waiting = deriveCase([entry('c1@1'), entry('s1@2?'), annotation('c2@3')]);
    expect(waiting.status).toBe('awaiting_customer');
    // The same entry as a phone call is a contact: it reopens.
    expect(deriveCase([entry('c1@1'), entry('r1@2'), { ...note('c2@3'), channel: 'phone' }]).status).toBe('reopened');
  });

  it('forgets the count when the user reopens: control is back with the mail', () => {
    const derived = deriveCase(['c1@1', 'c2@4', 'c3@6'].map(entry), [manual(1, 3, 'close'), manual(2, 5, 'reopen')]);
    expect(derived.mailAfterUserClose).toBeNull();
    expect(derived.status).toBe('awaiting_support');
  });

  it('records who made each change, and a merge, in the history at its date', () => {
    const changes: ManualChange[] = [
      {
        key: 'merge:order:A-1→CS-1',
        at: day(2, 10),
        action: 'merge',
        note: 'merged: order:A-1 → CS-1',
        by: null,
        via: null,
      },
      { ...manual(1, 3, 'close'), by: 'alice@example.net', via: 'digest_reply' },
    ];
    const derived = deriveCase(['c1@1', 's1@2?'].map(entry), changes);
    expect(derived.statusHistory.map((h) => [h.status, h.reason])).toEqual([
      ['open', 'first message'],
      ['awaiting_support', 'from_customer via email'],
      ['awaiting_customer', 'from_support via email'],
      ['awaiting_customer', 'merged: order:A-1 → CS-1'],
      ['resolved', 'user: close (alice@example.net by digest_reply)'],
    ]);
  });
});

describe('deriveCase: any order of the same entries gives the same case', () => {
  it.each([
    ['resolution, later message, later second resolution, early message', ['c1@1', 'r1@3', 'c2@4', 'r2@6', 's1@2?']],
    ['a reopened case', ['c1@1', 's1@2>', 'r1@3', 'c2@4']],
    ['same-instant messages', ['c1@1', 'r1@3', 'c2@3', 's1@3?', 'g1@2']],
    ['the twenty-cases shape: resolution, then a customer a day later', ['c1@1', 's1@2?', 'r1@5', 'c2@6']],
  ])('%s', (_, specs) => {
    const entries = specs.map(entry);
    const expected = deriveCase(entries);
    for (const order of permutations(entries)) expect(deriveCase(order)).toEqual(expected);
  });
});

describe('impliedStatusOf: who holds the ball, in every language the lexicons know', () => {
  it.each([
    ['from_customer', 'I would like a refund.', 'awaiting_support'],
    ['from_support', null, 'awaiting_customer'],
    ['from_support', 'We will refund you within 5 business days.', 'awaiting_support'],
    ['from_support', 'Our returns team will contact you within 2 days.', 'awaiting_support'],
    ['from_support', 'Please send us a photo of the damaged item.', 'awaiting_customer'],
    ['from_support', 'Could you send the order number?', 'awaiting_customer'],
    ['from_support', 'Wir werden den Betrag innerhalb von 3 Werktagen erstatten.', 'awaiting_support'],
    ['from_support', 'Senden Sie uns bitte ein Foto des Artikels.', 'awaiting_customer'],
    ['from_support', 'Sobald das Paket bei uns eintrifft, melden wir uns bei Ihnen.', 'awaiting_support'],
    ['from_support', 'Nach Prüfung informieren wir Sie per E-Mail.', 'awaiting_support'],
    ['from_support', 'Wir bitten Sie, das Formular auszufüllen.', 'awaiting_customer'],
    ['from_support', 'Le pedimos que nos envíe una foto del producto.', 'awaiting_customer'],
    ['from_support', 'Provvederemo al rimborso entro 5 giorni lavorativi.', 'awaiting_support'],
    ['from_support', 'Prosimy o przesłanie zdjęcia produktu.', 'awaiting_customer'],
    ['from_support', 'Entraremos em contato em até 3 dias úteis.', 'awaiting_support'],
    ['from_support', 'Nous allons traiter votre demande sous 48 heures.', 'awaiting_support'],
    ['from_support', 'Veuillez nous renvoyer le colis.', 'awaiting_customer'],
    ['from_support', 'Het bedrag staat binnen 3 werkdagen op je rekening.', 'awaiting_support'],
    // Issue 8: support's promises and requests in the four languages the digest speaks.
    ['from_support', 'Wir melden uns innerhalb von 2 Werktagen bei Ihnen.', 'awaiting_support'],
    ['from_support', 'Wir melden uns bei Ihnen, sobald die Ware eingetroffen ist.', 'awaiting_support'],
    ['from_support', 'Unser Team wird Ihre Anfrage prüfen.', 'awaiting_support'],
    ['from_support', 'Bitte senden Sie uns die Rechnung.', 'awaiting_customer'],
    ['from_support', 'Nous reviendrons vers vous sous 48 heures.', 'awaiting_support'],
    ['from_support', 'Nous vous tiendrons informé dès réception du colis.', 'awaiting_support'],
    ['from_support', 'Merci de nous envoyer une photo du produit.', 'awaiting_customer'],
    ['from_support', 'Pourriez-vous nous envoyer le numéro de commande ?', 'awaiting_customer'],
    ['from_support', 'Nos pondremos en contacto con usted en un plazo de 3 días.', 'awaiting_support'],
    ['from_support', 'Le informaremos por correo electrónico.', 'awaiting_support'],
    ['from_support', 'Por favor, envíenos una foto del artículo.', 'awaiting_customer'],
    ['from_support', 'We will get back to you within 48 hours.', 'awaiting_support'],
    ['from_support', 'Please reply with your bank details.', 'awaiting_customer'],
    // A German request that opens with its verb and `Sie`, `bitte` anywhere; not `Zögern Sie`/`Beachten Sie`.
    ['from_support', 'Schicken Sie den Artikel bitte zurück.', 'awaiting_customer'],
    ['from_support', 'Füllen Sie bitte das beigefügte Formular aus.', 'awaiting_customer'],
    [
      'from_support',
      'Drucken Sie das Rücksendeetikett bitte aus und kleben Sie es auf das Paket.',
      'awaiting_customer',
    ],
    ['from_support', 'Zögern Sie bitte nicht: wir melden uns innerhalb von 2 Werktagen.', 'awaiting_support'],
    ['from_support', 'Beachten Sie bitte, dass wir uns innerhalb von 5 Werktagen melden.', 'awaiting_support'],
    // Spanish requests as questions: `¿Podría(n) …?`, `¿Puede(n) …?`, `¿Nos podría …?`; `podría tardar` is no request.
    ['from_support', '¿Podría enviarnos el número de pedido?', 'awaiting_customer'],
    ['from_support', '¿Pueden confirmarnos la dirección de recogida?', 'awaiting_customer'],
    ['from_support', '¿Nos podría enviar una foto del embalaje?', 'awaiting_customer'],
    ['from_support', 'Podría indicarnos el número de seguimiento, por favor.', 'awaiting_customer'],
    ['from_support', 'Le informaremos por correo; el reembolso podría tardar hasta 5 días.', 'awaiting_support'],
    ['from_support', 'Pourriez-vous nous envoyer une photo du colis ?', 'awaiting_customer'],
    ['from_support', 'Merci de nous renvoyer le produit dans son emballage d’origine.', 'awaiting_customer'],
    ['from_support', 'Potrebbe inviarci una foto della confezione?', 'awaiting_customer'],
    ['from_support', 'Kunt u ons een foto van de verpakking sturen?', 'awaiting_customer'],
    ['from_support', 'Czy mogą Państwo przesłać zdjęcie opakowania?', 'awaiting_customer'],
    ['from_support', 'Poderia nos enviar uma foto da embalagem?', 'awaiting_customer'],
  ] as const)('%s: %s', (direction, nextSteps, expected) => {
    expect(impliedStatusOf(direction, nextSteps)).toBe(expected);
  });
});
