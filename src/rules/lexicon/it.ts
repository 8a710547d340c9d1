import type { Lexicon } from './types.js';

export const it: Lexicon = {
  code: 'it',
  // Section owners: see types.ts.
  headers: {},
  text: {},
  dates: {
    months: [
      ['gennaio', 'gen'],
      ['febbraio', 'feb'],
      ['marzo', 'mar'],
      ['aprile', 'apr'],
      ['maggio', 'mag'],
      ['giugno', 'giu'],
      ['luglio', 'lug'],
      ['agosto', 'ago'],
      ['settembre', 'set'],
      ['ottobre', 'ott'],
      ['novembre', 'nov'],
      ['dicembre', 'dic'],
    ],
    weekdays: [
      ['lunedì', 'lunedi', 'lun'],
      ['martedì', 'martedi', 'mar'],
      ['mercoledì', 'mercoledi', 'mer'],
      ['giovedì', 'giovedi', 'gio'],
      ['venerdì', 'venerdi', 'ven'],
      ['sabato', 'sab'],
      ['domenica', 'dom'],
    ],
  },
  identity: {},
  resolution: {},
  conversation: {},
  boilerplate: {},
};
