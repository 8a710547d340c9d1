// A TCP proxy in front of the real Dovecot that counts the IMAP commands the client sends (by name,
// `UID FETCH`, `UID MOVE`…) and the bytes it passes on to the client, and can understate every
// RFC822.SIZE above a threshold, as a buggy or hostile server would.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface ImapProxy {
  port: number;
  /** How many commands of this name (e.g. `UID FETCH`) the client has sent so far. */
  commands(name: string): number;
  /** How many bytes the proxy has passed on to its clients so far (after any size rewriting). */
  bytesToClient(): number;
  /**
   * The next time a client sends a command of this name, its connection is cut before the command
   * reaches the server (as when the worker dies, or the network goes, mid-batch). Resolves then.
   */
  cutAtNext(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface ImapProxyOptions {
  /** Every RFC822.SIZE above `above` bytes is reported as `as` bytes. */
  lieAboutSize?: { above: number; as: number };
}

/** Command names with their `UID` prefix when present: `a12 UID FETCH 3,4 (…)` counts as `UID FETCH`. */
const COMMAND = /^\S+ ((?:UID )?[A-Z]+)/;

export async function startImapProxy(host: string, port: number, options: ImapProxyOptions = {}): Promise<ImapProxy> {
  const counts = new Map<string, number>();
  let bytesToClient = 0;
  let cut: { name: string; done: () => void } | null = null;
  const sockets = new Set<Socket>();
  const lie = options.lieAboutSize;
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host, port });
    sockets.add(client).add(upstream);
    // Whole lines only, so a command or an RFC822.SIZE item is never split across two chunks. latin1
    // keeps every byte as one character, so literals pass through unchanged (and an APPEND's literal
    // body, never sent through this proxy by the tests, would at worst add to no count).
    let fromServer = '';
    upstream.on('data', (chunk: Buffer) => {
      fromServer += chunk.toString('latin1');
      const end = fromServer.lastIndexOf('\r\n');
      if (end < 0) return;
      let lines = fromServer.slice(0, end + 2);
      fromServer = fromServer.slice(end + 2);
      if (lie) {
        lines = lines.replace(/RFC822\.SIZE (\d+)/g, (item, size: string) =>
          Number(size) > lie.above ? `RFC822.SIZE ${lie.as}` : item,
        );
      }
      const out = Buffer.from(lines, 'latin1');
      bytesToClient += out.length;
      client.write(out);
    });
    let fromClient = '';
    client.on('data', (chunk: Buffer) => {
      fromClient += chunk.toString('latin1');
      const end = fromClient.lastIndexOf('\r\n');
      const names =
        end < 0
          ? []
          : fromClient
              .slice(0, end)
              .split('\r\n')
              .map((line) => COMMAND.exec(line)?.[1]);
      if (end >= 0) fromClient = fromClient.slice(end + 2);
      const pendingCut = cut;
      if (pendingCut && names.includes(pendingCut.name)) {
        cut = null;
        closeBoth();
        pendingCut.done();
        return;
      }
      upstream.write(chunk);
      for (const name of names) if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
    });
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy: no TCP address');
  return {
    port: address.port,
    commands: (name) => counts.get(name) ?? 0,
    bytesToClient: () => bytesToClient,
    cutAtNext: (name) => new Promise<void>((resolve) => (cut = { name, done: resolve })),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
