import { ConfigError, getEnv } from './lib/env';

// Checks the configuration once at server start, so a bad deployment says what to fix before the first visitor.
try {
  getEnv();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}
