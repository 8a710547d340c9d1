// The bench's side of the mailbox: a user's own IMAP sessions that put mail in and count what is left.
import { ImapFlow } from 'imapflow';

export interface ImapAccount {
  host: string;
  port: number;
  user: string;
  password: string;
}

export async function imapSession(account: ImapAccount): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: account.host,
    port: account.port,
    secure: false,
    auth: { user: account.user, pass: account.password },
    logger: false,
    // The bench never idles on its sessions: counts are asked for with STATUS.
    disableAutoIdle: true,
  });
  await client.connect();
  return client;
}

/** Message count of a mailbox (0 when it does not exist yet). */
export async function countIn(client: ImapFlow, mailbox: string): Promise<number> {
  try {
    const status = await client.status(mailbox, { messages: true });
    return status ? (status.messages ?? 0) : 0;
  } catch {
    return 0;
  }
}

/**
 * Appends every message to INBOX over `connections` sessions at once (imapflow sends one APPEND at a
 * time per session, so parallel sessions are what fills a mailbox fast). Returns the wall time taken.
 */
export async function fillInbox(account: ImapAccount, raws: readonly Buffer[], connections = 4): Promise<number> {
  const started = performance.now();
  let next = 0;
  const sessions = await Promise.all(
    Array.from({ length: Math.max(1, Math.min(connections, raws.length)) }, () => imapSession(account)),
  );
  try {
    await Promise.all(
      sessions.map(async (client) => {
        for (;;) {
          const i = next++;
          const raw = raws[i];
          if (raw === undefined) return;
          await client.append('INBOX', raw);
        }
      }),
    );
  } finally {
    await Promise.all(sessions.map((s) => s.logout().catch(() => s.close())));
  }
  return performance.now() - started;
}
