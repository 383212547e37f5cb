import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it.each([
    ['/account', '/account'],
    ['/account/settings?tab=security#phone', '/account/settings?tab=security#phone'],
    ['/a/../account', '/account'],
  ])('keeps the same-origin path %j', (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '//',
    '//[',
    '/.//evil.example',
    '/a/..//evil.example',
    '/%2e%2e//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'account',
    '',
    `/${'a'.repeat(512)}`,
    undefined,
    ['/account'],
  ])('refuses %j', (value) => {
    expect(safeNextPath(value)).toBeUndefined();
  });
});
