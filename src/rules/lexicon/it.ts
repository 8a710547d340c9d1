import type { Lexicon } from './types.js';

export const it: Lexicon = {
  code: 'it',
  // Section owners: see types.ts.
  headers: {
    from: ['da', 'mittente'],
    date: ['data', 'inviato', 'inviato il'],
    to: ['a', 'destinatario'],
    cc: ['cc', 'ccn'],
    subject: ['oggetto'],
    replyTo: ['rispondi a'],
    other: ['importanza', 'priorità', 'allegati'],
    forwardSeparators: ['messaggio inoltrato', 'inizio messaggio inoltrato'],
    forwardPrefixes: ['i', 'inoltra'],
  },
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
