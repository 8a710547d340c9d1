/**
 * The command the user's arguments name: the first word that is not an option, or the one after
 * `help` (`refund-tracker help analyze`). Undefined for `--help` or `--version` alone.
 */
export function commandNamed(args: readonly string[]): string | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}
