// The env file that `scripts/services.sh up` writes, read by the tests and the demo.

/**
 * Parses the env file: lines `export NAME='value'`, where a quote inside the value is written `'\''`
 * (the form services.sh writes). Bare `NAME=value` lines are accepted too.
 */
export function parseServicesEnv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*?)\s*$/.exec(line);
    if (!m?.[1]) continue;
    const raw = m[2] ?? '';
    const quoted = /^'(.*)'$/s.exec(raw);
    vars[m[1]] = quoted ? (quoted[1] ?? '').replaceAll("'\\''", "'") : raw;
  }
  return vars;
}
