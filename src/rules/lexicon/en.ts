import type { Lexicon } from './types.js';

export const en: Lexicon = {
  code: 'en',
  // Section owners: see types.ts.
  headers: {
    from: ['from'],
    date: ['date', 'sent'],
    to: ['to'],
    cc: ['cc', 'bcc'],
    subject: ['subject'],
    replyTo: ['reply-to', 'reply to'],
    other: ['importance', 'attachments'],
    forwardSeparators: ['forwarded message', 'begin forwarded message'],
    forwardPrefixes: ['fwd?'],
  },
  text: {},
  dates: {
    months: [
      ['january', 'jan'],
      ['february', 'feb'],
      ['march', 'mar'],
      ['april', 'apr'],
      ['may'],
      ['june', 'jun'],
      ['july', 'jul'],
      ['august', 'aug'],
      ['september', 'sept?'],
      ['october', 'oct'],
      ['november', 'nov'],
      ['december', 'dec'],
    ],
    weekdays: [
      ['monday', 'mon'],
      ['tuesday', 'tue', 'tues'],
      ['wednesday', 'wed'],
      ['thursday', 'thu', 'thurs'],
      ['friday', 'fri'],
      ['saturday', 'sat'],
      ['sunday', 'sun'],
    ],
  },
  identity: {},
  resolution: {},
  conversation: {},
  boilerplate: {},
};
