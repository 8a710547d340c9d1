// The receiving server's Authentication-Results (RFC 8601), read the way real servers write them, and
// the trust decision built on them: a forger can write any header but the topmost one with our id.
import { describe, expect, it } from 'vitest';
import {
  aligned,
  checkTrust,
  organizationalDomain,
  parseAuthenticationResults,
  receivingServerHeader,
  type TrustConfig,
} from '../../src/ingest/authentication-results.js';
import type { InboundMessage } from '../../src/ingest/inbound-message.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';

/** Header values as they arrive, folded with CRLF + whitespace (parse-message unfolds them). */
const unfold = (value: string) => value.replace(/\r?\n[ \t]+/g, ' ').trim();

const GMAIL = unfold(`mx.google.com;
       dkim=pass header.i=@gtbuy.com header.s=s1 header.b=Xk3pQ9aB;
       spf=pass (google.com: domain of bounces+2291@em.gtbuy.com designates 167.89.12.34 as permitted sender) smtp.mailfrom="bounces+2291@em.gtbuy.com";
       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=gtbuy.com`);

const MICROSOFT_365 = unfold(`spf=pass (sender IP is 209.85.128.41)
 smtp.mailfrom=example.net; dkim=pass (signature was verified)
 header.d=example.net;dmarc=pass action=none
 header.from=example.net;compauth=pass reason=100`);

const FASTMAIL = unfold(`mx4.messagingengine.com;
    arc=none (no signatures found);
    dkim=pass (2048-bit rsa key sha256) header.d=example.net header.i=@example.net header.b=Gx1a2B3c header.a=rsa-sha256 header.s=fm1 x-bits=2048;
    dmarc=pass policy.published-domain-policy=reject policy.applied-disposition=none policy.evaluated-disposition=none (p=reject,d=none,d.eval=none) policy.policy-from=p header.from=example.net;
    iprev=pass smtp.remote-ip=66.111.4.25 (out1-smtp.messagingengine.com);
    spf=pass smtp.mailfrom=alice@example.net smtp.helo=out1-smtp.messagingengine.com;
    x-aligned-from=pass (Address match)`);

const OPENDMARC_FAIL = 'mail.example.org; dmarc=fail (p=reject dis=none) header.from=example.net';
const OPENDKIM_OTHER_DOMAIN = unfold(`mail.example.org;
\tdkim=pass (2048-bit key; unprotected) header.d=bulkmailer.example header.i=@bulkmailer.example header.b="q8Zx;v2=1"`);

describe('parseAuthenticationResults: real shapes', () => {
  it.each([
    [
      'Gmail',
      GMAIL,
      'mx.google.com',
      [
        ['dkim', 'pass', 'header.i', '@gtbuy.com'],
        ['spf', 'pass', 'smtp.mailfrom', 'bounces+2291@em.gtbuy.com'],
        ['dmarc', 'pass', 'header.from', 'gtbuy.com'],
      ],
    ],
    [
      'Microsoft 365 (no authserv-id)',
      MICROSOFT_365,
      '-',
      [
        ['spf', 'pass', 'smtp.mailfrom', 'example.net'],
        ['dkim', 'pass', 'header.d', 'example.net'],
        ['dmarc', 'pass', 'header.from', 'example.net'],
        ['compauth', 'pass', 'reason', '100'],
      ],
    ],
    [
      'Fastmail',
      FASTMAIL,
      'mx4.messagingengine.com',
      [
        ['arc', 'none', 'header.d', undefined],
        ['dkim', 'pass', 'header.d', 'example.net'],
        ['dmarc', 'pass', 'header.from', 'example.net'],
        ['iprev', 'pass', 'smtp.remote-ip', '66.111.4.25'],
        ['spf', 'pass', 'smtp.mailfrom', 'alice@example.net'],
        ['x-aligned-from', 'pass', 'header.d', undefined],
      ],
    ],
    ['OpenDMARC', OPENDMARC_FAIL, 'mail.example.org', [['dmarc', 'fail', 'header.from', 'example.net']]],
    [
      'OpenDKIM, a quoted value holding ";"',
      OPENDKIM_OTHER_DOMAIN,
      'mail.example.org',
      [['dkim', 'pass', 'header.b', 'q8Zx;v2=1']],
    ],
    [
      'a version and nested comments',
      'mx.example.org 1; dkim/1 = pass (good (really; yes)) header . d = example.net',
      'mx.example.org',
      [['dkim', 'pass', 'header.d', 'example.net']],
    ],
    ['no result at all', 'mx.example.org; none', 'mx.example.org', []],
  ])('%s', (_what, value, id, expected) => {
    const parsed = parseAuthenticationResults(value);
    expect(parsed?.authservId).toBe(id);
    expect(parsed?.results.map((r) => r.method)).toEqual(expected.map((e) => e[0]));
    for (const [method, result, key, value] of expected) {
      const found = parsed?.results.find((r) => r.method === method);
      expect(found?.result).toBe(result);
      expect(found?.properties[key as string]).toBe(value);
    }
  });
});

