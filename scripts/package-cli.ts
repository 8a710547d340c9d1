// The second half of `npm run build` (after tsc): packages the compiled CLI for `analyze` into one file,
// dist/src/cli/analyze-packaged.cjs, and makes its V8 code cache (src/cli/packaged-cli.ts says why).
// esbuild bundles it: a well-kept bundler that reads the compiled ES modules and the CommonJS packages
// alike and writes one CommonJS file, the form Node 20's vm.Script can cache.
//
// The package holds main.js and what `analyze` can load (the parser, the rules, chrono-node's languages,
// the configuration and rule-pack readers); the other commands and the store stay out. The build fails
// when the package would hold a library `analyze` must never load, or when it does not analyse a message.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { narrowingTreeKey, narrowingTreesFile } from '../src/cli/narrowing-trees.js';
import {
  codeCachePath,
  NARROWING_TREES_PATH,
  NEVER_FOR_ANALYZE,
  PACKAGE_PATH,
  packageHeader,
} from '../src/cli/packaged-cli.js';
// Every rule module, for their patterns (the narrowing trees below): analyze and the parser hold them all.
import '../src/ingest/parse-message.js';
import '../src/rules/analyze.js';
import { type Alternatives, literalsOf, narrowingTreeOf, UnnarrowablePattern } from '../src/rules/narrowing.js';
import { foldedForGate, narrowableSources } from '../src/rules/prefilter.js';

/** A Gmail forward of a shop's refund confirmation, plain text and HTML: the parser's usual path. */
const SAMPLE_FORWARD = [
  'MIME-Version: 1.0',
  'Date: Tue, 10 Nov 2026 09:14:02 +0100',
  'Message-ID: <CAF3k9qZ0packaged-sample@mail.gmail.com>',
  'Subject: Fwd: Your refund for order 7731-2290 [Case RC-2026-40917]',
  'From: Dana Whitfield <dana.whitfield@example.net>',
  'To: refunds@example.net',
  'Content-Type: multipart/alternative; boundary="000000000000a1b2c3"',
  '',
  '--000000000000a1b2c3',
  'Content-Type: text/plain; charset="UTF-8"',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Finally!',
  '',
  '---------- Forwarded message ---------',
  'From: Ridgeway Outfitters Support <support@ridgeway-outfitters.example>',
  'Date: Mon, Nov 9, 2026 at 4:52=E2=80=AFPM',
  'Subject: Your refund for order 7731-2290 [Case RC-2026-40917]',
  'To: <dana.whitfield@example.net>',
  '',
  'Hello Dana,',
  '',
  'Thank you for sending the jacket back. We have processed a full refund of =E2=82=AC129.90 to your',
  'original payment method (transaction ID TXN-88341027). Please allow 3=E2=80=935 business days for it',
  'to appear on your statement.',
  '',
  'Kind regards,',
  'Marta Lindqvist',
  'Customer Care, Ridgeway Outfitters',
  '',
  '--000000000000a1b2c3',
  'Content-Type: text/html; charset="UTF-8"',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  '<div dir=3D"ltr">Finally!<br><br><div class=3D"gmail_quote"><div dir=3D"ltr" class=3D"gmail_attr">---=',
  '------- Forwarded message ---------<br>From: <strong class=3D"gmail_sendername" dir=3D"auto">Ridgeway Ou=',
  'tfitters Support</strong> <span dir=3D"auto">&lt;<a href=3D"mailto:support@ridgeway-outfitters.example">s=',
  'upport@ridgeway-outfitters.example</a>&gt;</span><br>Date: Mon, Nov 9, 2026 at 4:52=E2=80=AFPM<br>Subje=',
  'ct: Your refund for order 7731-2290 [Case RC-2026-40917]<br>To: &lt;<a href=3D"mailto:dana.whitfield@ex=',
  'ample.net">dana.whitfield@example.net</a>&gt;<br></div><br><br><p>Hello Dana,</p><p>Thank you for sendin=',
  'g the jacket back. We have processed a full refund of =E2=82=AC129.90 to your original payment method (t=',
  'ransaction ID TXN-88341027). Please allow 3=E2=80=935 business days for it to appear on your statement.<=',
  '/p><p>Kind regards,<br>Marta Lindqvist<br>Customer Care, Ridgeway Outfitters</p></div></div>',
  '',
  '--000000000000a1b2c3--',
  '',
].join('\r\n');

