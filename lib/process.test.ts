import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processCache } from './process';

const memo = <Value>(maxEntries?: number) => processCache<Value>(`test-${randomUUID()}`, maxEntries);

describe('processCache', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives back a value until its deadline, then forgets it', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const values = memo<string>();
    values.set('seal', 'data', Date.now() + 1_000);
    expect(values.get('seal')).toBe('data');
    vi.setSystemTime(Date.now() + 1_000);
    expect(values.get('seal')).toBeUndefined();
  });

  it('keeps nothing whose deadline has passed', () => {
    const values = memo<string>();
    values.set('seal', 'data', Date.now());
    expect(values.get('seal')).toBeUndefined();
  });

  it('forgets the least recently used entry when full', () => {
    const values = memo<number>(2);
    const later = Date.now() + 60_000;
    values.set('a', 1, later);
    values.set('b', 2, later);
    values.get('a');
    values.set('c', 3, later);
    expect([values.get('a'), values.get('b'), values.get('c')]).toEqual([1, undefined, 3]);
  });

  it('forgets an entry on delete', () => {
    const values = memo<string>();
    values.set('seal', 'data', Date.now() + 60_000);
    values.delete('seal');
    expect(values.get('seal')).toBeUndefined();
  });

  it('is one map per name across separate copies of a module', () => {
    const name = `test-${randomUUID()}`;
    processCache<string>(name).set('seal', 'data', Date.now() + 60_000);
    expect(processCache<string>(name).get('seal')).toBe('data');
  });
});
