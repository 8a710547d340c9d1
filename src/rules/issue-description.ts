import type { AnalysisContext, Match } from './context.js';

/** A labelled description of the matter, as web forms and help desks print it. */
const LABELLED_ISSUE =
  /^\s*(?:issue type|issue|subject of (?:your )?request|topic|reason|problem|anliegen|grund|betreff ihrer anfrage|motif|objet de (?:votre )?demande|motivo|asunto de (?:su )?solicitud)\s?:\s?(.{3,160})$/imu;

const REPLY_PREFIX = /^(\s*(re|fw|fwd|aw|wg|tr|rv|antw)\s*:\s*)+/i;
const CASE_TAG =
  // A preposition before the tag goes with it: "Your refund for case X has been approved".
  /\[[^\]]{1,60}\]|(?:\b(?:for|about|regarding|on|zu|für|pour|sur|para|sobre)\s{1,3}(?:(?:the|your|le|la|votre|el|la|su|den|die|das|dem|der|ihre[mnr]?)\s{1,3})?)?\(?\b(?:case|ticket|request|reference|ref|dossier|demande|référence|vorgang|vorgangsnummer|ticketnummer|aktenzeichen|caso|incidencia|referencia|solicitud)(?:\s{1,3}(?:number|no\.?|nr\.?|n[°º]\.?|nummer|número|numéro))?\s{0,3}[:#]?\s{0,3}#?\s{0,3}[A-Z0-9-]{0,40}\d[A-Z0-9-]{0,40}\)?/giu;

/** What the case is about: a labelled field when the message has one, else the cleaned subject. */
export function extractIssueDescription(ctx: AnalysisContext): Match | null {
  const labelled = `${ctx.text.newText}\n${ctx.text.signature}`.match(LABELLED_ISSUE);
  if (labelled?.[1]) {
    return { value: labelled[1].trim(), rule: 'issue/labelled', matched: labelled[0].trim(), location: 'new_text' };
  }
  const subject = ctx.subject
    .replace(REPLY_PREFIX, '')
    .replace(CASE_TAG, '')
    .replace(/\s*[-–:|]\s*$/, '')
    .replace(/^\s*[-–:|]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return subject.length >= 3
    ? { value: subject, rule: 'issue/subject', matched: ctx.subject, location: 'subject' }
    : null;
}
