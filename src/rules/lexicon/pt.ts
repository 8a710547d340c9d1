import type { Lexicon } from './types.js';

export const pt: Lexicon = {
  code: 'pt',
  // Section owners: see types.ts.
  headers: {
    from: ['de', 'remetente'],
    date: ['data', 'enviado', 'enviada', 'enviado em', 'enviada em'],
    to: ['para', 'destinatário'],
    cc: ['cc', 'cco'],
    subject: ['assunto'],
    replyTo: ['responder a'],
    other: ['importância', 'anexos'],
    forwardSeparators: [
      'mensagem encaminhada',
      'mensagem reencaminhada',
      'início da mensagem encaminhada',
      'início da mensagem reencaminhada',
    ],
    forwardPrefixes: ['enc'],
  },
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
