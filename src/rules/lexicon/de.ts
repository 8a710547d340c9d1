import type { Lexicon } from './types.js';

export const de: Lexicon = {
  code: 'de',
  // Section owners: see types.ts.
  headers: {},
  text: {},
  dates: {
    months: [
      ['januar', 'jänner', 'jan'],
      ['februar', 'feb'],
      ['märz', 'mär', 'mrz'],
      ['april', 'apr'],
      ['mai'],
      ['juni', 'jun'],
      ['juli', 'jul'],
      ['august', 'aug'],
      ['september', 'sept?'],
      ['oktober', 'okt'],
      ['november', 'nov'],
      ['dezember', 'dez'],
    ],
    weekdays: [
      ['montag', 'mo'],
      ['dienstag', 'di'],
      ['mittwoch', 'mi'],
      ['donnerstag', 'do'],
      ['freitag', 'fr'],
      ['samstag', 'sonnabend', 'sa'],
      ['sonntag', 'so'],
    ],
  },
  identity: {},
  resolution: {},
  conversation: {},
  boilerplate: {},
};
