import type { Command } from 'commander';
import { loadOAuth2ClientConfig } from '../config.js';
import { RefundTrackerError, UsageError } from '../errors.js';
import { describeEndpoint, type OAuth2Config } from '../ingest/oauth2.js';
import { terminalSafe } from '../reports/escape.js';

/** The device-code flow ended without a refresh token: denied, expired, or the provider refused. */
export class OAuth2DeviceFlowError extends RefundTrackerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('oauth2_device_flow_failed', message, options);
  }
}

type OAuth2Client = Omit<OAuth2Config, 'refreshToken'>;

interface DeviceAuthorization {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete?: string;
  expires_in: number;
  interval?: number;
}

async function postForm(url: string, form: Record<string, string>): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new OAuth2DeviceFlowError(`OAuth2: ${describeEndpoint(url)} unreachable (${reason})`, { cause });
  }
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

const errorCode = (body: unknown): string =>
  typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
    ? terminalSafe((body as { error: string }).error).slice(0, 64)
    : 'no error code';

function clientForm(client: OAuth2Client): Record<string, string> {
  return { client_id: client.clientId, ...(client.clientSecret ? { client_secret: client.clientSecret } : {}) };
}

async function startDeviceFlow(client: OAuth2Client, deviceUrl: string): Promise<DeviceAuthorization> {
  const { status, body } = await postForm(deviceUrl, {
    client_id: client.clientId,
    ...(client.scope ? { scope: client.scope } : {}),
  });
  const device = body as Partial<DeviceAuthorization> & { verification_url?: string };
  // Google names it verification_url, RFC 8628 verification_uri.
  const verificationUri = device?.verification_uri ?? device?.verification_url;
  if (status !== 200 || typeof device?.device_code !== 'string' || typeof device.user_code !== 'string') {
    throw new OAuth2DeviceFlowError(
      `OAuth2: ${describeEndpoint(deviceUrl)} refused the device authorization (HTTP ${status}, ${errorCode(body)})`,
    );
  }
  if (typeof verificationUri !== 'string') {
    throw new OAuth2DeviceFlowError(`OAuth2: ${describeEndpoint(deviceUrl)} answered without a verification URL`);
  }
  return {
    device_code: device.device_code,
    user_code: device.user_code,
    verification_uri: verificationUri,
    ...(typeof device.verification_uri_complete === 'string'
      ? { verification_uri_complete: device.verification_uri_complete }
      : {}),
    expires_in: typeof device.expires_in === 'number' ? device.expires_in : 900,
    interval: typeof device.interval === 'number' && device.interval > 0 ? device.interval : 5,
  };
}

/** Polls the token endpoint (RFC 8628 §3.4–3.5) until the user approved, denied, or the code expired. */
async function pollForRefreshToken(client: OAuth2Client, device: DeviceAuthorization): Promise<string> {
  const deadline = Date.now() + device.expires_in * 1000;
  let intervalMs = (device.interval ?? 5) * 1000;
  const endpoint = describeEndpoint(client.tokenUrl);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const { status, body } = await postForm(client.tokenUrl, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: device.device_code,
      ...clientForm(client),
    });
    if (status === 200) {
      const refreshToken = (body as { refresh_token?: unknown } | undefined)?.refresh_token;
      if (typeof refreshToken !== 'string' || refreshToken.length === 0) {
        throw new OAuth2DeviceFlowError(
          `OAuth2: ${endpoint} granted access but sent no refresh token; ask for offline access (OAUTH2_SCOPE)`,
        );
      }
      return refreshToken;
    }
    const code = errorCode(body);
    if (code === 'authorization_pending') continue;
    if (code === 'slow_down') {
      intervalMs += 5_000;
      continue;
    }
    if (code === 'access_denied') throw new OAuth2DeviceFlowError('OAuth2: the sign-in was declined');
    if (code === 'expired_token') break;
    throw new OAuth2DeviceFlowError(`OAuth2: ${endpoint} refused the device code (HTTP ${status}, ${code})`);
  }
  throw new OAuth2DeviceFlowError(
    'OAuth2: the code expired before the sign-in was finished; run `refund-tracker auth` again',
  );
}

/** `auth`: walks the user through the device-code flow and prints OAUTH2_REFRESH_TOKEN for `.env`. */
export function registerAuthCommand(program: Command): void {
  program
    .command('auth')
    .description(
      'Get an OAuth2 refresh token for the mailbox (IMAP_AUTH=oauth2) through the device-code flow: prints a ' +
        'web address and a code to enter there; after you sign in as the mailbox user, prints the ' +
        'OAUTH2_REFRESH_TOKEN line to put in .env. Needs OAUTH2_PROVIDER (google, microsoft) or ' +
        'OAUTH2_TOKEN_URL and OAUTH2_DEVICE_AUTHORIZATION_URL, and OAUTH2_CLIENT_ID (OAUTH2_CLIENT_SECRET when ' +
        'the provider wants one). Instructions on standard error, the token line on standard output.',
    )
    .action(async () => {
      const client = loadOAuth2ClientConfig();
      if (!client.deviceAuthorizationUrl) {
        throw new UsageError(
          'OAuth2: this provider has no device-code flow configured; set OAUTH2_DEVICE_AUTHORIZATION_URL, or get a refresh token with the provider’s own tool and set OAUTH2_REFRESH_TOKEN',
        );
      }
      const device = await startDeviceFlow(client, client.deviceAuthorizationUrl);
      const open = terminalSafe(device.verification_uri_complete ?? device.verification_uri);
      process.stderr.write(
        `Open ${open}\nand enter the code ${terminalSafe(device.user_code)} (valid ${Math.round(device.expires_in / 60)} min); ` +
          'sign in as the mailbox user. Waiting…\n',
      );
      const refreshToken = await pollForRefreshToken(client, device);
      process.stderr.write('Signed in. Put this line in .env (keep it secret) and set IMAP_AUTH=oauth2:\n');
      process.stdout.write(`OAUTH2_REFRESH_TOKEN=${refreshToken}\n`);
    });
}
