// Headless Chromium (Debian's `chromium`, installed by `scripts/services.sh up`) for the digest's
// screenshots: the screenshot test and the demo. Each run gets a fresh profile, and the flags that keep
// Chromium off the network (this machine's network is closed; see shared/ENVIRONMENT.md).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** How long one Chromium run may take before it is killed. */
const CHROMIUM_TIMEOUT_MS = 90_000;

const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--hide-scrollbars',
  '--force-device-scale-factor=1',
];

/** CHROMIUM_PATH (services.sh writes it), else `chromium` on PATH; throws saying how to get it. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHROMIUM_PATH && existsSync(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  throw new Error("headless Chromium not found: run 'bash scripts/services.sh up' (it installs Debian's chromium)");
}

export interface Viewport {
  width: number;
  height: number;
}

async function withProfile<T>(use: (profileDir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'rt-chromium-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Renders `url` at the viewport and writes a PNG of it to `file`. */
export async function screenshot(url: string, file: string, viewport: Viewport): Promise<void> {
  await withProfile((profile) =>
    run(
      chromiumPath(),
      [
        ...FLAGS,
        `--user-data-dir=${profile}`,
        `--window-size=${viewport.width},${viewport.height}`,
        `--screenshot=${file}`,
        url,
      ],
      { timeout: CHROMIUM_TIMEOUT_MS },
    ),
  );
  if (!existsSync(file)) throw new Error(`chromium wrote no screenshot to ${file}`);
}

/** The DOM of `url` after its scripts ran, laid out at the viewport (a page's script can measure itself). */
export async function dumpDom(url: string, viewport: Viewport): Promise<string> {
  const { stdout } = await withProfile((profile) =>
    run(
      chromiumPath(),
      [
        ...FLAGS,
        `--user-data-dir=${profile}`,
        `--window-size=${viewport.width},${viewport.height}`,
        '--virtual-time-budget=5000',
        '--dump-dom',
        url,
      ],
      { timeout: CHROMIUM_TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024 },
    ),
  );
  return stdout;
}
