#!/usr/bin/env node
// A small, real OAuth2 authorization server for tests and the demo, started by scripts/services.sh:
//
//   POST /token        grant_type=refresh_token (RFC 6749 §6) and the device-code grant (RFC 8628 §3.4)
//   POST /device/code  device authorization (RFC 8628 §3.1); the user approves at /device
//   GET  /device       the verification page; POST /device approves a user_code for a user name
//   POST /revoke       token revocation (RFC 7009); revoking a refresh token revokes its access tokens
//   POST /introspect   token introspection (RFC 7662), what Dovecot's oauth2 passdb calls
//   GET  /healthz      "ok"
//
// Clients authenticate with client_id/client_secret (form fields or HTTP Basic); /introspect with the
// resource server's credentials (Basic). Access tokens are short-lived; state lives in memory, so a
// restart revokes everything. Plain Node, no dependencies: services.sh starts it before any build.
//
// Settings (environment): RT_OAUTH2_PORT (9143), RT_OAUTH2_CLIENT_ID (refund-tracker-test),
// RT_OAUTH2_CLIENT_SECRET (test-client-secret), RT_OAUTH2_INTROSPECT_USER (dovecot),
// RT_OAUTH2_INTROSPECT_SECRET (test-introspect-secret), RT_OAUTH2_ACCESS_TTL (seconds, 300).
// The approval form's access_token_ttl field overrides the access-token lifetime for that grant, so a
// test can watch tokens expire mid-run.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const PORT = Number(process.env.RT_OAUTH2_PORT ?? 9143);
const CLIENT_ID = process.env.RT_OAUTH2_CLIENT_ID ?? 'refund-tracker-test';
const CLIENT_SECRET = process.env.RT_OAUTH2_CLIENT_SECRET ?? 'test-client-secret';
const INTROSPECT_USER = process.env.RT_OAUTH2_INTROSPECT_USER ?? 'dovecot';
const INTROSPECT_SECRET = process.env.RT_OAUTH2_INTROSPECT_SECRET ?? 'test-introspect-secret';
const DEFAULT_ACCESS_TTL = Number(process.env.RT_OAUTH2_ACCESS_TTL ?? 300);
const DEVICE_CODE_TTL = 600;
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const MAX_BODY = 16 * 1024;

/** refresh token → { username, scope, accessTtl, revoked } */
const grants = new Map();
/** access token → { refreshToken, username, scope, expiresAtMs } */
const accessTokens = new Map();
/** device code → { userCode, scope, expiresAt, username?, accessTtl?, refreshToken? } */
const deviceCodes = new Map();

