import { RefundTrackerError } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * OAuth2 for mailboxes whose provider has switched basic-auth IMAP/SMTP off (Microsoft 365) or
 * discourages app passwords (Google): a long-lived refresh token buys short-lived access tokens
 * from the provider's token endpoint (RFC 6749 §6). Secrets (client secret, refresh token, access
 * tokens) are never logged and never put in an error message.
 */

export type OAuth2Provider = 'google' | 'microsoft' | 'custom';

export interface OAuth2ProviderPreset {
  tokenUrl: string;
  /** RFC 8628 device authorization endpoint; absent when the provider has no device-code flow for mail. */
  deviceAuthorizationUrl?: string;
  /** Scopes that grant IMAP and SMTP access, plus offline access for a refresh token. */
  scope: string;
}

export const OAUTH2_PRESETS: Record<Exclude<OAuth2Provider, 'custom'>, OAuth2ProviderPreset> = {
  // Google's device-code flow does not grant the mail scope: its refresh token comes from an
  // installed-app (browser) sign-in with the provider's own tools.
  google: {
    tokenUrl: 'https://oauth2.googleapis.com/token',
    scope: 'https://mail.google.com/',
  },
  microsoft: {
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    deviceAuthorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/devicecode',
    scope: 'offline_access https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send',
  },
};

export interface OAuth2Config {
  provider: OAuth2Provider;
  tokenUrl: string;
  deviceAuthorizationUrl?: string;
  scope?: string;
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
}

/**
 * The token endpoint refused the refresh token (revoked, expired, or issued to another client):
 * permanent until the user runs `refund-tracker auth` again, so retrying is pointless.
 */
export class OAuth2RefreshRefusedError extends RefundTrackerError {
  constructor(message: string) {
    super('oauth2_refresh_refused', message);
  }
}

/** The token endpoint could not be reached or answered nonsense: temporary, retried. */
export class OAuth2TokenEndpointError extends RefundTrackerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('oauth2_token_endpoint_unavailable', message, options);
  }
}

interface CachedToken {
  accessToken: string;
  /** Epoch ms after which the token is refreshed before use (a margin before its real expiry). */
  refreshAfter: number;
}

/** Endpoint host and path for messages: never its query string or credentials. */
export function describeEndpoint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** The RFC 6749 `error` code of a JSON error body, when it is a short plain code. */
function oauthErrorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const code = (body as { error?: unknown }).error;
  return typeof code === 'string' && /^[a-z_]{1,64}$/.test(code) ? code : undefined;
}

/**
 * Hands out a valid access token: cached until shortly before it expires, refreshed with the
 * refresh token then, and at once when the server refused the token it was given (`invalidate`).
 * Concurrent callers share one refresh request.
 */
export class OAuth2TokenSource {
  private cached: CachedToken | null = null;
  private refreshing: Promise<CachedToken> | null = null;
  private refreshToken: string;

  constructor(
    private readonly config: OAuth2Config,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.refreshToken = config.refreshToken;
  }

  async accessToken(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAfter) return this.cached.accessToken;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    this.cached = await this.refreshing;
    return this.cached.accessToken;
  }

  /** The server refused this token (AUTHENTICATIONFAILED): the next `accessToken()` refreshes. */
  invalidate(accessToken: string): void {
    if (this.cached?.accessToken === accessToken) this.cached = null;
  }

  private async refresh(): Promise<CachedToken> {
    const endpoint = describeEndpoint(this.config.tokenUrl);
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: this.refreshToken,
      client_id: this.config.clientId,
    });
    if (this.config.clientSecret) form.set('client_secret', this.config.clientSecret);
    if (this.config.scope && this.config.provider === 'microsoft') form.set('scope', this.config.scope);
    const requestedAt = this.now();
    let response: Response;
    try {
      response = await this.fetchImpl(this.config.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal: AbortSignal.timeout(15_000),
      });
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new OAuth2TokenEndpointError(`OAuth2: token endpoint ${endpoint} unreachable (${reason})`, { cause });
    }
    const body: unknown = await response.json().catch(() => undefined);
    const code = oauthErrorCode(body);
    if (response.status === 400 || response.status === 401) {
      if (code === 'invalid_grant' || code === 'invalid_client' || code === 'unauthorized_client') {
        throw new OAuth2RefreshRefusedError(
          `OAuth2: ${endpoint} refused the refresh token (${code}); run \`refund-tracker auth\` to get a new OAUTH2_REFRESH_TOKEN`,
        );
      }
    }
    if (!response.ok) {
      throw new OAuth2TokenEndpointError(
        `OAuth2: token endpoint ${endpoint} answered HTTP ${response.status}${code ? ` (${code})` : ''}`,
      );
    }
    const tokens = body as { access_token?: unknown; expires_in?: unknown; refresh_token?: unknown } | undefined;
    if (typeof tokens?.access_token !== 'string' || tokens.access_token.length === 0) {
      throw new OAuth2TokenEndpointError(`OAuth2: token endpoint ${endpoint} answered without an access_token`);
    }
    // Providers may rotate the refresh token (Microsoft does): keep the newest one.
    if (typeof tokens.refresh_token === 'string' && tokens.refresh_token.length > 0) {
      this.refreshToken = tokens.refresh_token;
    }
    const lifetimeMs =
      typeof tokens.expires_in === 'number' && tokens.expires_in > 0 ? tokens.expires_in * 1000 : 3_600_000;
    // Refresh a minute early, or at half-life for tokens shorter than two minutes.
    const marginMs = Math.min(60_000, lifetimeMs / 2);
    this.logger.info({ tokenEndpoint: endpoint, expiresInSeconds: lifetimeMs / 1000 }, 'oauth2 access token refreshed');
    return { accessToken: tokens.access_token, refreshAfter: requestedAt + lifetimeMs - marginMs };
  }
}
