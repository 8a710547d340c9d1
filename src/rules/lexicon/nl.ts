import type { Lexicon } from './types.js';

export const nl: Lexicon = {
  code: 'nl',
  // Section owners: see types.ts.
  headers: {
    from: ['van', 'afzender'],
    date: ['datum', 'verzonden', 'verzonden op'],
    to: ['aan'],
    cc: ['cc', 'bcc', 'kopie'],
    subject: ['onderwerp'],
    replyTo: ['antwoord aan'],
    other: ['urgentie', 'prioriteit', 'bijlagen'],
    forwardSeparators: ['doorgestuurd bericht', 'begin doorgestuurd bericht'],
    forwardPrefixes: ['doorst'],
  },
  text: {},
  dates: {
    months: [
      ['januari', 'jan'],
      ['februari', 'feb'],
      ['maart', 'mrt'],
      ['april', 'apr'],
      ['mei'],
      ['juni', 'jun'],
      ['juli', 'jul'],
      ['augustus', 'aug'],
      ['september', 'sep'],
      ['oktober', 'okt'],
      ['november', 'nov'],
      ['december', 'dec'],
    ],
    weekdays: [
      ['maandag', 'ma'],
      ['dinsdag', 'di'],
      ['woensdag', 'wo'],
      ['donderdag', 'do'],
      ['vrijdag', 'vr'],
      ['zaterdag', 'za'],
      ['zondag', 'zo'],
    ],
  },
  identity: {},
  resolution: {},
  conversation: {},
  boilerplate: {},
};
