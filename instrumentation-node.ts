import { getDb } from './lib/db/connection';
import { getEnv } from './lib/env';
import { ConfigError } from './lib/env-schema';
import { installPeerAddressStamp } from './lib/http/peer-address';
import { logEvent } from './lib/log';
import { detachedScope } from './lib/process';

// Checks the configuration once at server start, so a bad deployment says what to fix before the first visitor.
try {
  getEnv();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}

// Opens (and migrates) the database now rather than on the first sign-in, which would otherwise wait seconds for
// the embedded one. A failure is logged and retried by the first request that needs the database.
getDb().catch((error: unknown) => {
  logEvent('error', 'database_open_failed', { error: error instanceof Error ? error.message : 'unknown' });
});

// Before the first request: the per-client limits read the socket's address from this stamp, and their timers run in
// a scope made here, outside every request.
installPeerAddressStamp();
detachedScope();

// The abuse counters (lib/telemetry.ts) go to a collector only when one is configured; the SDK loads only then.
const { OTEL_EXPORTER_OTLP_ENDPOINT } = getEnv();
if (OTEL_EXPORTER_OTLP_ENDPOINT) {
  import('./lib/telemetry-export')
    .then(({ startMetricsExport }) => startMetricsExport(OTEL_EXPORTER_OTLP_ENDPOINT))
    .catch((error: unknown) => {
      logEvent('error', 'metrics_export_failed', { error: error instanceof Error ? error.message : 'unknown' });
    });
}
