/**
 * An object built on first use: calls to its `setup` methods (chained, as `linkify.tlds(…).add(…)`) are
 * recorded and replayed in order on the real instance, which `create` makes when anything else is first
 * read from it. For the packaged CLI (scripts/package-cli.ts), which defers linkify-it so.
 */
export function deferredInstance<T extends object>(create: () => T, setup: ReadonlySet<string>): T {
  let real: T | null = null;
  const calls: Array<[string, unknown[]]> = [];
  const instance = (): T => {
    if (real === null) {
      const made = create();
      for (const [name, args] of calls) (made as Record<string, (...a: unknown[]) => unknown>)[name]?.(...args);
      real = made;
    }
    return real;
  };
  const proxy: T = new Proxy({} as T, {
    get(_, key) {
      if (real === null && typeof key === 'string' && setup.has(key)) {
        return (...args: unknown[]) => {
          calls.push([key, args]);
          return proxy;
        };
      }
      const target = instance();
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return proxy;
}
