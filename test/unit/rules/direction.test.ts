import { describe, expect, it } from 'vitest';
import { detectDirection } from '../../../src/rules/direction.js';
import { context, FORWARDER } from './message.js';

describe('direction', () => {
  it.each([
    [
      'the forwarder wrote it (inline forward of her own mail)',
      FORWARDER,
      'inline',
      [],
      'from_customer',
      'direction/sender-is-forwarder',
    ],
    [
      'the forwarder wrote it (attached)',
      FORWARDER,
      'attachment',
      [],
      'from_customer',
      'direction/sender-is-forwarder',
    ],
    [
      'another address of the customer',
      'alice.martin@work.example',
      'inline',
      ['Alice.Martin@Work.example'],
      'from_customer',
      'direction/sender-is-customer',
    ],
    [
      'a customer address, mail not forwarded',
      FORWARDER,
      'none',
      [FORWARDER],
      'from_customer',
      'direction/sender-is-customer',
    ],
    ['the merchant', 'lisa.chen@gtbuy.com', 'inline', [FORWARDER], 'from_support', 'direction/sender-is-not-forwarder'],
    [
      'a payment provider, not forwarded',
      'service@paypal.example',
      'none',
      [FORWARDER],
      'from_support',
      'direction/sender-is-not-forwarder',
    ],
    [
      'no customer list and not forwarded: support',
      FORWARDER,
      'none',
      [],
      'from_support',
      'direction/sender-is-not-forwarder',
    ],
  ] as const)('%s → %s', (_label, from, forward, customers, expected, rule) => {
    const found = detectDirection(
      context({ text: 'Hello.', from: { address: from, name: '' }, forward }, [...customers]),
    );
    expect(found.value).toBe(expected);
    expect(found.rule).toBe(rule);
  });

  it('a sender with no address is the support side', () => {
    expect(detectDirection(context({ text: 'Hello.', from: null }, [FORWARDER])).value).toBe('from_support');
  });
});