describe('parseAuthenticationResults: hostile input', () => {
  it.each([
    ['100 000 nested comments', `mx.example.org; dmarc=pass ${'('.repeat(100_000)}x${')'.repeat(100_000)}`],
    ['an unterminated quote', `mx.example.org; dkim=pass header.b="${'a;'.repeat(5_000)}`],
    ['20 000 statements', `mx.example.org;${' x=y;'.repeat(20_000)}`],
  ])('%s: answers at once, never a pass it did not state', (_what, value) => {
    const started = performance.now();
    const parsed = parseAuthenticationResults(value);
    expect(performance.now() - started).toBeLessThan(500);
    expect(
      parsed?.results.some((r) => r.method === 'dmarc' && r.result === 'pass' && r.properties['header.from']),
    ).toBeFalsy();
  });
});

describe('receivingServerHeader: only the topmost header with our id', () => {
  const forgedPass = 'mx.tracker.example.net; dkim=pass header.d=example.net; dmarc=pass header.from=example.net';
  const realFail = 'mx.tracker.example.net; spf=fail smtp.mailfrom=evil.example; dmarc=fail header.from=example.net';
  it.each([
    ['the real one above a forged one', [realFail, forgedPass], ['mx.tracker.example.net'], 'fail'],
    [
      "another server's header above ours is skipped",
      ['mx.google.com; dmarc=pass header.from=example.net', realFail],
      ['mx.tracker.example.net'],
      'fail',
    ],
    ['a wrong authserv-id is never ours', [forgedPass], ['mx.other.example'], null],
    ['ids compare without case', [realFail.toUpperCase()], ['mx.tracker.example.net'], 'fail'],
    ['a wildcard id takes any mx of the domain', [FASTMAIL], ['*.messagingengine.com'], 'pass'],
    [
      'a wildcard does not take the bare look-alike',
      ['evilmessagingengine.com; dmarc=pass header.from=example.net'],
      ['*.messagingengine.com'],
      null,
    ],
    ['"-" takes Microsoft 365\'s id-less header', [MICROSOFT_365], ['-'], 'pass'],
  ])('%s', (_what, headers, ids, dmarc) => {
    const header = receivingServerHeader(headers, ids);
    expect(header ? (header.results.find((r) => r.method === 'dmarc')?.result ?? null) : null).toBe(dmarc);
  });
});

describe('organizational domains and relaxed alignment', () => {
  it.each([
    ['mail.example.net', 'example.net'],
    ['example.net', 'example.net'],
    ['em.shop.co.uk', 'shop.co.uk'],
    ['news.loja.com.br', 'loja.com.br'],
    ['a.b.example.de', 'example.de'],
  ])('%s → %s', (domain, org) => expect(organizationalDomain(domain)).toBe(org));

  it.each([
    ['mail.example.net', 'example.net', true],
    ['example.net', 'example.org', false],
    ['shop.co.uk', 'other.co.uk', false],
    ['', 'example.net', false],
  ])('%s ~ %s: %s', (a, b, expected) => expect(aligned(a, b)).toBe(expected));
});

const AUTH: TrustConfig = { mode: 'auth-results', authservIds: ['mx.tracker.example.net'] };
const ID = 'mx.tracker.example.net';

function message(from: string, headers: string[], auto?: 'resent-from' | 'x-forwarded-for'): InboundMessage {
  const address = { address: from, name: '' };
  return {
    envelopeMessageId: null,
    envelopeFrom: address,
    envelopeDate: null,
    envelopeSubject: '',
    forward: auto ? 'auto' : 'inline',
    forwardedVia: auto,
    authenticationResults: headers,
    original: { from: address, to: [], date: null, subject: '', messageId: null, text: '' },
    messageKey: 'k',
  };
}

