// The digest as mail: labels in the user's language, every value from mail escaped in the HTML and
// verbatim in the text, commands the user can paste, and the headers of an automatic message.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import type { CaseRecord } from '../../src/models/case-store.js';
import type { CaseView } from '../../src/reports/case-view.js';
import { digestContent } from '../../src/reports/digest-content.js';
import { commands, renderDigest, shellWord } from '../../src/reports/digest-email.js';
import type { ReportLanguage } from '../../src/reports/labels.js';
import type { CaseStatus, Channel, Direction, Outcome } from '../../src/rules/case-terms.js';
import { type DigestMailer, digestHeaders, digestMessageId, sendDigest } from '../../src/workers/digest.js';
import {
  ALL_CASES,
  caseView,
  DIGEST_DAY,
  entry,
  LAST_DIGEST,
  OWNER,
  overdueGerman,
  QUARANTINE,
  resolvedGerman,
} from '../support/digest-cases.js';

const SCRIPT = '<script>alert("x")</script>';

/** The store's record behind a view (what `caseFiles` returns; the digest maps it with caseViewOf). */
function recordOf(view: CaseView): CaseRecord {
  const resolution = (r: CaseView['resolution'] | CaseView['suggestedResolution']) =>
    r
      ? {
          date: 'date' in r && r.date ? r.date : view.openedAt,
          outcome: r.outcome as Outcome,
          amount: r.amount,
          currency: r.currency,
          transactionId: 'transactionId' in r ? (r.transactionId ?? null) : null,
          sourceMessageId: 'm1',
          confidence: null,
          sentence: null,
          rule: null,
        }
      : null;
  return {
    owner: view.owner,
    caseNumber: view.caseNumber,
    keyKind: view.keyKind ?? 'case',
    merchant: view.merchant,
    orderNumber: view.orderNumber,
    status: view.status as CaseStatus,
    openedAt: view.openedAt,
    lastMessageAt: view.log.at(-1)?.occurredAt ?? null,
    issueDescription: view.issueDescription,
    resolution: resolution(view.resolution),
    suggestedResolution: resolution(view.suggestedResolution),
    statusHistory: [],
    manualChanges: [],
    attention: view.attention ?? [],
    mailAfterUserClose: null,
    createdAt: view.createdAt ?? view.openedAt,
    updatedAt: view.updatedAt ?? view.openedAt,
    log: view.log.map((e, i) => ({
      messageKey: `m${i}`,
      messageId: null,
      occurredAt: e.occurredAt,
      channel: e.channel as Channel,
      direction: e.direction as Direction,
      contactPerson: e.contactPerson,
      summary: e.summary,
      nextSteps: e.nextSteps,
      nextStepsDue: e.nextStepsDue,
      subject: e.subject ?? '',
      fromAddress: e.fromAddress ?? null,
      addedBy: null,
    })),
  };
}

const render = (cases: CaseView[], language?: ReportLanguage) =>
  renderDigest(
    digestContent({
      owner: OWNER,
      date: DIGEST_DAY,
      since: LAST_DIGEST,
      cases,
      quarantine: QUARANTINE,
      timeZone: 'Europe/Berlin',
      language,
    }),
  );

const hostile = caseView({
  caseNumber: 'GTB-2023-5876',
  merchant: 'evil<b>.example',
  issueDescription: 'Refund | for <b>undelivered</b> earbuds',
  suggestedResolution: { outcome: 'full_refund', amount: 129.99, currency: 'USD' },
  log: [
    entry({
      occurredAt: new Date('2026-11-20T16:30:00Z'),
      contactPerson: 'Lisa "Chen" <lisa@evil>',
      summary: `We looked into it. ${SCRIPT}`,
      nextSteps: 'Reply <img src=x onerror=alert(1)>',
      nextStepsDue: '2026-11-21',
    }),
  ],
});

