import type { AnalysisContext, Match } from './context.js';
import type { Direction } from './findings.js';

/** Two or three capitalised words (`Lisa Chen`, `Jean-Luc Picard`, `María José García`). */
const PERSON_NAME = /^\p{Lu}[\p{L}'’-]{1,30}(?: \p{Lu}[\p{L}'’.-]{0,30}){1,2}$/u;

/** Words that make a display name a team or a company rather than a person. */
const NOT_A_PERSON =
  /\b(support|service|services|team|customer|customers|care|help|helpdesk|desk|refunds?|billing|returns|orders?|no-?reply|notifications?|kundenservice|kundendienst|client|clients|atención|soporte|equipo|inc|ltd|gmbh|llc|sarl|s\.?a\.?)\b/iu;

export function isPersonName(name: string): boolean {
  const trimmed = name.trim();
  return PERSON_NAME.test(trimmed) && !NOT_A_PERSON.test(trimmed);
}

/** The first person-like line of the signature, after the sign-off. */
function nameFromSignature(signature: string): string | null {
  const lines = signature.split('\n').map((l) => l.trim());
  for (const line of lines.slice(1, 4)) {
    if (line === '') continue;
    return isPersonName(line) ? line : null;
  }
  return null;
}

/**
 * The support-side person the user dealt with: for support mail, its author (signature, then
 * From display name); for the customer's own mail, the addressee when that is a person.
 * Never a company name alone.
 */
export function extractContactPerson(ctx: AnalysisContext, direction: Direction): Match | null {
  if (direction === 'from_support') {
    const signed = nameFromSignature(ctx.text.signature);
    if (signed) return { value: signed, rule: 'contact-person/signature', matched: signed, location: 'new_text' };
    const display = ctx.from?.name ?? '';
    if (isPersonName(display)) {
      return { value: display.trim(), rule: 'contact-person/from-name', matched: display, location: 'forward_header' };
    }
    return null;
  }
  const addressee = ctx.to.find((t) => isPersonName(t.name));
  return addressee
    ? {
        value: addressee.name.trim(),
        rule: 'contact-person/addressee',
        matched: addressee.name,
        location: 'forward_header',
      }
    : null;
}
