import type { AnalysisContext, Match } from './context.js';
import type { FindingLocation } from './findings.js';

const ORDER_LABEL =
  /(?<![\p{L}])(?:order|bestellung|bestellnummer|auftragsnummer|commande|pedido)(?:\s+(?:number|no\.?|nr\.?|id|n[°º]|número|numéro))?\s{0,3}(?:#\s?:?|:|n[°º]\.?)?\s{0,3}#?([A-Za-z0-9](?:[A-Za-z0-9-]{2,38})[A-Za-z0-9])(?![\p{L}\d-])/giu;

/** The order the matter is about, when a label states it. */
export function extractOrderNumber(ctx: AnalysisContext): Match | null {
  const places: [string, FindingLocation][] = [
    [ctx.subject, 'subject'],
    [`${ctx.text.newText}\n${ctx.text.signature}`, 'new_text'],
    [ctx.text.quoted, 'quoted_text'],
  ];
  for (const [text, location] of places) {
    for (const m of text.matchAll(ORDER_LABEL)) {
      const id = m[1] ?? '';
      if (/\d/.test(id)) return { value: id, rule: 'order-number/labelled', matched: m[0].trim(), location };
    }
  }
  return null;
}
