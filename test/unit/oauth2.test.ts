import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadImapConfig, loadOAuth2ClientConfig, loadOAuth2Config } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { OAuth2RefreshRefusedError, OAuth2TokenEndpointError, OAuth2TokenSource } from '../../src/ingest/oauth2.js';

const TOKEN_URL = 'https://login.example.net/oauth2/token';
const CONFIG = {
  provider: 'custom' as const,
  tokenUrl: TOKEN_URL,
  clientId: 'client-1',
  clientSecret: 'client-secret-1',
  refreshToken: 'refresh-1',
};
const silent = pino({ level: 'silent' });

/** A token endpoint answering from a script; records each request's form. */
function endpoint(answers: Array<{ status: number; body: unknown }>) {
  const requests: URLSearchParams[] = [];
  const fetchImpl = (async (_url: string | URL | Request, init?: RequestInit) => {
    requests.push(new URLSearchParams(String(init?.body)));
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  }) as typeof fetch;
  return { requests, fetchImpl };
}

describe('OAuth2TokenSource', () => {
  it('buys a token with the refresh token, reuses it until shortly before expiry, then refreshes', async () => {
    let now = 1_000_000;
    const { requests, fetchImpl } = endpoint([
      { status: 200, body: { access_token: 'at-1', expires_in: 3600 } },
      { status: 200, body: { access_token: 'at-2', expires_in: 3600 } },
    ]);
    const source = new OAuth2TokenSource(CONFIG, silent, () => now, fetchImpl);
    expect(await source.accessToken()).toBe('at-1');
    expect(Object.fromEntries(requests[0] ?? [])).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-1',
      client_id: 'client-1',
      client_secret: 'client-secret-1',
    });
    now += 3540_000 - 1; // a minute before expiry, less a millisecond
    expect(await source.accessToken()).toBe('at-1');
    now += 1;
    expect(await source.accessToken()).toBe('at-2');
    expect(requests).toHaveLength(2);
  });

  it('a refused token is replaced at the next call; another token is not dropped', async () => {
    const { requests, fetchImpl } = endpoint([
      { status: 200, body: { access_token: 'at-1', expires_in: 3600 } },
      { status: 200, body: { access_token: 'at-2', expires_in: 3600 } },
    ]);
    const source = new OAuth2TokenSource(CONFIG, silent, () => 0, fetchImpl);
    expect(await source.accessToken()).toBe('at-1');
    source.invalidate('at-0'); // stale: not the one held
    expect(await source.accessToken()).toBe('at-1');
    source.invalidate('at-1');
    expect(await source.accessToken()).toBe('at-2');
    expect(requests).toHaveLength(2);
  });

  it('callers waiting at once share one refresh', async () => {
    const { requests, fetchImpl } = endpoint([{ status: 200, body: { access_token: 'at-1', expires_in: 60 } }]);
    const source = new OAuth2TokenSource(CONFIG, silent, () => 0, fetchImpl);
    expect(await Promise.all([source.accessToken(), source.accessToken(), source.accessToken()])).toEqual([
      'at-1',
      'at-1',
      'at-1',
    ]);
    expect(requests).toHaveLength(1);
  });

  it('keeps a rotated refresh token for the next refresh', async () => {
    const { requests, fetchImpl } = endpoint([
      { status: 200, body: { access_token: 'at-1', expires_in: 3600, refresh_token: 'refresh-2' } },
      { status: 200, body: { access_token: 'at-2', expires_in: 3600 } },
    ]);
    const source = new OAuth2TokenSource(CONFIG, silent, () => 0, fetchImpl);
    source.invalidate(await source.accessToken());
    await source.accessToken();
    expect(requests[1]?.get('refresh_token')).toBe('refresh-2');
  });

  it('invalid_grant is permanent, named, and carries no secret', async () => {
    const { fetchImpl } = endpoint([{ status: 400, body: { error: 'invalid_grant', error_description: 'revoked' } }]);
    const source = new OAuth2TokenSource(CONFIG, silent, () => 0, fetchImpl);
    const error = await source.accessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuth2RefreshRefusedError);
    expect((error as Error).message).toBe(
      `OAuth2: ${TOKEN_URL} refused the refresh token (invalid_grant); run \`refund-tracker auth\` to get a new OAUTH2_REFRESH_TOKEN`,
    );
  });

  it('a server error or an answer without a token is temporary', async () => {
    const { fetchImpl } = endpoint([
      { status: 503, body: { error: 'temporarily_unavailable' } },
      { status: 200, body: { token_type: 'Bearer' } },
    ]);
    const source = new OAuth2TokenSource(CONFIG, silent, () => 0, fetchImpl);
    await expect(source.accessToken()).rejects.toThrow(
      new OAuth2TokenEndpointError(`OAuth2: token endpoint ${TOKEN_URL} answered HTTP 503 (temporarily_unavailable)`),
    );
    await expect(source.accessToken()).rejects.toBeInstanceOf(OAuth2TokenEndpointError);
  });
});

