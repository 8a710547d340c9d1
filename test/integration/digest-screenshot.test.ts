// The digest as a person sees it: rendered in headless Chromium (Debian's chromium, installed by
// scripts/services.sh) at desktop (900 px) and phone (375 px) widths. Asserts on what is laid out:
// the sections and their counts, nothing wider than the phone, and screenshots that show the sections'
// colours. The screenshots are kept in artifacts/digest/ (the README shows them). Without Chromium this
// test fails: it never skips.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, dumpDom, screenshot, type Viewport } from '../../scripts/lib/chromium.js';
import { digestContent } from '../../src/reports/digest-content.js';
import { type RenderedDigest, renderDigest } from '../../src/reports/digest-email.js';
import { escapeHtml } from '../../src/reports/escape.js';
import {
  ALL_CASES,
  DIGEST_DAY,
  LAST_DIGEST,
  OWNER,
  overdueGerman,
  QUARANTINE,
  resolvedGerman,
} from '../support/digest-cases.js';
import { countColour, decodePng, distinctColours } from '../support/png.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the screenshots stay after the run (gitignored; the README names it). */
const ARTIFACTS = join(repoRoot, 'artifacts', 'digest');

/** The section accents of digest-email.ts: each section's top border and title are drawn in them. */
const ACCENTS = { needsYou: '#b45309', waiting: '#1d4ed8', resolved: '#047857' };

interface Layout {
  innerWidth: number;
  scrollWidth: number;
  /** The right edge of the widest laid-out element. */
  maxRight: number;
  /** The bottom of the content, for a full-page screenshot. */
  contentHeight: number;
  /** h1 and h2 as the reader sees them (innerText), with whether they lie inside the width. */
  headings: { text: string; inside: boolean }[];
  /** The visible text of the page (innerText). */
  text: string;
}

/**
 * Lays the digest out in an iframe exactly `width` CSS pixels wide (Chromium's headless window is never
 * narrower than 500 px, an iframe is) and reads the layout back from a script in the outer page.
 */
async function layoutAt(html: string, width: number, name: string): Promise<Layout> {
  const page = `<!doctype html><html><body style="margin:0">
<iframe id="digest" style="border:0;width:${width}px;height:4000px" srcdoc="${escapeHtml(html)}"></iframe>
<script>
addEventListener('load', () => {
  const w = document.getElementById('digest').contentWindow;
  const d = w.document;
  const els = [...d.querySelectorAll('body *')];
  const rects = els.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 || r.height > 0);
  const layout = {
    innerWidth: w.innerWidth,
    scrollWidth: d.documentElement.scrollWidth,
    maxRight: Math.max(...rects.map((r) => r.right)),
    contentHeight: Math.ceil(Math.max(...rects.map((r) => r.bottom))),
    headings: [...d.querySelectorAll('h1, h2')].map((h) => {
      const r = h.getBoundingClientRect();
      return { text: h.innerText, inside: r.width > 0 && r.left >= 0 && r.right <= w.innerWidth };
    }),
    text: d.body.innerText,
  };
  const out = document.createElement('pre');
  out.id = 'layout';
  out.textContent = JSON.stringify(layout);
  document.body.appendChild(out);
});
</script></body></html>`;
  const file = join(ARTIFACTS, `.layout-${name}-${width}.html`);
  writeFileSync(file, page);
  const dom = await dumpDom(pathToFileURL(file).href, { width: 900, height: 800 });
  const json = /<pre id="layout">([^<]*)<\/pre>/.exec(dom)?.[1];
  if (!json) throw new Error(`no layout in Chromium's DOM dump of ${file}`);
  return JSON.parse(
    json.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&'),
  );
}

async function shoot(htmlFile: string, png: string, viewport: Viewport) {
  await screenshot(pathToFileURL(htmlFile).href, png, viewport);
  return decodePng(readFileSync(png));
}

function writeDigest(name: string, rendered: RenderedDigest): string {
  const file = join(ARTIFACTS, `${name}.html`);
  writeFileSync(file, rendered.html);
  writeFileSync(join(ARTIFACTS, `${name}.txt`), `Subject: ${rendered.subject}\n\n${rendered.text}\n`);
  return file;
}