const distSrc = resolve(import.meta.dirname, '..', 'src');
const entry = join(distSrc, 'cli', 'main.js');
const cli = join(distSrc, 'cli.js');

/**
 * The other commands and what only they import (program.ts's withStore) are left out: in the package
 * each becomes a module that throws, which `analyze` never reaches (packaged-cli.ts runs only it).
 */
const LEFT_OUT = /^(?:cli\/(?!analyze-command)[a-z-]+-commands?\.js|models\/|workers\/)/;
const leaveOutOtherCommands: Plugin = {
  name: 'leave-out-other-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      return LEFT_OUT.test(relative(distSrc, path)) ? { path, namespace: 'left-out' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`not in the packaged CLI: ${basename(args.path)}`)});`,
      loader: 'js',
    }));
  },
};

/**
 * mailparser imports libmime's ES build and mailsplit requires its CommonJS build: loaded from the
 * modules, both run (two charset tables, built at load). The package takes the CommonJS build for both:
 * the same version and code, whose default export is the same object.
 */
const oneLibmime: Plugin = {
  name: 'one-libmime',
  setup(b) {
    b.onResolve({ filter: /^libmime$/ }, (args) =>
      args.kind === 'import-statement' ? { path: createRequire(args.importer).resolve('libmime') } : undefined,
    );
  },
};

/**
 * mailparser builds a linkify-it instance as it loads (its list of 1,500 top-level domains compiled into
 * patterns, a dozen ms) for `textAsHtml`, which parse-message.ts turns off. In the package the instance
 * is built at its first use instead: the setup calls mailparser makes are recorded, then replayed in
 * order (scripts/lib/deferred-instance.ts). Only the moment changes; what runs is the same.
 */