describe('OAuth2 configuration', () => {
  const imapEnv = {
    IMAP_HOST: 'outlook.office365.com',
    IMAP_USER: 'cases@example.net',
    ALLOWED_FORWARDERS: 'alice@example.net',
    AUTHSERV_ID: '-',
  };

  it('IMAP_AUTH=oauth2 needs no password; the Microsoft preset fills in the endpoints and scope', () => {
    const imap = loadImapConfig({
      ...imapEnv,
      IMAP_AUTH: 'oauth2',
      OAUTH2_PROVIDER: 'microsoft',
      OAUTH2_CLIENT_ID: 'client-1',
      OAUTH2_REFRESH_TOKEN: 'refresh-1',
    });
    expect(imap.password).toBe('');
    expect(imap.oauth2).toEqual({
      provider: 'microsoft',
      tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      deviceAuthorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/devicecode',
      scope: 'offline_access https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send',
      clientId: 'client-1',
      refreshToken: 'refresh-1',
    });
  });

  it('password auth still needs IMAP_PASSWORD and has no oauth2 section', () => {
    expect(() => loadImapConfig(imapEnv)).toThrow('IMAP_PASSWORD is required');
    expect(loadImapConfig({ ...imapEnv, IMAP_PASSWORD: 'pw' }).oauth2).toBeUndefined();
  });

  it('names each missing or wrong OAuth2 variable and never echoes a value', () => {
    let error: unknown;
    try {
      loadOAuth2Config({ OAUTH2_PROVIDER: 'yahoo', OAUTH2_CLIENT_SECRET: 'secret-value-9' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      'OAUTH2_PROVIDER must be google, microsoft or custom',
      'OAUTH2_CLIENT_ID is required',
      'OAUTH2_REFRESH_TOKEN is required',
    ]);
    expect(() =>
      loadOAuth2Config({ OAUTH2_CLIENT_ID: 'c', OAUTH2_REFRESH_TOKEN: 'r', OAUTH2_TOKEN_URL: 'ftp://x' }),
    ).toThrow('OAUTH2_TOKEN_URL must be a URL starting with https:// or http://');
    expect(() => loadOAuth2Config({ OAUTH2_CLIENT_ID: 'c', OAUTH2_REFRESH_TOKEN: 'r' })).toThrow(
      'OAUTH2_TOKEN_URL is required when OAUTH2_PROVIDER=custom',
    );
    expect(() => loadImapConfig({ ...imapEnv, IMAP_AUTH: 'kerberos', IMAP_PASSWORD: 'pw' })).toThrow(
      'IMAP_AUTH must be password or oauth2',
    );
  });

  it('the auth command reads the client without a refresh token', () => {
    expect(loadOAuth2ClientConfig({ OAUTH2_PROVIDER: 'google', OAUTH2_CLIENT_ID: 'c' })).toEqual({
      provider: 'google',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      scope: 'https://mail.google.com/',
      clientId: 'c',
    });
  });
});
