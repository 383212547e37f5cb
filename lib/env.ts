import { processSingleton } from '@/lib/process';
import 'server-only';
import { parseEnv, type Env } from './env-schema';

export type { Env };

/** The validated configuration of this process, read once: the only reader of `process.env` in the app. */
export function getEnv(): Env {
  return processSingleton('env', () => parseEnv(process.env));
}