const LAZY_LINKIFY = `
import linkifyIt from 'linkify-it';
import { deferredInstance } from ${JSON.stringify(join(import.meta.dirname, 'lib', 'deferred-instance.js'))};
export default (...args) => deferredInstance(() => linkifyIt(...args), new Set(['tlds', 'add', 'set']));
`;
const lazyLinkify: Plugin = {
  name: 'lazy-linkify',
  setup(b) {
    // mailparser's import gets the stand-in; the stand-in's own import, the real linkify-it.
    b.onResolve({ filter: /^linkify-it$/ }, (args) =>
      args.namespace !== 'lazy-linkify' && /[/\\]node_modules[/\\]mailparser[/\\]/.test(args.importer)
        ? { path: args.importer, namespace: 'lazy-linkify' }
        : undefined,
    );
    // Resolved from mailparser's directory: the linkify-it it would load.
    b.onLoad({ filter: /.*/, namespace: 'lazy-linkify' }, (args) => ({
      contents: LAZY_LINKIFY,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

const result = await build({
  entryPoints: [entry],
  outfile: PACKAGE_PATH,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // A native module: loaded from node_modules at run time.
  external: ['re2'],
  // Packages that find files next to themselves (email-forward-parser's createRequire) get the package's URL.
  banner: { js: "const __packageUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__packageUrl' },
  plugins: [leaveOutOtherCommands, oneLibmime, lazyLinkify],
  // Written next to the package (analyze-packaged.cjs.LEGAL.txt).
  legalComments: 'external',
  metafile: true,
  write: false,
  logLevel: 'warning',
});

const forbidden = Object.keys(result.metafile.inputs).filter((input) =>
  NEVER_FOR_ANALYZE.some((name) => input.startsWith(`node_modules/${name}/`)),
);
if (forbidden.length > 0) throw new Error(`the packaged CLI would load ${forbidden.slice(0, 5).join(', ')}`);

const bundled = result.outputFiles.find((f) => f.path === PACKAGE_PATH)?.text;
if (bundled === undefined) throw new Error('esbuild wrote no package');
const code = asciiOnly(bundled);
const buildId = createHash('sha256').update(code).digest('hex').slice(0, 16);
// Caches of earlier builds go with them.
for (const name of readdirSync(dirname(PACKAGE_PATH))) {
  if (name.startsWith(`${basename(PACKAGE_PATH)}.`)) rmSync(join(dirname(PACKAGE_PATH), name));
}
writeFileSync(PACKAGE_PATH, packageHeader(buildId) + code);
// The licence notices of the packaged libraries, which esbuild collects apart.
for (const file of result.outputFiles) if (file.path !== PACKAGE_PATH) writeFileSync(file.path, file.contents);
writeFileSync(`${PACKAGE_PATH}.meta.json`, JSON.stringify(metaSummary(result.metafile), null, 2));

// The rule patterns' narrowing trees (src/rules/narrowing.ts): the patterns were built as the imports above loaded.
const trees = new Map<string, Alternatives>();
let unnarrowable = 0;
for (const source of narrowableSources()) {
  try {
    trees.set(narrowingTreeKey(source), narrowingTreeOf(source, foldedForGate));
  } catch (err) {
    if (!(err instanceof UnnarrowablePattern)) throw err;
    unnarrowable++;
  }
}
writeFileSync(NARROWING_TREES_PATH, narrowingTreesFile(trees, literalsOf(trees.values(), foldedForGate)));

// The code cache: `analyze` of a forwarded refund confirmation through the installed entry point,
// which writes the cache as it exits (with what that run compiled). Its output is checked too.
const work = mkdtempSync(join(tmpdir(), 'rt-package-'));
try {
  const sample = join(work, 'forwarded-refund.eml');
  writeFileSync(sample, SAMPLE_FORWARD);
  const run = spawnSync(process.execPath, [cli, 'analyze', '--json', sample], { encoding: 'utf8' });
  const record = run.status === 0 ? (JSON.parse(run.stdout) as { caseNumber?: string; resolution?: unknown }) : {};
  if (record.caseNumber !== 'RC-2026-40917' || !record.resolution) {
    throw new Error(`the packaged CLI did not analyse the sample (exit ${run.status}): ${run.stderr}${run.stdout}`);
  }
  readFileSync(codeCachePath(buildId));
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(
  `packaged CLI: ${PACKAGE_PATH} (${(code.length / 1e6).toFixed(1)} MB, build ${buildId}) and its code cache; ` +
    `narrowing trees for ${trees.size} patterns (${unnarrowable} not narrowable)`,
);

/** The inputs by size, for a reader asking what is in the package (and the tests). */
function metaSummary(meta: Metafile): { inputs: Record<string, number> } {
  const inputs = Object.entries(meta.inputs).sort(([, a], [, b]) => b.bytes - a.bytes);
  return { inputs: Object.fromEntries(inputs.map(([path, { bytes }]) => [path, bytes])) };
}

/**
 * The package with every non-ASCII character written as a `\uXXXX` escape. esbuild escapes strings but
 * leaves regular-expression literals and comments as written (ours with CJK punctuation, chrono-node's accented words,
 * iconv-lite's comments); one such character made Node decode all 4 MB as UTF-8 into a two-byte string
 * on every start (~8 ms of a one-message `analyze`); ASCII is read in one pass and held in half the memory.
 * The escape means the same character in a string, a template, a regular expression (with or without
 * `u`, a surrogate pair as two escapes) and a comment. It would not after a backslash (`\é`) or in a
 * raw template, which the build refuses rather than writes.
 */
function asciiOnly(source: string): string {
  const unsafe = /(?<!\\)(?:\\\\)*\\[\u0080-\uffff]|String\.raw`[^`]*[\u0080-\uffff]/.exec(source);
  if (unsafe)
    throw new Error(`the package holds a non-ASCII character an escape would change: ${unsafe[0].slice(0, 40)}`);
  return source.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
