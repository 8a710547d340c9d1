import type { Lexicon } from './types.js';

export const pt: Lexicon = {
  code: 'pt',
  // Section owners: see types.ts.
  headers: {},
  text: {},
  dates: {
    months: [
      ['janeiro', 'jan'],
      ['fevereiro', 'fev'],
      ['março', 'mar'],
      ['abril', 'abr'],
      ['maio', 'mai'],
      ['junho', 'jun'],
      ['julho', 'jul'],
      ['agosto', 'ago'],
      ['setembro', 'set'],
      ['outubro', 'out'],
      ['novembro', 'nov'],
      ['dezembro', 'dez'],
    ],
    weekdays: [
      ['segunda-feira', 'segunda', 'seg'],
      ['terça-feira', 'terça', 'ter'],
      ['quarta-feira', 'quarta', 'qua'],
      ['quinta-feira', 'quinta', 'qui'],
      ['sexta-feira', 'sexta', 'sex'],
      ['sábado', 'sab', 'sáb'],
      ['domingo', 'dom'],
    ],
  },
  identity: {},
  resolution: {},
  conversation: {},
  boilerplate: {},
};
