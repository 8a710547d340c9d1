import RE2 from 're2';

/**
 * A looser twin of some patterns, run by RE2 (a DFA: one pass, whatever the number of alternatives).
 * RE2 knows no lookaround, so boundaries and lookaheads are dropped: the twin matches at least
 * whatever the patterns match, which is all a filter must promise. Used to skip the costly V8
 * patterns (Unicode boundaries, hundreds of alternatives) on sentences that cannot match them.
 */
export function prefilter(sources: string[]): RE2 {
  const loose = sources
    .join('|')
    .replaceAll('\\b', '')
    .replace(/\(\?<?[!=](?:[^()]|\([^()]*\))*\)/g, '');
  return new RE2(loose, 'iu');
}
