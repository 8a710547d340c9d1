import type { AnalysisContext, Match } from './context.js';
import type { Channel } from './findings.js';
import { sentencesOf } from './message-text.js';

/** Phrases that say what kind of contact this message records. First match wins, in this order. */
const CHANNEL_PHRASES: { channel: Exclude<Channel, 'email'>; rule: string; pattern: RegExp }[] = [
  {
    channel: 'chat',
    rule: 'channel/chat-transcript',
    pattern:
      /\b(chat transcript|transcript of your chat|live chat|chat-protokoll|chatverlauf|transcription de (?:votre|la) (?:discussion|conversation)|transcripción del chat)\b/iu,
  },
  {
    channel: 'phone',
    rule: 'channel/call-summary',
    pattern:
      /\b(call summary|summary of (?:your|our) (?:phone )?call|phone call|telephone conversation|telefonat|gesprächsnotiz|appel téléphonique|llamada telefónica)\b/iu,
  },
  {
    channel: 'web_form',
    rule: 'channel/web-form',
    pattern:
      /\b(contact form|web ?form|online form|submitted (?:through|via|using) our (?:website|online)|kontaktformular|formulaire de contact|formulario de contacto)\b/iu,
  },
];

/**
 * A sentence that invites the reader to use a channel (`please use our contact form`, `you can also
 * reach us by live chat`) names that channel but records no contact made through it: a plain reply
 * that points to the form for further questions is still an email.
 */
const INVITATION =
  /\b(please use|you can (?:also )?(?:use|reach|contact)|feel free to|reach us|contact us|get in touch|visit our|nutzen sie|verwenden sie|sie können uns|utilisez|vous pouvez nous|n'hésitez pas|utilice|puede contactarnos|no dude en)\b/iu;

/** A chat transcript line: `[10:42] Kevin (NovaTel): ...` or `10:42 AM Kevin: ...`. */
const CHAT_LINE = /^\[?\d{1,2}:\d{2}(?::\d{2})?\s?(?:[AP]M)?\]?\s+[^:\n]{1,60}:\s/m;

export function detectChannel(ctx: AnalysisContext): Match<Channel> {
  const sentences = sentencesOf(`${ctx.subject}\n\n${ctx.text.newText}`);
  for (const { channel, rule, pattern } of CHANNEL_PHRASES) {
    for (const sentence of sentences) {
      const m = sentence.match(pattern);
      if (m && !INVITATION.test(sentence)) return { value: channel, rule, matched: m[0], location: 'new_text' };
    }
  }
  const chat = ctx.text.newText.match(CHAT_LINE);
  if (chat) return { value: 'chat', rule: 'channel/chat-lines', matched: chat[0].trim(), location: 'new_text' };
  return { value: 'email', rule: 'channel/default-email', matched: '', location: 'headers' };
}
