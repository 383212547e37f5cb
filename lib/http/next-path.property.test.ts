import { anyCodePoint, sitePath, webOrigin } from '@/test-support/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

// Pieces that, put together, make the tricky cases of "is this still a path on our site": dot segments, doubled and
// encoded slashes, backslashes, schemes, userinfo, control characters and non-ASCII text.
const trickyPiece = fc.constantFrom(
  '/',
  '//',
  '\\',
  '.',
  '..',
  '%2e',
  '%2E%2e',
  '%2f',
  '%5c',
  '%00',
  '@',
  ':',
  'evil.example',
  'https:',
  'javascript:',
  '?',
  '#',
  '&next=',
  '\t',
  '\n',
  '\r',
  ' ',
  '\u0000',
  '\u007f',
  '\u3002',
  'ａ',
  '🙂',
  'account',
);
// Dot segments next to doubled slashes: the shape in which a path can normalise into "//host".
const dottedPath = fc
  .tuple(fc.array(fc.constantFrom('.', '..', '%2e', '%2E%2e', 'a/..', ''), { minLength: 1, maxLength: 4 }), fc.domain())
  .map(([segments, host]) => `/${segments.join('/')}//${host}`);
const nextValue = fc.oneof(
  dottedPath,
  fc.array(trickyPiece, { maxLength: 12 }).map((pieces) => pieces.join('')),
  fc.array(trickyPiece, { maxLength: 12 }).map((pieces) => `/${pieces.join('')}`),
  sitePath,
  fc.tuple(webOrigin, sitePath).map(([site, target]) => `${site}${target}`),
  fc.string({ unit: anyCodePoint, maxLength: 80 }),
  fc.string({ maxLength: 600 }).map((text) => `/${text}`),
);

describe('safeNextPath (properties)', () => {
  it('only returns a path that stays on whatever origin it is resolved against', () => {
    fc.assert(
      fc.property(nextValue, fc.array(webOrigin, { minLength: 1, maxLength: 3 }), (value, origins) => {
        const path = safeNextPath(value);
        if (path === undefined) return;
        expect(path.startsWith('/')).toBe(true);
        for (const site of origins) expect(new URL(path, site).origin).toBe(site);
      }),
      { numRuns: 400 },
    );
  });

  it('returns a path whose own check gives it back unchanged', () => {
    fc.assert(
      fc.property(nextValue, (value) => {
        const path = safeNextPath(value);
        if (path !== undefined) expect(safeNextPath(path)).toBe(path);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps every plain path made of ordinary segments', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z0-9_~-]{1,12}$/), { minLength: 1, maxLength: 6 }), (segments) => {
        const path = `/${segments.join('/')}`;
        expect(safeNextPath(path)).toBe(path);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses anything that is not a string', () => {
    fc.assert(
      fc.property(
        fc.anything().filter((value) => typeof value !== 'string'),
        (value) => {
          expect(safeNextPath(value)).toBeUndefined();
        },
      ),
      { numRuns: 100 },
    );
  });
});
