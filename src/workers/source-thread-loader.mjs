// Module hooks for analysis threads started from the TypeScript sources (vitest runs src/*.ts; the
// built worker never uses this file). Node 20 cannot run .ts, so each .ts module is transpiled with
// the project's own TypeScript (a devDependency), types stripped only, and a `./x.js` import that
// has no .js file beside it resolves to `./x.ts`, as tsc's NodeNext resolution does. Transpiled
// text is cached on disk by content hash (node_modules/.cache), so a test run that starts many
// threads loads TypeScript and transpiles each file once, not once per thread (~2.6 s of CPU).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const CACHE_DIR = new URL('../../node_modules/.cache/refund-tracker-source-threads/', import.meta.url);

let ts;

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent?.startsWith('file:') && parent.endsWith('.ts') && /^\.{1,2}\/.*\.js$/.test(specifier)) {
    const asTs = new URL(specifier.replace(/\.js$/, '.ts'), parent);
    if (!existsSync(new URL(specifier, parent)) && existsSync(asTs)) {
      return { url: asTs.href, format: 'module', shortCircuit: true };
    }
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const source = await readFile(fileURLToPath(url), 'utf8');
  const key = createHash('sha256').update(url).update('\0').update(source).digest('hex');
  const cached = new URL(`${key}.js`, CACHE_DIR);
  const hit = await readFile(cached, 'utf8').catch(() => null);
  if (hit !== null) return { format: 'module', source: hit, shortCircuit: true };
  ts ??= (await import('typescript')).default;
  const out = ts.transpileModule(source, {
    fileName: fileURLToPath(url),
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      sourceMap: false,
      inlineSourceMap: true,
    },
  });
  // Written under a unique name, then renamed: threads of parallel test files share the cache.
  await mkdir(CACHE_DIR, { recursive: true });
  const partial = new URL(`${key}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`, CACHE_DIR);
  await writeFile(partial, out.outputText);
  await rename(partial, cached);
  return { format: 'module', source: out.outputText, shortCircuit: true };
}
