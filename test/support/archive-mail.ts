// Mail as a user's archive holds it (not forwarded: straight from the shops, and the user's own replies),
// generated at test time from a few realistic templates, for `import` and `reanalyze` tests.
import { ALICE } from './harness.js';

export interface ArchiveMessage {
  /** What the import must make of it. */
  kind: 'case' | 'order_refund' | 'order_confirmation' | 'shipping' | 'newsletter';
  /** The case it belongs in, when it is logged. */
  caseNumber: string | null;
  date: Date;
  /** RFC 5322 text with LF line ends. */
  text: string;
}

const SHOPS = [
  {
    name: 'Lumen Lights',
    domain: 'lumen-lights.example',
    prefix: 'LUM',
    item: 'brass desk lamp',
    price: '89.00',
    cur: 'EUR',
  },
  {
    name: 'Brightwave Electronics',
    domain: 'brightwave-electronics.example',
    prefix: 'BW',
    item: 'Aurora ANC headset',
    price: '84.50',
    cur: 'USD',
  },
  {
    name: 'Homeware Direct',
    domain: 'homeware-direct.example',
    prefix: 'HOM',
    item: 'coffee grinder',
    price: '129.99',
    cur: 'EUR',
  },
] as const;

const BASE = Date.UTC(2024, 0, 8, 9, 0, 0);
const HOUR = 3_600_000;

function rfcDate(d: Date): string {
  return d.toUTCString().replace('GMT', '+0000');
}

function message(headers: Record<string, string>, body: string[]): string {
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return [
    ...head,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    ...body,
    '',
  ].join('\n');
}

/** Case number of thread `t`: `LUM-2024-10007`. */
export function threadCaseNumber(t: number): string {
  const shop = SHOPS[t % SHOPS.length] as (typeof SHOPS)[number];
  return `${shop.prefix}-2024-${10000 + t}`;
}

/**
 * A refund thread: the shop opens a case (its number in subject and text), the user answers without the
 * number (threaded by In-Reply-To), the shop confirms the refund with the number and the amount.
 */
export function refundThread(t: number): ArchiveMessage[] {
  const shop = SHOPS[t % SHOPS.length] as (typeof SHOPS)[number];
  const caseNumber = threadCaseNumber(t);
  const order = `${shop.prefix}-${550000 + t}`;
  const support = `${shop.name} Customer Care <care@${shop.domain}>`;
  const start = BASE + t * 7 * HOUR;
  const ackId = `<ack.${t}.${caseNumber.toLowerCase()}@mail.${shop.domain}>`;
  const replyId = `<reply.${t}.${start}@example.net>`;
  const ack = message(
    {
      From: support,
      To: `Alice Martin <${ALICE}>`,
      Subject: `Your return request - Case ${caseNumber}`,
      Date: rfcDate(new Date(start)),
      'Message-ID': ackId,
    },
    [
      'Dear Alice,',
      '',
      `thank you for contacting ${shop.name}. We have opened case ${caseNumber}`,
      `for your order ${order} (${shop.item}).`,
      '',
      'Please send the item back using the prepaid return label attached to this',
      'email. Once it arrives at our warehouse, we will issue your refund.',
      '',
      'Kind regards,',
      'Jana Novak',
      `${shop.name} Customer Care`,
    ],
  );
  const reply = message(
    {
      From: `Alice Martin <${ALICE}>`,
      To: support,
      Subject: 'Re: Your return request',
      Date: rfcDate(new Date(start + 20 * HOUR)),
      'Message-ID': replyId,
      'In-Reply-To': ackId,
      References: ackId,
    },
    ['Hello Jana,', '', 'the parcel went out this morning with the label you sent.', '', 'Best,', 'Alice'],
  );
  const refund = message(
    {
      From: support,
      To: `Alice Martin <${ALICE}>`,
      Subject: `Re: Your return request - Case ${caseNumber}`,
      Date: rfcDate(new Date(start + 70 * HOUR)),
      'Message-ID': `<refund.${t}.${caseNumber.toLowerCase()}@mail.${shop.domain}>`,
      'In-Reply-To': replyId,
      References: `${ackId} ${replyId}`,
    },
    [
      'Dear Alice,',
      '',
      `your return for case ${caseNumber} has arrived and passed inspection.`,
      `We have refunded ${shop.price} ${shop.cur} to your original payment method.`,
      '',
      'Kind regards,',
      'Jana Novak',
      `${shop.name} Customer Care`,
    ],
  );
  return [
    { kind: 'case', caseNumber, date: new Date(start), text: ack },
    { kind: 'case', caseNumber, date: new Date(start + 20 * HOUR), text: reply },
    { kind: 'case', caseNumber, date: new Date(start + 70 * HOUR), text: refund },
  ];
}