describe('renderDigest: escaping', () => {
  const digest = render([hostile]);

  it('no markup from mail reaches the HTML', () => {
    expect(digest.html).not.toContain('<script');
    expect(digest.html).not.toContain('<img');
    expect(digest.html).not.toContain('<b>');
    expect(digest.html).toContain('We looked into it. &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(digest.html).toContain('Lisa &quot;Chen&quot; &lt;lisa@evil&gt;');
    expect(digest.html).toContain('evil&lt;b&gt;.example');
  });

  it('the text part keeps mail text verbatim', () => {
    expect(digest.text).toContain(`We looked into it. ${SCRIPT}`);
    expect(digest.text).toContain('Refund | for <b>undelivered</b> earbuds');
  });

  it('a hostile quarantined subject is escaped too', () => {
    const html = renderDigest(
      digestContent({
        owner: OWNER,
        date: DIGEST_DAY,
        since: LAST_DIGEST,
        cases: [],
        quarantine: [{ ...QUARANTINE[0], id: 'abc', subject: `Refund ${SCRIPT}` } as (typeof QUARANTINE)[number]],
      }),
    ).html;
    expect(html).not.toContain('<script');
    expect(html).toContain('Refund &lt;script&gt;');
  });
});

describe('renderDigest: quarantined mail no user forwarded', () => {
  const withItems = (owner: string | null, language: ReportLanguage) =>
    renderDigest(
      digestContent({
        owner: OWNER,
        date: DIGEST_DAY,
        since: LAST_DIGEST,
        cases: [],
        quarantine: [{ ...QUARANTINE[0], id: 'q1', reason: 'unparseable', owner } as (typeof QUARANTINE)[number]],
        language,
      }),
    );

  it.each<[ReportLanguage, string]>([
    ['en', 'not forwarded by a user: every user sees it'],
    ['de', 'von keinem Nutzer weitergeleitet: alle Nutzer sehen es'],
    ['fr', 'transféré par aucun utilisateur : tous les utilisateurs le voient'],
    ['es', 'no lo reenvió ningún usuario: todos los usuarios lo ven'],
  ])(
    '%s: says every user sees it, in the text and the HTML; the owner’s own says nothing of the kind',
    (language, label) => {
      const unowned = withItems(null, language);
      expect(unowned.text).toContain(label);
      expect(unowned.html).toContain(label);
      const owned = withItems(OWNER, language);
      expect(owned.text).not.toContain(label);
      expect(owned.html).not.toContain(label);
    },
  );
});

describe('renderDigest: sections, counts and commands', () => {
  const digest = render(ALL_CASES, 'en');

  it('the subject counts what needs the user (quarantine included), what waits, what was resolved', () => {
    expect(digest.subject).toBe('Refunds 26 November 2026: 3 need you, 2 waiting, 1 resolved');
  });

  it('text: each section with its count, each case once', () => {
    for (const heading of ['NEEDS YOU (3)', 'WAITING ON THE MERCHANT (2)', 'RESOLVED SINCE LAST TIME (1)', 'MONEY']) {
      expect(digest.text).toContain(heading);
    }
    for (const c of ['GTB-2026-5876', 'MN-4471-2026', 'NW-88310', 'KX-20931']) {
      expect(digest.text.split(`* ${c} `).length - 1).toBe(1);
    }
    expect(digest.text).not.toContain('A7-55120'); // resolved before the last digest
    expect(digest.text).not.toContain('Someone else’s mail'); // another user's quarantine
  });

  it('the commands that act: confirm (or reply), follow up, retry; details in cases show', () => {
    expect(digest.text).toContain(
      '> Confirm: refund-tracker cases confirm GTB-2026-5876 (or reply “confirm GTB-2026-5876”)',
    );
    expect(digest.text).toContain('! Overdue since 20 November 2026, no reply since');
    expect(digest.text).toContain('> Follow up: refund-tracker cases followup MN-4471-2026');
    expect(digest.text).toContain('> Retry: refund-tracker quarantine retry 6745f0c2a1b2c3d4e5f60718');
    expect(digest.text).toContain('refund-tracker cases show CASE');
  });

  it('waiting: how long and the promised date; resolved: outcome, amount, transaction', () => {
    expect(digest.text).toContain('~ Waiting 7 days, promised by 1 December 2026');
    expect(digest.text).toContain('= Partial refund (35.00 EUR, transaction ERST-7781-0042) · 25 November 2026');
  });

  it('money: outstanding and refunded this month, by currency', () => {
    expect(digest.text).toContain('Still outstanding: 129.99 USD');
    expect(digest.text).toContain('3 open cases without a known amount');
    expect(digest.text).toContain('Refunded in November 2026: 35.00 EUR, 18.50 GBP');
  });

  it('HTML: one narrow column that wraps long tokens, phone viewport, the language', () => {
    expect(digest.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(digest.html).toContain('max-width:640px');
    expect(digest.html).toContain('overflow-wrap:anywhere');
    expect(digest.html).toContain('<html lang="en">');
    expect(digest.html).not.toMatch(/<table/i);
    expect(digest.html).not.toMatch(/<(?:script|style|link)\b/i);
  });
});

describe('renderDigest: the user’s language', () => {
  it.each<[ReportLanguage, string, string[]]>([
    [
      'de',
      'Erstattungen 26. November 2026: 3 für Sie, 2 wartend, 1 erledigt',
      [
        'BRAUCHT SIE (3)',
        'WARTET AUF DEN HÄNDLER (2)',
        'ERLEDIGT SEIT DEM LETZTEN MAL (1)',
        'Überfällig seit 20. November 2026',
      ],
    ],
    [
      'fr',
      'Remboursements 26 novembre 2026 : 3 pour vous, 2 en attente, 1 réglé',
      ['À VOUS DE JOUER (3)', 'EN ATTENTE DU MARCHAND (2)', 'En retard depuis le 20 novembre 2026'],
    ],
    [
      'es',
      'Reembolsos 26 de noviembre de 2026: 3 para usted, 2 en espera, 1 resuelto',
      ['LE NECESITA (3)', 'ESPERANDO AL COMERCIO (2)', 'Vencido desde el 20 de noviembre de 2026'],
    ],
  ])('%s', (language, subject, phrases) => {
    const digest = render(ALL_CASES, language);
    expect(digest.subject).toBe(subject);
    expect(digest.language).toBe(language);
    expect(digest.html).toContain(`<html lang="${language}">`);
    for (const p of phrases) expect(digest.text).toContain(p);
  });

  it('German mail gets German labels without any setting', () => {
    const digest = render([overdueGerman, resolvedGerman]);
    expect(digest.language).toBe('de');
    expect(digest.text).toContain('BRAUCHT SIE (2)'); // the overdue case and the quarantined message
  });
});

describe('shellWord: commands the user pastes never run mail text', () => {
  it.each([
    ['GTB-2023-5876', 'GTB-2023-5876'],
    ['order:112-7734120-5512398', 'order:112-7734120-5512398'],
    ['A B', "'A B'"],
    ['$(rm -rf ~)', "'$(rm -rf ~)'"],
    ["it's", "'it'\\''s'"],
    ['x;reboot', "'x;reboot'"],
  ])('%j → %s', (value, word) => {
    expect(shellWord(value)).toBe(word);
  });

  it('in a command', () => {
    expect(commands.confirm('A B')).toBe("refund-tracker cases confirm 'A B'");
  });
});

describe('the digest mail', () => {
  it.each([
    ['digest@tracker.example.net', '<digest.2026-11-26.'],
    ['Digest@Mail.Example.ORG', '<digest.2026-11-26.'],
  ])('Message-ID on the sender’s domain (%s)', (from, prefix) => {
    const id = digestMessageId(OWNER, DIGEST_DAY, from);
    expect(id.startsWith(prefix)).toBe(true);
    expect(id.endsWith(`@${from.split('@')[1]?.toLowerCase()}>`)).toBe(true);
    expect(id).not.toContain('@refund-tracker>');
    expect(digestMessageId(OWNER, DIGEST_DAY, from)).toBe(id);
    expect(digestMessageId('bob@example.org', DIGEST_DAY, from)).not.toBe(id);
    expect(digestMessageId(OWNER, '2026-11-27', from)).not.toBe(id);
  });

  it('headers of an automatic message', () => {
    expect(digestHeaders('de')).toEqual({
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'Content-Language': 'de',
    });
  });

  it('sendDigest: display name, headers, and the Message-ID recorded for replies', async () => {
    const sent: Parameters<DigestMailer['sendMail']>[0][] = [];
    const marked: string[] = [];
    const result = await sendDigest(OWNER, DIGEST_DAY, {
      cases: { caseFiles: async () => [overdueGerman, resolvedGerman].map(recordOf) },
      quarantine: { list: async () => [] },
      digests: {
        claim: async () => true,
        release: async () => undefined,
        markSent: async (_owner, _date, messageId) => {
          marked.push(messageId);
        },
        lastSentAt: async () => LAST_DIGEST,
      },
      mailer: {
        sendMail: async (m) => {
          sent.push(m);
          return { messageId: m.messageId };
        },
      },
      from: 'digest@tracker.example.net',
      now: () => new Date('2026-11-26T06:00:00Z'),
      logger: createLogger('silent'),
      options: { timeZone: 'Europe/Berlin' },
    });
    expect(result.status).toBe('sent');
    const [mail] = sent;
    expect(mail?.from).toEqual({ name: 'Erstattungs-Tracker', address: 'digest@tracker.example.net' });
    expect(mail?.headers?.['Auto-Submitted']).toBe('auto-generated');
    expect(mail?.subject).toBe('Erstattungen 26. November 2026: 1 für Sie, 0 wartend, 1 erledigt');
    expect(marked).toEqual([mail?.messageId]);
    expect(result).toEqual({ status: 'sent', messageId: mail?.messageId });
  });
});

describe('renderDigest: what the merchant asked, and mail after the user closed a case', () => {
  it.each<[ReportLanguage, string]>([
    ['en', '! The merchant asked you to act by 30 November 2026: “Please send photos of the damage.”'],
    ['de', '! Der Händler bat Sie, bis 30. November 2026 zu handeln: „Please send photos of the damage.“'],
    ['fr', '! Le marchand vous a demandé d’agir avant le 30 novembre 2026 : « Please send photos of the damage. »'],
  ])('%s', (language, line) => {
    const asked = caseView({
      caseNumber: 'Y-1',
      status: 'awaiting_customer',
      log: [
        entry({
          occurredAt: new Date('2026-11-24T10:00:00Z'),
          summary: 'We need more information.',
          nextSteps: 'Please send photos of the damage.',
          nextStepsDue: '2026-11-30',
        }),
      ],
    });
    const text = render([asked], language).text;
    expect(text).toContain(line);
  });

  it('mail after the user closed it points to cases show', () => {
    const closed = caseView({
      caseNumber: 'C-1',
      status: 'resolved',
      attention: ['mail_after_user_close'],
      resolution: {
        date: new Date('2026-11-20T10:00:00Z'),
        outcome: 'denied',
        amount: null,
        currency: null,
        transactionId: null,
      },
    });
    const text = render([closed], 'en').text;
    expect(text).toContain('! New mail after you closed it');
    expect(text).toContain('> Details: refund-tracker cases show C-1');
  });
});
