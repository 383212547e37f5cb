import { afterEach, describe, expect, it, vi } from 'vitest';

// Next routes `page.bench.tsx` only when `bench.tsx` is one of the page extensions: the name must be `page.<ext>`.
const BENCH_FILES = ['app/(app)/bench/page.bench.tsx', 'app/bench/cpu/route.bench.ts'];
const routedBy = (extensions: string[]) =>
  BENCH_FILES.filter((file) => extensions.some((extension) => /^(page|route)$/.test(nameWithout(file, extension))));
const nameWithout = (file: string, extension: string) =>
  file.endsWith(`.${extension}`) ? file.slice(file.lastIndexOf('/') + 1, -extension.length - 1) : '';

async function pageExtensions(benchBuild: string | undefined): Promise<string[]> {
  vi.stubEnv('BENCH_BUILD', benchBuild);
  vi.resetModules();
  const { default: config } = (await import('../../next.config.js')) as { default: { pageExtensions: string[] } };
  return config.pageExtensions;
}

afterEach(() => vi.unstubAllEnvs());

describe('the benchmark build', () => {
  it('is the only build with the load bench’s baseline routes', async () => {
    expect(routedBy(await pageExtensions(undefined))).toEqual([]);
    expect(routedBy(await pageExtensions('1'))).toEqual(BENCH_FILES);
  });

  it('routes every page and route of the product alike', async () => {
    expect(await pageExtensions('1')).toEqual(expect.arrayContaining(await pageExtensions(undefined)));
  });
});
