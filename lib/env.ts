import { processSingleton } from '@/lib/process';
import 'server-only';
import { parseBrandEnv, parseEnv, type Env } from './env-schema';

export type { Env };

/** The validated configuration of this process, read once: the only reader of `process.env` in the app. */
export function getEnv(): Env {
  return processSingleton('env', () => parseEnv(process.env));
}

/** The product's name: the one key pages prerendered at build time read, so it needs none of the secrets. */
export function getAppName(): string {
  return processSingleton('app-name', () => parseBrandEnv(process.env).APP_NAME);
}
