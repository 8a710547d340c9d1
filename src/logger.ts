import { type Logger, pino } from 'pino';

/**
 * One root logger; components take a child with their ids (`mailbox`, `uid`, `messageKey`, `case`).
 * Credentials are redacted by path in case a config object is ever logged; bodies are never logged.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { app: 'refund-tracker' },
    redact: {
      paths: [
        'password',
        '*.password',
        'imap.password',
        'auth.pass',
        '*.auth.pass',
        'auth.accessToken',
        '*.auth.accessToken',
        'refreshToken',
        '*.refreshToken',
        '*.oauth2.refreshToken',
        'clientSecret',
        '*.clientSecret',
        '*.oauth2.clientSecret',
        'smtpUrl',
        '*.smtpUrl',
        'mongodbUri',
        '*.mongodbUri',
        'redisUrl',
        '*.redisUrl',
      ],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