const nowSeconds = () => Math.floor(Date.now() / 1000);
const token = (prefix) => `${prefix}.${randomBytes(24).toString('base64url')}`;
const userCodeAlphabet = 'BCDFGHJKLMNPQRSTVWXZ';
const newUserCode = () => {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => userCodeAlphabet[b % userCodeAlphabet.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
};

const sameSecret = (a, b) => {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
};

function basicCredentials(req) {
  const header = req.headers.authorization ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function clientAuthenticated(req, form) {
  const basic = basicCredentials(req);
  const id = basic?.id ?? form.get('client_id');
  const secret = basic?.secret ?? form.get('client_secret');
  return id === CLIENT_ID && secret !== null && sameSecret(secret, CLIENT_SECRET);
}

function send(res, status, body, type = 'application/json') {
  const text = type === 'application/json' ? JSON.stringify(body) : body;
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(text);
}
const oauthError = (res, status, error, description) =>
  send(res, status, description ? { error, error_description: description } : { error });

async function readForm(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function issueAccessToken(refreshToken) {
  const grant = grants.get(refreshToken);
  const accessToken = token('at');
  accessTokens.set(accessToken, {
    refreshToken,
    username: grant.username,
    scope: grant.scope,
    expiresAtMs: Date.now() + grant.accessTtl * 1000,
  });
  return { access_token: accessToken, token_type: 'Bearer', expires_in: grant.accessTtl, scope: grant.scope };
}

function tokenEndpoint(req, res, form) {
  if (!clientAuthenticated(req, form)) return oauthError(res, 401, 'invalid_client');
  const grantType = form.get('grant_type');
  if (grantType === 'refresh_token') {
    const refreshToken = form.get('refresh_token') ?? '';
    const grant = grants.get(refreshToken);
    if (!grant || grant.revoked) return oauthError(res, 400, 'invalid_grant', 'refresh token unknown or revoked');
    return send(res, 200, issueAccessToken(refreshToken));
  }
  if (grantType === DEVICE_GRANT) {
    const device = deviceCodes.get(form.get('device_code') ?? '');
    if (!device) return oauthError(res, 400, 'invalid_grant', 'unknown device_code');
    if (nowSeconds() > device.expiresAt) return oauthError(res, 400, 'expired_token');
    if (device.denied) return oauthError(res, 400, 'access_denied');
    if (!device.username) return oauthError(res, 400, 'authorization_pending');
    if (device.refreshToken) return oauthError(res, 400, 'invalid_grant', 'device_code already used');
    const refreshToken = token('rt');
    grants.set(refreshToken, {
      username: device.username,
      scope: device.scope,
      accessTtl: device.accessTtl,
      revoked: false,
    });
    device.refreshToken = refreshToken;
    return send(res, 200, { ...issueAccessToken(refreshToken), refresh_token: refreshToken });
  }
  return oauthError(res, 400, 'unsupported_grant_type');
}

function deviceAuthorization(req, res, form) {
  if (form.get('client_id') !== CLIENT_ID) return oauthError(res, 401, 'invalid_client');
  const deviceCode = token('dc');
  const userCode = newUserCode();
  deviceCodes.set(deviceCode, {
    userCode,
    scope: form.get('scope') ?? 'imap smtp',
    expiresAt: nowSeconds() + DEVICE_CODE_TTL,
  });
  const verificationUri = `http://${req.headers.host}/device`;
  return send(res, 200, {
    device_code: deviceCode,
    user_code: userCode,
    verification_uri: verificationUri,
    verification_uri_complete: `${verificationUri}?user_code=${userCode}`,
    expires_in: DEVICE_CODE_TTL,
    interval: 1,
  });
}

const DEVICE_PAGE = `<!doctype html><meta charset="utf-8"><title>Approve a device</title>
<form method="post" action="/device">
<p><label>Code <input name="user_code" autocomplete="off"></label></p>
<p><label>Mailbox user <input name="username"></label></p>
<p><button>Approve</button></p></form>`;

/** The verification page: a user name stands in for a login, since this server has no user store. */
function approveDevice(res, form) {
  const userCode = (form.get('user_code') ?? '').trim().toUpperCase();
  const username = (form.get('username') ?? '').trim();
  const ttl = Number(form.get('access_token_ttl') ?? DEFAULT_ACCESS_TTL);
  if (!/^[A-Za-z0-9._@+-]{1,128}$/.test(username)) return send(res, 400, 'a user name is required\n', 'text/plain');
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86400) return send(res, 400, 'bad access_token_ttl\n', 'text/plain');
  for (const device of deviceCodes.values()) {
    if (device.userCode === userCode && !device.username && nowSeconds() <= device.expiresAt) {
      device.username = username;
      device.accessTtl = ttl;
      return send(res, 200, 'approved; return to your terminal\n', 'text/plain');
    }
  }
  return send(res, 404, 'unknown or expired code\n', 'text/plain');
}

function revoke(req, res, form) {
  if (!clientAuthenticated(req, form)) return oauthError(res, 401, 'invalid_client');
  const value = form.get('token') ?? '';
  const grant = grants.get(value);
  if (grant) {
    grant.revoked = true;
    for (const [accessToken, info] of accessTokens) if (info.refreshToken === value) accessTokens.delete(accessToken);
  }
  accessTokens.delete(value);
  // RFC 7009 §2.2: 200 whether or not the token was known.
  return send(res, 200, {});
}

function introspect(req, res, form) {
  const basic = basicCredentials(req);
  if (!basic || basic.id !== INTROSPECT_USER || !sameSecret(basic.secret, INTROSPECT_SECRET)) {
    return oauthError(res, 401, 'invalid_client');
  }
  const info = accessTokens.get(form.get('token') ?? '');
  if (!info || info.expiresAtMs <= Date.now() || grants.get(info.refreshToken)?.revoked) {
    return send(res, 200, { active: false });
  }
  return send(res, 200, {
    active: true,
    username: info.username,
    scope: info.scope,
    client_id: CLIENT_ID,
    token_type: 'Bearer',
    exp: Math.floor(info.expiresAtMs / 1000),
  });
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, 'ok\n', 'text/plain');
    if (req.method === 'GET' && url.pathname === '/device') return send(res, 200, DEVICE_PAGE, 'text/html; charset=utf-8');
    if (req.method !== 'POST') return send(res, 405, 'method not allowed\n', 'text/plain');
    const form = await readForm(req);
    switch (url.pathname) {
      case '/token':
        return tokenEndpoint(req, res, form);
      case '/device/code':
        return deviceAuthorization(req, res, form);
      case '/device':
        return approveDevice(res, form);
      case '/revoke':
        return revoke(req, res, form);
      case '/introspect':
        return introspect(req, res, form);
      default:
        return send(res, 404, 'not found\n', 'text/plain');
    }
  } catch (err) {
    console.error(`oauth2-server: ${req.method} ${req.url}: ${err instanceof Error ? err.message : err}`);
    if (!res.headersSent) send(res, 400, 'bad request\n', 'text/plain');
  }
});

server.listen(PORT, '127.0.0.1', () => {
  console.log(`oauth2-server: listening on http://127.0.0.1:${PORT}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
