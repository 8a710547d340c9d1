import type { Lexicon } from './types.js';

export const fr: Lexicon = {
  code: 'fr',
  // Section owners: see types.ts.
  headers: {},
  text: {},
  dates: {
    months: [
      ['janvier', 'janv'],
      ['février', 'févr', 'fevrier'],
      ['mars'],
      ['avril', 'avr'],
      ['mai'],
      ['juin'],
      ['juillet', 'juil'],
      ['août', 'aout'],
      ['septembre', 'sept'],
      ['octobre', 'oct'],
      ['novembre', 'nov'],
      ['décembre', 'déc', 'decembre'],
    ],
    weekdays: [
      ['lundi', 'lun'],
      ['mardi', 'mar'],
      ['mercredi', 'mer'],
      ['jeudi', 'jeu'],
      ['vendredi', 'ven'],
      ['samedi', 'sam'],
      ['dimanche', 'dim'],
    ],
  },
  identity: {},
  resolution: {},
  conversation: {},
  boilerplate: {},
};
