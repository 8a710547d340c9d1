import type { Lexicon } from './types.js';

export const es: Lexicon = {
  code: 'es',
  // Section owners: see types.ts.
  headers: {
    from: ['de', 'remitente'],
    date: ['fecha', 'enviado', 'enviado el'],
    to: ['para', 'a'],
    cc: ['cc', 'cco'],
    subject: ['asunto'],
    replyTo: ['responder a'],
    other: ['importancia', 'datos adjuntos'],
    forwardSeparators: ['mensaje reenviado', 'inicio del mensaje reenviado'],
    forwardPrefixes: ['rv', 'reenv'],
  },
  text: {},
  dates: {
    months: [
      ['enero', 'ene'],
      ['febrero', 'feb'],
      ['marzo', 'mar'],
      ['abril', 'abr'],
      ['mayo', 'may'],
      ['junio', 'jun'],
      ['julio', 'jul'],
      ['agosto', 'ago'],
      ['septiembre', 'setiembre', 'sept?'],
      ['octubre', 'oct'],
      ['noviembre', 'nov'],
      ['diciembre', 'dic'],
    ],
    weekdays: [
      ['lunes', 'lun'],
      ['martes', 'mar'],
      ['miércoles', 'miercoles', 'mié'],
      ['jueves', 'jue'],
      ['viernes', 'vie'],
      ['sábado', 'sabado', 'sáb'],
      ['domingo', 'dom'],
    ],
  },
  identity: {},
  resolution: {},
  conversation: {},
  boilerplate: {},
};