const render = (cases = ALL_CASES) =>
  renderDigest(
    digestContent({
      owner: OWNER,
      date: DIGEST_DAY,
      since: LAST_DIGEST,
      cases,
      quarantine: QUARANTINE,
      timeZone: 'Europe/Berlin',
    }),
  );

beforeAll(() => {
  // Fails the file, with the way to fix it, when Chromium is missing.
  chromiumPath();
  mkdirSync(ARTIFACTS, { recursive: true });
});

describe('the digest in Chromium: German and English cases, English labels', () => {
  const rendered = render();
  let htmlFile = '';
  const layouts: Record<number, Layout> = {};

  beforeAll(async () => {
    htmlFile = writeDigest('digest', rendered);
    for (const width of [900, 375]) layouts[width] = await layoutAt(rendered.html, width, 'digest');
  }, 120_000);

  it.each([900, 375])('at %i px: the sections with their counts, inside the width', (width) => {
    const layout = layouts[width] as Layout;
    expect(layout.headings.map((h) => h.text)).toEqual([
      'Your refunds, 26 November 2026',
      'Needs you 3',
      'Waiting on the merchant 2',
      'Resolved since last time 1',
      'Money',
    ]);
    expect(layout.headings.every((h) => h.inside)).toBe(true);
    for (const visible of [
      '3 need you',
      'GTB-2026-5876',
      'refund-tracker cases confirm GTB-2026-5876',
      'Overdue since 20 November 2026, no reply since',
      'refund-tracker cases followup MN-4471-2026',
      'refund-tracker quarantine retry 6745f0c2a1b2c3d4e5f60718',
      'Waiting 7 days, promised by 1 December 2026',
      'Partial refund (35.00 EUR, transaction ERST-7781-0042)',
      '129.99 USD',
    ]) {
      expect(layout.text).toContain(visible);
    }
  });

  it('at 375 px nothing scrolls sideways, long order numbers and links included', () => {
    const layout = layouts[375] as Layout;
    expect(layout.innerWidth).toBe(375);
    expect(layout.scrollWidth).toBeLessThanOrEqual(375);
    expect(layout.maxRight).toBeLessThanOrEqual(375);
  });

  it('at 900 px the column stays readable (at most 640 px of content, centred)', () => {
    const layout = layouts[900] as Layout;
    expect(layout.scrollWidth).toBe(900);
    expect(layout.maxRight).toBeLessThanOrEqual((900 + 640) / 2 + 1);
  });

  it.each([900, 375])(
    'the %i px screenshot shows the page and each section’s colour',
    async (width) => {
      const height = Math.max(600, (layouts[width] as Layout).contentHeight + 16);
      const png = await shoot(htmlFile, join(ARTIFACTS, `digest-${width}.png`), { width, height });
      expect([png.width, png.height]).toEqual([width, height]);
      expect(distinctColours(png)).toBeGreaterThan(200);
      for (const accent of Object.values(ACCENTS)) expect(countColour(png, accent)).toBeGreaterThan(500);
    },
    120_000,
  );
});

describe('the digest in Chromium: a German user’s mail, German labels', () => {
  it('at 375 px: German sections, no sideways scroll, a screenshot', async () => {
    const rendered = render([overdueGerman, resolvedGerman]);
    expect(rendered.language).toBe('de');
    const htmlFile = writeDigest('digest-de', rendered);
    const layout = await layoutAt(rendered.html, 375, 'digest-de');
    expect(layout.headings.map((h) => h.text)).toEqual([
      'Ihre Erstattungen am 26. November 2026',
      'Braucht Sie 2',
      'Erledigt seit dem letzten Mal 1',
      'Geld',
    ]);
    expect(layout.text).toContain('Überfällig seit 20. November 2026, seitdem keine Antwort');
    expect(layout.scrollWidth).toBeLessThanOrEqual(375);
    const png = await shoot(htmlFile, join(ARTIFACTS, 'digest-de-375.png'), {
      width: 375,
      height: Math.max(600, layout.contentHeight + 16),
    });
    expect(countColour(png, ACCENTS.needsYou)).toBeGreaterThan(500);
    expect(countColour(png, ACCENTS.resolved)).toBeGreaterThan(500);
    expect(countColour(png, ACCENTS.waiting)).toBe(0); // no waiting section for this user
  }, 120_000);
});
