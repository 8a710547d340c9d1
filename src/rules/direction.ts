import type { AnalysisContext, Match } from './context.js';
import type { Direction } from './findings.js';

/**
 * The forwarder owns the case and is the customer; anything they wrote themselves is from the
 * customer side. Everything else that reaches us (merchants, marketplaces, payment providers)
 * is the support side.
 */
export function detectDirection(ctx: AnalysisContext): Match<Direction> {
  const from = ctx.from?.address ?? '';
  if (ctx.forwardedBy && from === ctx.forwardedBy) {
    return { value: 'from_customer', rule: 'direction/sender-is-forwarder', matched: from, location: 'forward_header' };
  }
  if (from && ctx.customerAddresses.includes(from)) {
    return { value: 'from_customer', rule: 'direction/sender-is-customer', matched: from, location: 'headers' };
  }
  return {
    value: 'from_support',
    rule: 'direction/sender-is-not-forwarder',
    matched: from,
    location: 'forward_header',
  };
}