describe('checkTrust: mail from the forwarder', () => {
  it.each([
    ['dmarc=pass for the From domain', [`${ID}; dmarc=pass (p=none dis=none) header.from=example.net`], true],
    ['dmarc=pass without header.from', [`${ID}; dmarc=pass`], true],
    ['dkim=pass from a subdomain of the From domain', [`${ID}; dkim=pass header.d=mail.example.net; dmarc=none`], true],
    ['dkim=pass with header.i only', [`${ID}; dkim=pass header.i=@example.net`], true],
    [
      'dmarc=fail',
      [`${ID}; dkim=none; spf=softfail smtp.mailfrom=evil.example; dmarc=fail header.from=example.net`],
      false,
    ],
    [
      'dkim=pass for another domain',
      [`${ID}; dkim=pass header.d=bulkmailer.example; dmarc=fail header.from=example.net`],
      false,
    ],
    ['dmarc=pass for another domain', [`${ID}; dmarc=pass header.from=evil.example`], false],
    ['spf=pass alone (SPF is not aligned with From)', [`${ID}; spf=pass smtp.mailfrom=example.net`], false],
    [
      'a forged pass below the real fail',
      [`${ID}; dmarc=fail header.from=example.net`, `${ID}; dmarc=pass header.from=example.net`],
      false,
    ],
    ['a pass from another server only', ['mx.google.com; dmarc=pass header.from=example.net'], false],
    ['no header at all', [], false],
  ])('%s → trusted %s', (_what, headers, trusted) => {
    expect(checkTrust(message('alice@example.net', headers), AUTH).trusted).toBe(trusted);
  });

  it('says what the server found when it does not vouch', () => {
    const decision = checkTrust(
      message('alice@example.net', [`${ID}; dmarc=fail (p=reject) header.from=example.net`]),
      AUTH,
    );
    expect(decision).toEqual({
      trusted: false,
      detail: `dmarc=fail header.from=example.net for example.net (authserv-id ${ID})`,
    });
  });

  it('from-only takes the From as it is', () => {
    expect(checkTrust(message('alice@example.net', []), { mode: 'from-only', authservIds: [] }).trusted).toBe(true);
  });
});

describe('checkTrust: a redirect named by Resent-From / X-Forwarded-For', () => {
  it.each([
    [
      "Gmail auto-forward: the envelope is the forwarder's own",
      'x-forwarded-for',
      `${ID}; spf=pass smtp.mailfrom=alice+caf_=cases=tracker.example.net@example.net; dmarc=pass header.from=shop.example`,
      true,
    ],
    [
      "Sieve redirect through SRS at the forwarder's domain",
      'resent-from',
      `${ID}; spf=pass smtp.mailfrom=SRS0=Hx2a=TQ=shop.example=help@example.net; dkim=pass header.d=shop.example`,
      true,
    ],
    [
      "dkim=pass with the forwarder's own header.i",
      'resent-from',
      `${ID}; dkim=pass header.i=alice@example.net header.d=example.net`,
      true,
    ],
    [
      'a stranger: the verdict covers the stranger only',
      'x-forwarded-for',
      `${ID}; spf=pass smtp.mailfrom=mallory@evil.example; dmarc=pass header.from=evil.example`,
      false,
    ],
    [
      "another user of the forwarder's domain",
      'x-forwarded-for',
      `${ID}; spf=pass smtp.mailfrom=mallory@example.net; dkim=pass header.d=example.net`,
      false,
    ],
    [
      "the support side's own pass does not vouch for the forwarder",
      'resent-from',
      `${ID}; dkim=pass header.d=shop.example; dmarc=pass header.from=shop.example`,
      false,
    ],
    ["spf=fail for the forwarder's envelope", 'resent-from', `${ID}; spf=fail smtp.mailfrom=alice@example.net`, false],
  ])('%s → trusted %s', (_what, via, header, trusted) => {
    const decision = checkTrust(message('alice@example.net', [header], via as 'resent-from'), AUTH);
    expect(decision.trusted).toBe(trusted);
  });

  it.each(['resent-from', 'x-forwarded-for'] as const)('from-only never believes %s', (via) => {
    const decision = checkTrust(message('alice@example.net', [], via), { mode: 'from-only', authservIds: [] });
    expect(decision.trusted).toBe(false);
  });
});

describe('parseInboundMessage exposes the headers, topmost first', () => {
  it('keeps every Authentication-Results header, unfolded, in order', async () => {
    const raw = [
      'Received: from mx.tracker.example.net by imap.tracker.example.net with LMTP; Mon, 30 Oct 2023 14:00:01 +0000',
      `Authentication-Results: ${ID};\r\n\tdmarc=fail (p=reject dis=none)\r\n\theader.from=example.net`,
      'Received: from evil.example (evil.example [203.0.113.9]) by mx.tracker.example.net; Mon, 30 Oct 2023 14:00:00 +0000',
      `Authentication-Results: ${ID}; dmarc=pass header.from=example.net`,
      'X-Forwarded-For: alice@example.net cases@tracker.example.net',
      'From: GTBuy Refunds <refunds@gtbuy.com>',
      'To: cases@tracker.example.net',
      'Subject: Case GTB-2023-5876',
      'Date: Mon, 30 Oct 2023 13:59:00 +0000',
      'Message-ID: <forged.1@evil.example>',
      '',
      'Full refund approved.',
      '',
    ].join('\r\n');
    const parsed = await parseInboundMessage(Buffer.from(raw), { maxBytes: 1024 * 1024 });
    expect(parsed.forward).toBe('auto');
    expect(parsed.forwardedVia).toBe('x-forwarded-for');
    expect(parsed.authenticationResults).toEqual([
      `${ID}; dmarc=fail (p=reject dis=none) header.from=example.net`,
      `${ID}; dmarc=pass header.from=example.net`,
    ]);
    expect(checkTrust(parsed, AUTH)).toMatchObject({ trusted: false });
  });
});
