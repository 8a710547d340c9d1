// A follow-up the user can send as it is: to the merchant's support address, answering their last
// subject with the case number, in the correspondence's language, with what was promised and the log.
import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../src/reports/case-view.js';
import { followupDraft, promiseOf } from '../../src/reports/followup-draft.js';
import type { ReportLanguage } from '../../src/reports/labels.js';
import { caseView, DIGEST_DAY, entry, orderKeyed, overdueGerman, waitingEnglish } from '../support/digest-cases.js';

describe('followupDraft: a German case whose promised date has passed', () => {
  const draft = followupDraft(overdueGerman, { today: DIGEST_DAY });

  it('goes to the merchant’s support address, answering their last subject', () => {
    expect(draft.to).toBe('kundenservice@modehaus-nord.de');
    expect(draft.subject).toBe('Re: Ihre Anfrage zu Bestellung 30018842 [MN-4471-2026]');
  });

  it('is written in German: the case, the promise and its date, the log so far', () => {
    expect(draft.language).toBe('de');
    expect(draft.text).toBe(
      [
        'Guten Tag,',
        '',
        'ich schreibe Ihnen wegen meines Falls MN-4471-2026 (Bestellung 30018842).',
        'Am 12. November 2026 schrieben Sie: „Wir melden uns bis zum 20.11. mit einer Entscheidung.“ Das war bis 20. November 2026 zugesagt, und seitdem habe ich nichts von Ihnen gehört.',
        '',
        'Könnten Sie mir bitte mitteilen, wie der Stand meiner Erstattung ist und wann ich damit rechnen kann?',
        '',
        'Zur Übersicht unser bisheriger Austausch:',
        '- 9. November 2026, Webformular, ich: Ich habe die Jacke am 2. November zurückgeschickt und noch keine Erstattung erhalten.',
        '- 12. November 2026, E-Mail, Jana Krüger: Ihre Rücksendung ist bei uns eingegangen und wird derzeit geprüft.',
        '',
        'Mit freundlichen Grüßen',
        '',
      ].join('\n'),
    );
  });

  it('says the promise is overdue', () => {
    expect(draft.promise).toEqual({
      text: 'Wir melden uns bis zum 20.11. mit einer Entscheidung.',
      due: '2026-11-20',
      madeOn: '2026-11-12',
      overdue: true,
    });
  });
});

describe('followupDraft: languages', () => {
  it.each<[ReportLanguage, string, string]>([
    ['en', 'Hello,', 'I am writing about my case MN-4471-2026 (order 30018842).'],
    ['fr', 'Bonjour,', 'Je vous écris au sujet de mon dossier MN-4471-2026 (commande 30018842).'],
    ['es', 'Buenos días:', 'Les escribo en relación con mi caso MN-4471-2026 (pedido 30018842).'],
  ])('%s on request', (language, greeting, about) => {
    const draft = followupDraft(overdueGerman, { today: DIGEST_DAY, language });
    expect(draft.language).toBe(language);
    expect(draft.text.split('\n').slice(0, 3)).toEqual([greeting, '', about]);
  });

  it('English correspondence gets an English draft', () => {
    const draft = followupDraft(waitingEnglish, { today: '2026-12-05' });
    expect(draft.language).toBe('en');
    expect(draft.text).toContain('On 19 November 2026 you wrote: “We will reply by December 1.”');
    expect(draft.text).toContain('That was due by 1 December 2026');
    expect(draft.text).toContain('- 19 November 2026, chat, Sam: Our warehouse team will inspect the photos');
    expect(draft.text).toContain('- 18 November 2026, email, me: Sent photos of the broken pole');
    expect(draft.promise?.overdue).toBe(true);
  });
});

describe('followupDraft: subject', () => {
  const withSubject = (subject: string | undefined, caseNumber = 'ABC-123'): CaseView =>
    caseView({
      caseNumber,
      log: [entry({ occurredAt: new Date('2026-11-01T10:00:00Z'), summary: 'We will check.', subject })],
    });

  it.each<[string | undefined, string]>([
    ['Your refund request', 'Re: Your refund request [ABC-123]'],
    ['RE: Re: AW: Your refund request', 'Re: Your refund request [ABC-123]'],
    ['WG: Fwd: Ticket ABC-123 updated', 'Re: Ticket ABC-123 updated'],
    ['Re[2]: Status', 'Re: Status [ABC-123]'],
    // Every language's prefixes, as the rules know them (Polish, Brazilian, Turkish, Chinese with its colon).
    ['Odp: RES: YNT: Zwrot środków', 'Re: Zwrot środków [ABC-123]'],
    ['回复：退款进度', 'Re: 退款进度 [ABC-123]'],
    [undefined, 'Re: My refund request [ABC-123]'],
    ['Re: ', 'Re: My refund request [ABC-123]'],
  ])('%j → %j', (subject, expected) => {
    expect(followupDraft(withSubject(subject), { today: DIGEST_DAY, language: 'en' }).subject).toBe(expected);
  });

  it('an order-keyed case is named by its order number', () => {
    const draft = followupDraft({ ...orderKeyed, orderNumber: '112-7734120-5512398' }, { today: DIGEST_DAY });
    expect(draft.subject).toBe('Re: My refund request [112-7734120-5512398]');
    expect(draft.text).toContain('my case 112-7734120-5512398.');
  });
});

describe('followupDraft: no support address, no promise', () => {
  const silent = caseView({
    caseNumber: 'Q-9',
    log: [
      entry({
        occurredAt: new Date('2026-11-02T10:00:00Z'),
        direction: 'from_customer',
        summary: 'I returned the item.',
      }),
    ],
  });

  it('leaves the address to the user and says nothing was heard', () => {
    const draft = followupDraft(silent, { today: DIGEST_DAY, language: 'en' });
    expect(draft.to).toBeNull();
    expect(draft.promise).toBeNull();
    expect(draft.text).toContain('I have not heard from you about it yet.');
  });
});

describe('promiseOf', () => {
  const promised = (due: string | null, later?: boolean) =>
    caseView({
      caseNumber: 'P-1',
      log: [
        entry({ occurredAt: new Date('2026-11-01T10:00:00Z'), summary: 'x', nextSteps: 'We will', nextStepsDue: due }),
        ...(later ? [entry({ occurredAt: new Date('2026-11-03T10:00:00Z'), summary: 'Still checking.' })] : []),
      ],
    });
  it.each<[string, CaseView, boolean | null]>([
    ['due before today', promised('2026-11-10'), true],
    ['due today', promised(DIGEST_DAY), false],
    ['due after today', promised('2026-12-10'), false],
    ['a date from two years ago', promised('2024-04-30'), true],
    ['no date', promised(null), null],
    ['superseded by a later support message', promised('2026-11-10', true), null],
  ])('%s → overdue: %s', (_name, c, overdue) => {
    expect(promiseOf(c, DIGEST_DAY)?.overdue ?? null).toBe(overdue);
  });
});
