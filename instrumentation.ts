/** Checks the configuration once at server start, so a bad deployment says what to fix before the first visitor. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv, ConfigError } = await import('./lib/env');
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
