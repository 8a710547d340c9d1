import type { Lexicon } from './types.js';

export const de: Lexicon = {
  code: 'de',
  // Section owners: see types.ts.
  headers: {
    from: ['von', 'absender'],
    date: ['datum', 'gesendet'],
    to: ['an', 'empfänger'],
    cc: ['kopie', 'kopie \\(cc\\)', 'blindkopie'],
    subject: ['betreff'],
    replyTo: ['antwort an'],
    other: ['wichtigkeit', 'priorität', 'anlagen'],
    forwardSeparators: ['weitergeleitete nachricht', 'anfang der weitergeleiteten nachricht'],
    forwardPrefixes: ['wg'],
  },
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
