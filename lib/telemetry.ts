import { logEvent } from '@/lib/log';
import { processSingleton } from '@/lib/process';
import { metrics, type Counter, type MeterProvider } from '@opentelemetry/api';
import 'server-only';

/** Where a count belongs: the number's calling code ("1"), and for a refusal why (`limit:country`, `invalid_code`). */
type CountryFields = { country: string; reason?: string };

type Counters = { sent: Counter; verified: Counter; refused: Counter };

// Made for the registered meter provider (instrumentation-node.ts's OTLP export, else the API's no-op) on first use.
const madeFor = processSingleton('telemetry.counters', () => new WeakMap<MeterProvider, Counters>());
function otel(): Counters {
  const provider = metrics.getMeterProvider();
  const made = madeFor.get(provider);
  if (made) return made;
  const meter = provider.getMeter('passcode');
  const counters: Counters = {
    sent: meter.createCounter('passcode.sms.sent', { description: 'Codes texted, per country calling code' }),
    verified: meter.createCounter('passcode.sign_ins.verified', {
      description: 'Codes that signed someone in, per country calling code',
    }),
    refused: meter.createCounter('passcode.sign_ins.refused', {
      description: 'Refused sends and tries, per country calling code and reason',
    }),
  };
  madeFor.set(provider, counters);
  return counters;
}

// This process's own totals, so the log line shows the pumping signal (sent against verified) with no collector.
const totals = processSingleton('telemetry.totals', () => new Map<string, { sent: number; verified: number }>());

function tally(country: string, kind: 'sent' | 'verified') {
  const counts = totals.get(country) ?? { sent: 0, verified: 0 };
  counts[kind]++;
  totals.set(country, counts);
  return counts;
}

/** One code texted: counted for its country, and logged with this process's sent and verified totals. */
function recordSmsSent({ country }: CountryFields, how: { signedInBefore: boolean; proofOfWork: boolean }) {
  otel().sent.add(1, { country });
  const { sent, verified } = tally(country, 'sent');
  logEvent('info', 'sms_sent', {
    country,
    signed_in_before: how.signedInBefore,
    proof_of_work: how.proofOfWork,
    sent,
    verified,
  });
}

/** One code that signed someone in: the other half of the pumping signal. */
function recordVerified({ country }: CountryFields) {
  otel().verified.add(1, { country });
  const { sent, verified } = tally(country, 'verified');
  logEvent('info', 'sign_in_verified', { country, sent, verified });
}

/** One refused send or try; its log line is the step's `auth_failure`, so this only counts. */
function recordRefused({ country, reason = 'unknown' }: CountryFields) {
  otel().refused.add(1, { country, reason });
}

export const telemetry = { recordSmsSent, recordVerified, recordRefused };
export type Telemetry = typeof telemetry;
