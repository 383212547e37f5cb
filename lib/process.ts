// Free of `server-only`: the db:migrate CLI loads the database core, and with it this, under plain Node.
import { AsyncResource } from 'node:async_hooks';

// Next loads separate copies of a module for the proxy, the pages and the actions; globalThis is what they share.
const holder = globalThis as Record<symbol, unknown>;

/** The one `create()` of this process under `name`, whichever module copy asks first. */
export function processSingleton<Value>(name: string, create: () => Value): Value {
  const key = Symbol.for(`passcode.${name}`);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as Value;
}

type Entry<Value> = { value: Value; until: number };

/** A map of this process that forgets each entry at its own deadline and, when full, the least recently used one. */
export function processCache<Value>(name: string, maxEntries = 1_000) {
  const entries = processSingleton(`cache.${name}`, () => new Map<string, Entry<Value>>());

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

    delete(key: string) {
      entries.delete(key);
    },
  };
}

/**
 * A scope outside every request, for work that outlives one: a timer keeps the async context it was started in, and
 * Next's request stores in it hold the request, the response and the render. instrumentation-node.ts makes it at start.
 */
export function detachedScope(): AsyncResource {
  return processSingleton('detached-scope', () => new AsyncResource('passcode.detached'));
}
