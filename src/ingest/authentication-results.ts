import type { InboundMessage } from './inbound-message.js';

/**
 * Trust from the receiving server's verdict (RFC 8601 `Authentication-Results`), not from headers a
 * sender writes. Pure: no I/O, no clock.
 *
 * Which header is the receiving server's: the TOPMOST one whose authserv-id is ours. A server adds its
 * header on receipt, above everything the sender wrote, so a forged header carrying our id always sits
 * below the real one. Real servers stamp below their own `Received` lines (Gmail, Microsoft 365,
 * Postfix + OpenDMARC, Dovecot's LMTP `Received` on top), so "above the first Received" would find
 * nothing; hence "the first matching one". This needs a server that stamps every message, which is
 * what AUTHSERV_ID promises (README, "Decisions worth knowing").
 */

export type TrustMode = 'auth-results' | 'from-only';

export interface TrustConfig {
  mode: TrustMode;
  /**
   * The receiving server's authserv-ids (lower-cased), e.g. `mx.google.com`; `*.messagingengine.com`
   * matches any host under that domain (Fastmail stamps the mx that took the mail); `-` stands for
   * headers that carry none (Microsoft 365 starts with `spf=…`). Empty only with `from-only`.
   */
  authservIds: string[];
}

/** One `method=result` statement with its properties (`header.d`, `smtp.mailfrom`, …), lower-cased keys. */
export interface AuthResult {
  method: string;
  result: string;
  properties: Record<string, string>;
}

export interface AuthResultsHeader {
  /** Lower-cased; `-` when the header carries none (Microsoft 365). */
  authservId: string;
  results: AuthResult[];
}

/** The authserv-id given to headers that name none (Microsoft 365's shape). */
const NO_AUTHSERV_ID = '-';

/** Header values longer than this are not read: a real one is a few hundred characters. */
const MAX_HEADER_CHARS = 16_384;

/**
 * Parses one header value (after `Authentication-Results:`). Comments `( … )` are dropped (they
 * nest, and may hold `;` or `=`), quoted strings are kept as values, `;` separates statements.
 * Returns null for a value that is not an Authentication-Results header at all.
 */
export function parseAuthenticationResults(value: string): AuthResultsHeader | null {
  if (value.length > MAX_HEADER_CHARS) return null;
  const statements = splitStatements(stripComments(value));
  if (statements.length === 0) return null;
  const first = statements[0] ?? '';
  let authservId = NO_AUTHSERV_ID;
  let rest = statements.slice(1);
  // `mx.example.org 1; …` (id, optional version) versus Microsoft 365's `spf=pass … smtp.mailfrom=…; …`.
  if (first.includes('=')) {
    rest = statements;
  } else {
    const id = first.trim().split(/\s+/)[0] ?? '';
    if (!id) return null;
    authservId = id.toLowerCase();
  }
  const results: AuthResult[] = [];
  for (const statement of rest) {
    const parsed = parseStatement(statement);
    if (parsed) results.push(parsed);
  }
  return { authservId, results };
}

/** Removes RFC 5322 comments, nested or not, leaving quoted strings alone. */
function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] ?? '';
    if (c === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += c + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (depth === 0 && c === '"') quoted = !quoted;
    if (!quoted && c === '(') {
      depth++;
      continue;
    }
    if (!quoted && c === ')' && depth > 0) {
      depth--;
      if (depth === 0) out += ' ';
      continue;
    }
    if (depth === 0) out += c;
  }
  return out;
}

function splitStatements(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const c of value) {
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p.length > 0);
}

/** `dkim=pass reason="…" header.d=example.net header.s=sel` → method, result, properties. */
function parseStatement(statement: string): AuthResult | null {
  // Spaces around `=` and `.` are allowed (CFWS); close them up (splitStatements left single spaces),
  // then split on spaces outside quotes.
  const compact = statement.replace(/ ?= ?/g, '=').replace(/ ?\. ?(?=[A-Za-z-]{1,40}=)/g, '.');
  const tokens = compact.match(/"(?:[^"\\]|\\.){0,1000}"|[^\s"]{1,1000}(?:"(?:[^"\\]|\\.){0,1000}")?/g) ?? [];
  const head = tokens[0] ?? '';
  const eq = head.indexOf('=');
  if (eq <= 0) return null;
  // `dkim/1=pass`: a method version, ignored.
  const method = head.slice(0, eq).split('/')[0]?.toLowerCase() ?? '';
  const result = unquote(head.slice(eq + 1)).toLowerCase();
  if (!method || !result) return null;
  const properties: Record<string, string> = {};
  for (const token of tokens.slice(1)) {
    const at = token.indexOf('=');
    if (at <= 0) continue;
    const key = token.slice(0, at).toLowerCase();
    // `reason=` and `action=` (Microsoft) are not ptype.property but are kept for the record.
    if (!(key in properties)) properties[key] = unquote(token.slice(at + 1));
  }
  return { method, result, properties };
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2
    ? value.slice(1, -1).replace(/\\(.)/g, '$1')
    : value;
}

