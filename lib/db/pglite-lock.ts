import { processSingleton } from '@/lib/process';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// PGlite does not lock its data folder: a second instance opens it without complaint and writes are silently lost.
const LOCK_FILE_NAME = 'pglite.lock';

// The lock files this process holds.
const heldLocks = processSingleton('pglite-locks', () => new Set<string>());

export type PgliteLock = {
  readonly path: string;
  release(): void;
};

export class PgliteLockedError extends Error {
  override name = 'PgliteLockedError';

  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      [
        `The PGlite data folder ${dataDir} is in use by process ${ownerPid}:`,
        'another process has the embedded database open.',
        'Run one server at a time (and not `npm run db:migrate` while it runs), or set PGLITE_DATA_DIR to another folder.',
        `If process ${ownerPid} is not using it, delete ${path.join(dataDir, LOCK_FILE_NAME)}.`,
      ].join(' '),
    );
  }
}

/**
 * Claims `dataDir` (created if missing) for this process until `release()` or exit. Throws PgliteLockedError when
 * a live process holds it; a lock left by a process that no longer runs is taken over.
 */
export function acquirePgliteLock(dataDir: string): PgliteLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);

  // Two tries: the second follows the removal of a stale lock.
  for (let attempt = 1; !tryCreateLock(lockPath); attempt++) {
    const ownerPid = readOwnerPid(lockPath);
    if (ownerPid !== undefined && isHolding(ownerPid, lockPath)) throw new PgliteLockedError(dataDir, ownerPid);
    if (attempt === 2) throw new Error(`Could not take over the stale PGlite lock ${lockPath}; delete it and retry.`);
    rmSync(lockPath, { force: true });
  }

  heldLocks.add(lockPath);
  const release = () => {
    process.off('exit', release);
    if (!heldLocks.delete(lockPath)) return;
    if (readOwnerPid(lockPath) === process.pid) rmSync(lockPath, { force: true });
  };
  process.on('exit', release);
  return { path: lockPath, release };
}

function tryCreateLock(lockPath: string): boolean {
  // Write the pid to a private file and hard-link it into place: the link fails if the lock exists, and a
  // concurrent opener never sees a lock without its pid (as open('wx') followed by write() would allow).
  const draft = `${lockPath}.${process.pid}.tmp`;
  writeFileSync(draft, `${process.pid}\n`);
  try {
    linkSync(draft, lockPath);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

function readOwnerPid(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function isHolding(pid: number, lockPath: string): boolean {
  // Our own pid in the file may come from an earlier run (containers reuse low pids): only our held set knows.
  if (pid === process.pid) return heldLocks.has(lockPath);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
