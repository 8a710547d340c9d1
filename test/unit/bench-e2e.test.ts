// The pure parts of `npm run bench:e2e`: its percentile math, its summary line, and the mail it
// generates (trusted forwards whose originals are all distinct messages, grouped into cases).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMessages, hostileMessages, loadTemplates, type Template, variantOf } from '../../scripts/e2e/mail.js';
import { percentile, summarize, summaryLine } from '../../scripts/e2e/stats.js';
import { checkTrust } from '../../src/ingest/authentication-results.js';
import { parseInboundMessage } from '../../src/ingest/parse-message.js';

describe('bench:e2e figures', () => {
  it('takes the nearest-rank percentile', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
    expect(summarize(values)).toEqual({ count: 10, p50: 5, p95: 10, max: 10 });
  });

  it("ends with the summary line in the issue's exact form", () => {
    expect(summaryLine({ backfillRatio: 0.5234, arrivalP95Ms: 812.4, rssMb: 211.6, stallMs: 87.2 })).toBe(
      'e2e: backfill_ratio=0.52 arrival_p95_ms=812 rss_mb=212 stall_ms=87',
    );
    expect(summaryLine({ backfillRatio: Number.NaN, arrivalP95Ms: 1, rssMb: 2, stallMs: 3 })).toMatch(
      /^e2e: backfill_ratio=n\/a arrival_p95_ms=1 rss_mb=2 stall_ms=3$/,
    );
  });

  it('rewrites an identifier to another of the same shape', () => {
    expect(variantOf('GTB-2023-5876', 0)).toBe('GTB-2023-5876');
    const variants = Array.from({ length: 200 }, (_, k) => variantOf('GTB-2023-5876', k + 1));
    for (const v of variants) expect(v).toMatch(/^GTB-\d{4}-\d{4}$/);
    expect(new Set(variants).size).toBe(variants.length);
  });
});

describe('bench:e2e mail', () => {
  let templates: Template[];
  beforeAll(async () => {
    templates = await loadTemplates(join(import.meta.dirname, '..', 'fixtures'));
  });

  it('builds trusted forwards whose originals are distinct, several to a case', async () => {
    expect(templates.length).toBeGreaterThan(50);
    const messages = generateMessages(templates, 300, { tag: 't' });
    expect(messages).toHaveLength(300);
    const parsed = await Promise.all(messages.map((m) => parseInboundMessage(m.raw, { maxBytes: 25 * 1024 * 1024 })));
    expect(new Set(parsed.map((p) => p.messageKey)).size).toBe(300);
    const trust = { mode: 'auth-results' as const, authservIds: ['mx.tracker.example.net'] };
    parsed.forEach((p, i) => {
      expect(p.forward).toBe('attachment');
      expect(p.envelopeFrom?.address).toBe('alice@example.net');
      expect(checkTrust(p, trust).trusted).toBe(true);
      expect(p.original.messageId).toBe(messages[i]?.originalMessageId);
    });
    const perCase = new Map<number, number>();
    for (const m of messages) perCase.set(m.caseIndex, (perCase.get(m.caseIndex) ?? 0) + 1);
    expect(Math.max(...perCase.values())).toBeGreaterThan(1);
    // Another set (the arrivals) shares no key with the first.
    const other = generateMessages(templates, 20, { tag: 'u', firstCase: 500_000 });
    const otherKeys = await Promise.all(
      other.map(async (m) => (await parseInboundMessage(m.raw, { maxBytes: 25 * 1024 * 1024 })).messageKey),
    );
    const keys = new Set(parsed.map((p) => p.messageKey));
    expect(otherKeys.some((k) => keys.has(k))).toBe(false);
  });

  it('gives the same case and order number to one case and other numbers to the next case of a template', async () => {
    const t = templates.length;
    // Cases 0 and t share template 0 with different variants.
    const messages = generateMessages(templates, 10 * t, { tag: 'v' });
    const first = messages.filter((m) => m.caseIndex === 0);
    const again = messages.filter((m) => m.caseIndex === t);
    const number = templates[0]?.numbers[0] ?? '';
    const textOf = async (raw: Buffer) => {
      const p = await parseInboundMessage(raw, { maxBytes: 25 * 1024 * 1024 });
      return `${p.original.subject}\n${p.original.text}`;
    };
    for (const m of first) expect(await textOf(m.raw)).toContain(variantOf(number, 1));
    for (const m of again) {
      const text = await textOf(m.raw);
      expect(text).toContain(variantOf(number, 2));
      expect(text).not.toContain(number);
    }
  });

  it('builds the hostile set at the sizes the issue names', async () => {
    const set = hostileMessages('h', { big: false });
    expect(set.map((h) => h.name)).toEqual(['text-1mb-paragraph', 'html-12000-nested-divs', 'base64-2mb-attachment']);
    const text = await parseInboundMessage(set[0]?.raw ?? Buffer.alloc(0), { maxBytes: 25 * 1024 * 1024 });
    // The parser keeps the first MiB of text: the paragraph reaches it whole, one line to its end.
    expect(text.original.text.trim().split('\n').at(-1)?.length).toBeGreaterThan(1_000_000);
    const html = decodedPart(set[1]?.raw ?? Buffer.alloc(0), 'text/html');
    expect(html.split('<div>').length - 1).toBe(12_000);
    expect(html.split('</div>').length - 1).toBe(12_000);
    expect(decodedPart(set[2]?.raw ?? Buffer.alloc(0), 'application/octet-stream').length).toBe(2 * 1024 * 1024);
  });
});

/** The base64 body of the first part of `type` in a generated message, decoded (latin1: bytes as chars). */
function decodedPart(raw: Buffer, type: string): string {
  const lines = raw.toString('utf8').split('\r\n');
  const at = lines.findIndex((l) => l.startsWith(`Content-Type: ${type}`));
  const body = lines.indexOf('', at);
  const end = lines.findIndex((l, i) => i > body && (l.startsWith('--') || l === ''));
  return Buffer.from(lines.slice(body + 1, end).join(''), 'base64').toString('latin1');
}
