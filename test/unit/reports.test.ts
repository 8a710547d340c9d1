// Everything from mail is hostile until escaped for where it goes: HTML, CSV, Markdown, a terminal.
import { describe, expect, it } from 'vitest';
import { casesToCsv, casesToMarkdown, caseToText } from '../../src/reports/case-table.js';
import type { CaseView } from '../../src/reports/case-view.js';
import { csvField, escapeHtml, markdownCell, terminalSafe } from '../../src/reports/escape.js';

const SCRIPT = '<script>alert("x")</script>';

function hostileCase(overrides: Partial<CaseView> = {}): CaseView {
  return {
    owner: 'alice@example.net',
    caseNumber: 'GTB-2023-5876',
    merchant: 'gtbuy.com',
    orderNumber: 'GT20231012-88431',
    status: 'open',
    openedAt: new Date('2023-10-26T12:03:00Z'),
    issueDescription: 'Refund | for <b>undelivered</b> earbuds',
    resolution: null,
    suggestedResolution: null,
    createdAt: new Date('2023-11-02T10:00:00Z'),
    updatedAt: new Date('2023-11-02T10:00:00Z'),
    log: [
      {
        occurredAt: new Date('2023-10-27T16:30:00Z'),
        channel: 'email',
        direction: 'from_support',
        contactPerson: 'Lisa "Chen" <lisa@evil>',
        summary: `We looked into it. ${SCRIPT} \u001b[31mRED\u001b[0m`,
        nextSteps: 'Reply <img src=x onerror=alert(1)>',
        nextStepsDue: '2023-11-01',
      },
    ],
    ...overrides,
  };
}

describe('escapeHtml', () => {
  it.each([
    [SCRIPT, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'],
    [`It's "quoted" & <b>bold</b>`, 'It&#39;s &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;'],
    ['&amp;', '&amp;amp;'],
    [null, ''],
    [42, '42'],
  ])('%j → %j', (value, escaped) => {
    expect(escapeHtml(value)).toBe(escaped);
  });
});

describe('csvField', () => {
  it.each([
    // Formula injection: a spreadsheet must not run mail text.
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['=1+1', "'=1+1"],
    ['+49 211 555', "'+49 211 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    // RFC 4180 quoting.
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['plain', 'plain'],
    [null, ''],
  ])('%j → %s', (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});

describe('markdownCell', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['line1\nline2', 'line1 <br> line2'],
    ['<script>alert(1)</script> & co', '&lt;script&gt;alert(1)&lt;/script&gt; &amp; co'],
    ['line1\r\n\r\nline2', 'line1 <br> line2'],
    ['back\\slash|pipe', 'back\\\\slash\\|pipe'],
    ['  padded  ', 'padded'],
  ])('%j → %j', (value, cell) => {
    expect(markdownCell(value)).toBe(cell);
  });
});

describe('terminalSafe', () => {
  it.each([
    ['\u001b[31mred\u001b[0m text', 'red text'],
    ['\u001b[1;38;5;196mbold\u001b[m', 'bold'],
    ['\u009b31mred', 'red'], // 8-bit CSI
    ['\u001b]0;pwned title\u0007after', 'after'], // OSC window title
    ['\u001b]8;;http://evil.example\u001b\\link\u001b]8;;\u001b\\', 'link'], // OSC hyperlink
    ['bell\u0007 and backspace\u0008', 'bell and backspace'],
    ['tabs\tand\nnewlines stay', 'tabs\tand\nnewlines stay'],
  ])('%j → %j', (value, safe) => {
    expect(terminalSafe(value)).toBe(safe);
  });
});

describe('casesToMarkdown', () => {
  const resolved = hostileCase({
    status: 'resolved',
    resolution: {
      date: new Date('2023-11-02T09:47:00Z'),
      outcome: 'full_refund',
      amount: 129.99,
      currency: 'USD',
      transactionId: 'TXN781345',
    },
  });
  const markdown = casesToMarkdown([resolved]);
  const [header, separator, row] = markdown.trimEnd().split('\n');
  /** Cells of a table line, split on pipes that are not escaped. */
  const cells = (line = '') =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());

  it('has the six columns, in order', () => {
    expect(cells(header)).toEqual([
      'Case Number',
      'Date Opened',
      'Issue Description',
      'Communication Log (Date, Channel, Summary)',
      'Resolution Date',
      'Final Outcome',
    ]);
    expect(cells(separator)).toHaveLength(6);
  });

  it('one line per case, six cells even with pipes and newlines in mail text', () => {
    expect(markdown.trimEnd().split('\n')).toHaveLength(3);
    expect(cells(row)).toEqual([
      'GTB-2023-5876',
      '2023-10-26',
      'Refund \\| for &lt;b&gt;undelivered&lt;/b&gt; earbuds',
      expect.stringContaining('2023-10-27 (Email, Lisa "Chen" &lt;lisa@evil&gt;): We looked into it.'),
      '2023-11-02',
      'Full refund (129.99 USD, transaction TXN781345)',
    ]);
  });

  it('carries no terminal escape sequences', () => {
    expect(markdown).not.toContain('\u001b');
    expect(markdown).not.toContain('[31m');
    expect(markdown).toContain('RED');
  });
});

describe('casesToCsv and caseToText', () => {
  it('CSV: the same six columns first, then status, merchant, order and owner', () => {
    const [header] = casesToCsv([hostileCase()]).split('\r\n');
    expect(header).toBe(
      'Case Number,Date Opened,Issue Description,"Communication Log (Date, Channel, Summary)",Resolution Date,Final Outcome,Status,Merchant,Order Number,Owner',
    );
  });

  it('CSV: a formula in the issue description is defused', () => {
    const csv = casesToCsv([hostileCase({ issueDescription: '=HYPERLINK("http://evil.example","refund")' })]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""refund"")"`);
  });

  it('text: no escape sequences reach the terminal', () => {
    const text = caseToText(hostileCase());
    expect(text).not.toContain('\u001b');
    expect(text).toContain('We looked into it.');
  });
});
