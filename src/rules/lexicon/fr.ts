import type { Lexicon } from './types.js';

export const fr: Lexicon = {
  code: 'fr',
  // Section owners: see types.ts.
  headers: {
    from: ['de', 'expéditeur'],
    date: ['date', 'envoyé', 'envoyé le'],
    to: ['à', 'pour', 'destinataire'],
    cc: ['cc', 'cci', 'copie', 'copie à'],
    subject: ['objet', 'sujet'],
    replyTo: ['répondre à'],
    other: ['importance', 'pièces jointes'],
    forwardSeparators: [
      'message transféré',
      'message transmis',
      'début du message réexpédié',
      'début du message transféré',
    ],
    forwardPrefixes: ['tr', 'transf'],
  },
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
