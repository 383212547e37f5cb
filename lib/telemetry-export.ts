import { metrics } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import 'server-only';

const EXPORT_EVERY_MS = 60_000;

/** Sends lib/telemetry's counters to the OTLP/HTTP collector at `endpoint` once a minute. */
export function startMetricsExport(endpoint: string): void {
  const exporter = new OTLPMetricExporter({ url: new URL('v1/metrics', `${endpoint.replace(/\/?$/, '/')}`).href });
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: EXPORT_EVERY_MS });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
}