/** The receiving server's own header: the topmost one with one of our authserv-ids (see the file comment). */
export function receivingServerHeader(
  headers: readonly string[],
  authservIds: readonly string[],
): AuthResultsHeader | null {
  for (const value of headers) {
    const parsed = parseAuthenticationResults(value);
    if (parsed && authservIds.some((id) => authservIdMatches(parsed.authservId, id))) return parsed;
  }
  return null;
}

function authservIdMatches(found: string, configured: string): boolean {
  const wanted = configured.toLowerCase();
  if (wanted.startsWith('*.')) return found.endsWith(wanted.slice(1)) && found.length > wanted.length - 1;
  return found === wanted;
}

/**
 * Multi-label public suffixes under which a registrant's domain has three labels. A short list of the
 * common ones rather than the whole Public Suffix List: for anything else the organizational domain is
 * the last two labels. A suffix missing here makes alignment too generous only within that suffix
 * (e.g. two `*.gov.xx` agencies), which DMARC's own verdict (checked first) does not depend on.
 */
const MULTI_LABEL_SUFFIXES = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'me.uk',
  'ltd.uk',
  'plc.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'org.nz',
  'co.jp',
  'ne.jp',
  'or.jp',
  'co.kr',
  'co.in',
  'co.za',
  'co.il',
  'com.br',
  'net.br',
  'org.br',
  'com.mx',
  'com.ar',
  'com.co',
  'com.tr',
  'com.cn',
  'com.hk',
  'com.tw',
  'com.sg',
  'com.my',
  'com.pl',
  'com.es',
  'com.pt',
  'co.at',
  'or.at',
]);

/** The organizational domain (RFC 7489 §3.2) under the small suffix list above. */
export function organizationalDomain(domain: string): string {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  if (labels.length <= 2) return labels.join('.');
  const lastTwo = labels.slice(-2).join('.');
  return MULTI_LABEL_SUFFIXES.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}

/** Relaxed alignment: same organizational domain. */
export function aligned(a: string, b: string): boolean {
  return a !== '' && b !== '' && organizationalDomain(a) === organizationalDomain(b);
}

function domainOf(identity: string | undefined): string {
  if (!identity) return '';
  const at = identity.lastIndexOf('@');
  return (at >= 0 ? identity.slice(at + 1) : identity).toLowerCase();
}

export type TrustDecision = { trusted: true; basis: string } | { trusted: false; detail: string };

/**
 * Does the receiving server vouch for the mail's sender? With `auth-results`:
 * - a message from the forwarder (inline or attached forward, or their own mail): dmarc=pass for the
 *   From domain, or dkim=pass whose header.d (or header.i) is aligned with it;
 * - a server-rule redirect named by `Resent-From` / `X-Forwarded-For`: those headers are anyone's to
 *   write, and a verdict on the domain alone would let any other user of a shared provider (gmail.com)
 *   name our forwarder, so the evidence must be the forwarder's own envelope: spf=pass for an
 *   smtp.mailfrom that is the forwarder's mailbox (Gmail's `alice+caf_=…@gmail.com`) or an SRS address
 *   at the forwarder's domain (Sieve, postsrsd, Exchange redirects), or dkim=pass with header.i the
 *   forwarder's mailbox.
 * With `from-only` the From is taken as is, and a redirect is never believed: there is nothing but
 * the header to believe.
 */
