import { type Logger, pino } from 'pino';

/**
 * One root logger; components take a child with their ids (`mailbox`, `uid`, `messageKey`, `case`).
 * Credentials are redacted by path in case a config object is ever logged; bodies are never logged.
 * JSON lines, except on a terminal: there pino-pretty (loaded only then, in pino's transport thread).
 */
export function createLogger(
  level: string = process.env.LOG_LEVEL ?? 'info',
  pretty: boolean = process.stdout.isTTY === true,
): Logger {
  return pino({
    level,
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
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
