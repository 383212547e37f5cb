import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquirePgliteLock, PgliteLockedError, type PgliteLock } from './pglite-lock';

let root: string;
const taken: PgliteLock[] = [];

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'pglite-lock-'));
});

afterEach(() => {
  for (const lock of taken.splice(0)) lock.release();
  rmSync(root, { recursive: true, force: true });
});

function acquire(dataDir: string): PgliteLock {
  const lock = acquirePgliteLock(dataDir);
  taken.push(lock);
  return lock;
}

function writeLock(dataDir: string, pid: number): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'pglite.lock'), `${pid}\n`);
}

async function pidOfExitedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

describe('acquirePgliteLock', () => {
  it('creates missing folders and records this pid', () => {
    const dataDir = path.join(root, 'nested', 'pglite');

    const lock = acquire(dataDir);

    expect(readFileSync(lock.path, 'utf8').trim()).toBe(String(process.pid));
  });

  it('refuses a second opener in the same process, naming the folder and the pid', () => {
    const dataDir = path.join(root, 'pglite');
    acquire(dataDir);

    expect(() => acquire(dataDir)).toThrow(PgliteLockedError);
    expect(() => acquire(dataDir)).toThrow(
      `The PGlite data folder ${dataDir} is in use by process ${process.pid}: another process has the embedded database open.`,
    );
  });

  it('refuses a folder whose lock names another live process', () => {
    const dataDir = path.join(root, 'pglite');
    writeLock(dataDir, process.ppid);

    expect(() => acquire(dataDir)).toThrow(`in use by process ${process.ppid}`);
  });

  it('takes over a lock left by a process that has exited', async () => {
    const dataDir = path.join(root, 'pglite');
    writeLock(dataDir, await pidOfExitedProcess());

    const lock = acquire(dataDir);

    expect(readFileSync(lock.path, 'utf8').trim()).toBe(String(process.pid));
  });

  it('takes over a lock naming this pid that this process does not hold (a reused pid after a restart)', () => {
    const dataDir = path.join(root, 'pglite');
    writeLock(dataDir, process.pid);

    expect(() => acquire(dataDir)).not.toThrow();
  });

  it('frees the folder on release', () => {
    const dataDir = path.join(root, 'pglite');
    const lock = acquire(dataDir);

    lock.release();

    expect(existsSync(lock.path)).toBe(false);
    expect(() => acquire(dataDir)).not.toThrow();
  });

  it('frees the folder when the holding process exits without releasing', async () => {
    const dataDir = path.join(root, 'pglite');
    const script = [
      `import { readFileSync } from 'node:fs';`,
      `import { acquirePgliteLock } from './lib/db/pglite-lock.ts';`,
      `process.stdout.write(readFileSync(acquirePgliteLock(${JSON.stringify(dataDir)}).path, 'utf8'));`,
    ].join('\n');
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['--eval', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = await once(child, 'exit');

    expect(code).toBe(0);
    // tsx runs the script in a node process of its own, so the holder's pid is neither ours nor tsx's.
    expect(output.trim()).toMatch(/^\d+$/);
    expect(Number(output)).not.toBe(process.pid);
    expect(existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
  });
});