/** A refund confirmation that carries only the order number: opens an `order:` case. */
export function orderOnlyRefund(i: number): ArchiveMessage {
  const shop = SHOPS[i % SHOPS.length] as (typeof SHOPS)[number];
  const order = `${shop.prefix}-${770000 + i}`;
  const date = new Date(BASE + i * 11 * HOUR + 5 * HOUR);
  return {
    kind: 'order_refund',
    caseNumber: `order:${order}`,
    date,
    text: message(
      {
        From: `${shop.name} Payments <payments@${shop.domain}>`,
        To: `Alice Martin <${ALICE}>`,
        Subject: `Refund issued for order ${order}`,
        Date: rfcDate(date),
        'Message-ID': `<refund.order.${i}.${order.toLowerCase()}@mail.${shop.domain}>`,
      },
      [
        'Hello Alice,',
        '',
        `we have received your return for order ${order}.`,
        '',
        `Your refund of ${shop.price} ${shop.cur} has been issued to your original payment method.`,
        `Transaction ID: RF-2024-${90000 + i}`,
        '',
        'It may take 3-5 business days for the amount to appear on your statement.',
        '',
        'Best regards,',
        `${shop.name} Payments Team`,
      ],
    ),
  };
}

/** An order confirmation with the usual footer about returns: an order number, but no case. */
export function orderConfirmation(i: number): ArchiveMessage {
  const shop = SHOPS[i % SHOPS.length] as (typeof SHOPS)[number];
  const order = `${shop.prefix}-${880000 + i}`;
  const date = new Date(BASE + i * 5 * HOUR + 2 * HOUR);
  return {
    kind: 'order_confirmation',
    caseNumber: null,
    date,
    text: message(
      {
        From: `${shop.name} <orders@${shop.domain}>`,
        To: `Alice Martin <${ALICE}>`,
        Subject: `Your ${shop.name} order ${order} is confirmed`,
        Date: rfcDate(date),
        'Message-ID': `<order.${i}.${order.toLowerCase()}@mail.${shop.domain}>`,
      },
      [
        'Hi Alice,',
        '',
        `thank you for your order ${order}. We are getting it ready.`,
        '',
        `1 x ${shop.item}    ${shop.price} ${shop.cur}`,
        `Total charged to your Visa card ending in 4242: ${shop.price} ${shop.cur}`,
        '',
        'You will get another email when it ships.',
        '',
        `${shop.name}`,
        'Changed your mind? Returns are free within 30 days: see our returns policy.',
      ],
    ),
  };
}

/** A shipping notice: an order number and a tracking number, no case. */
export function shippingNotice(i: number): ArchiveMessage {
  const shop = SHOPS[i % SHOPS.length] as (typeof SHOPS)[number];
  const order = `${shop.prefix}-${880000 + i}`;
  const date = new Date(BASE + i * 5 * HOUR + 30 * HOUR);
  return {
    kind: 'shipping',
    caseNumber: null,
    date,
    text: message(
      {
        From: `${shop.name} <shipping@${shop.domain}>`,
        To: `Alice Martin <${ALICE}>`,
        Subject: `Your order ${order} has shipped`,
        Date: rfcDate(date),
        'Message-ID': `<ship.${i}.${order.toLowerCase()}@mail.${shop.domain}>`,
      },
      [
        'Hi Alice,',
        '',
        `good news: your order ${order} is on its way and should arrive within 2 days.`,
        `Tracking number: 1Z999AA1${String(10000000 + i)}`,
        '',
        `${shop.name}`,
      ],
    ),
  };
}

/** A newsletter: no number of any kind. */
export function newsletter(i: number): ArchiveMessage {
  const date = new Date(BASE + i * 9 * HOUR + 7 * HOUR);
  return {
    kind: 'newsletter',
    caseNumber: null,
    date,
    text: message(
      {
        From: 'Garden & Home Weekly <news@gardenhome-weekly.example>',
        To: ALICE,
        Subject: `Issue ${i + 1}: ten plants that thrive in shade`,
        Date: rfcDate(date),
        'Message-ID': `<issue.${i}@news.gardenhome-weekly.example>`,
        'List-Unsubscribe': '<https://gardenhome-weekly.example/unsubscribe>',
      },
      [
        'This week: ferns, hostas and the humble ivy.',
        '',
        'Our editors tested forty shade plants over two summers. Ten of them did better',
        'than we hoped, and three of them need almost no water at all.',
        '',
        'Read the full story on our website.',
        '',
        'You receive this newsletter because you subscribed at gardenhome-weekly.example.',
      ],
    ),
  };
}

/** An mbox (mboxrd): a From_ line before each message, `>From ` quoting, messages in date order. */
export function mboxOf(messages: ArchiveMessage[]): string {
  return [...messages]
    .sort((a, b) => a.date.getTime() - b.date.getTime())
    .map((m) => {
      const quoted = m.text.replace(/^(>*From )/gm, '>$1');
      return `From MAILER-DAEMON ${m.date.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, '$1 $3 $2 $5 $4')}\n${quoted}\n`;
    })
    .join('');
}
