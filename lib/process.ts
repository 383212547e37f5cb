import 'server-only';

type Entry<Value> = { value: Value; until: number };

/**
 * A map of this process that forgets each entry at its own deadline and, when full, the least recently used one.
 * Kept on globalThis under `name`, because the proxy, the pages and the actions load separate copies of a module.
 */
export function processMemo<Value>(name: string, maxEntries = 1_000) {
  const holder = globalThis as Record<symbol, Map<string, Entry<Value>> | undefined>;
  const entries = (holder[Symbol.for(`passcode.memo.${name}`)] ??= new Map());

  return {
    get(key: string): Value | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.until <= Date.now()) return undefined;
      // Most recently used last, so the oldest go first when the map is full.
      entries.set(key, entry);
      return entry.value;
    },

    /** Keeps `value` until `until` (epoch milliseconds); a deadline already past keeps nothing. */
    set(key: string, value: Value, until: number) {
      if (until <= Date.now()) return;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value ?? '');
      entries.set(key, { value, until });
    },
  };
}