export function checkTrust(message: InboundMessage, config: TrustConfig): TrustDecision {
  const forwarder = message.envelopeFrom?.address ?? '';
  const via = message.forward === 'auto' ? (message.forwardedVia ?? 'resent-from') : null;
  const viaName = via === 'x-forwarded-for' ? 'X-Forwarded-For' : 'Resent-From';
  if (config.mode === 'from-only') {
    return via
      ? {
          trusted: false,
          detail: `${viaName}: ${forwarder} is only a header, and TRUST=from-only has no verdict to check it against`,
        }
      : { trusted: true, basis: 'TRUST=from-only' };
  }
  const id = config.authservIds.join(', ');
  const header = receivingServerHeader(message.authenticationResults ?? [], config.authservIds);
  if (!header) {
    return {
      trusted: false,
      detail: `no Authentication-Results from authserv-id ${id} for ${forwarder || '(no sender)'}`,
    };
  }
  return via ? vouchesForForwarder(header, forwarder, viaName, id) : vouchesForFrom(header, forwarder, id);
}

function vouchesForFrom(header: AuthResultsHeader, from: string, id: string): TrustDecision {
  const domain = domainOf(from);
  for (const r of header.results) {
    if (r.method === 'dmarc' && r.result === 'pass') {
      // DMARC is evaluated for the From domain; header.from, when given, must be that domain.
      const checked = domainOf(r.properties['header.from']);
      if (!checked || aligned(checked, domain)) return { trusted: true, basis: `dmarc=pass for ${domain}` };
    }
    if (r.method === 'dkim' && r.result === 'pass') {
      const signer = domainOf(r.properties['header.d']) || domainOf(r.properties['header.i']);
      if (aligned(signer, domain)) return { trusted: true, basis: `dkim=pass header.d=${signer}` };
    }
  }
  return { trusted: false, detail: `${summary(header)} for ${domain || '(no sender)'} (authserv-id ${id})` };
}

function vouchesForForwarder(header: AuthResultsHeader, forwarder: string, viaName: string, id: string): TrustDecision {
  const domain = domainOf(forwarder);
  for (const r of header.results) {
    if (r.method === 'spf' && r.result === 'pass') {
      const mailFrom = (r.properties['smtp.mailfrom'] ?? '').toLowerCase();
      if (isForwardersEnvelope(mailFrom, forwarder))
        return { trusted: true, basis: `spf=pass smtp.mailfrom=${mailFrom}` };
    }
    if (r.method === 'dkim' && r.result === 'pass') {
      const identity = (r.properties['header.i'] ?? '').toLowerCase();
      if (sameMailbox(identity, forwarder)) return { trusted: true, basis: `dkim=pass header.i=${identity}` };
    }
  }
  return {
    trusted: false,
    detail: `${viaName}: ${forwarder} not vouched for: ${summary(header)} for ${domain} (authserv-id ${id})`,
  };
}

/** `alice@x`, `alice+caf_=…@x` (subaddress), or an SRS rewrite at x's organizational domain. */
function isForwardersEnvelope(mailFrom: string, forwarder: string): boolean {
  if (sameMailbox(mailFrom, forwarder)) return true;
  const at = mailFrom.lastIndexOf('@');
  if (at <= 0) return false;
  const local = mailFrom.slice(0, at);
  return /^(?:srs[01][=+-]|bounces\+srs=)/.test(local) && aligned(mailFrom.slice(at + 1), domainOf(forwarder));
}

function sameMailbox(candidate: string, address: string): boolean {
  const at = candidate.lastIndexOf('@');
  const want = address.lastIndexOf('@');
  if (at <= 0 || want <= 0) return false;
  if (candidate.slice(at + 1) !== address.slice(want + 1).toLowerCase()) return false;
  const local = candidate.slice(0, at);
  const wantLocal = address.slice(0, want).toLowerCase();
  return local === wantLocal || local.startsWith(`${wantLocal}+`);
}

/** `dmarc=fail header.from=example.net, dkim=pass header.d=other.example, spf=none`: the verdict as stated. */
function summary(header: AuthResultsHeader): string {
  const shown = header.results
    .filter((r) => r.method === 'dmarc' || r.method === 'dkim' || r.method === 'spf')
    .map((r) => {
      const keys = { dmarc: ['header.from'], dkim: ['header.d', 'header.i'], spf: ['smtp.mailfrom'] }[r.method] ?? [];
      const key = keys.find((k) => r.properties[k]);
      return key ? `${r.method}=${r.result} ${key}=${r.properties[key]}` : `${r.method}=${r.result}`;
    });
  return shown.length > 0 ? shown.join(', ') : 'no dmarc, dkim or spf result';
}
