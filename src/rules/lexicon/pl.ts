import type { Lexicon } from './types.js';

export const pl: Lexicon = {
  code: 'pl',
  // Section owners: see types.ts.
  headers: {
    from: ['od', 'nadawca'],
    date: ['data', 'wysłano', 'wysłane'],
    to: ['do', 'adresat'],
    cc: ['dw', 'udw', 'kopia'],
    subject: ['temat'],
    replyTo: ['odpowiedź-do', 'odpowiedz do'],
    other: ['ważność', 'priorytet', 'załączniki'],
    forwardSeparators: [
      'wiadomość przekazana dalej',
      'przekazana wiadomość',
      'wiadomość przesłana dalej',
      'treść przekazanej wiadomości',
      'początek przekazywanej wiadomości',
    ],
    forwardPrefixes: ['pd'],
  },
  text: {},
  dates: {
    months: [
      ['stycznia', 'styczeń', 'styczen', 'sty'],
      ['lutego', 'luty', 'lut'],
      ['marca', 'marzec', 'mar'],
      ['kwietnia', 'kwiecień', 'kwi'],
      ['maja', 'maj'],
      ['czerwca', 'czerwiec', 'cze'],
      ['lipca', 'lipiec', 'lip'],
      ['sierpnia', 'sierpień', 'sie'],
      ['września', 'wrzesień', 'wrz'],
      ['października', 'październik', 'paź'],
      ['listopada', 'listopad', 'lis'],
      ['grudnia', 'grudzień', 'gru'],
    ],
    weekdays: [
      ['poniedziałek', 'pon'],
      ['wtorek', 'wt'],
      ['środa', 'śr'],
      ['czwartek', 'czw'],
      ['piątek', 'pt'],
      ['sobota', 'sob'],
      ['niedziela', 'niedz', 'nd'],
    ],
  },
  identity: {},
  resolution: {},
  conversation: {},
  boilerplate: {},
};
