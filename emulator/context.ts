import type { Clock } from './clock';
import type { SigningKey } from './keys';
import type { Outbox } from './outbox';
import type { Store } from './store';

export type Limits = {
  /** SMS sends allowed per phone number per clock hour (fixed window); more get too_many_requests. */
  smsSendsPerHour: number;
  /** Consecutive failed OTP authentications that lock the user (Stytch's default is 10). */
  lockAfterFailures: number;
  /** How long a lock lasts (Stytch's default is one hour). */
  lockMinutes: number;
};

export const DEFAULT_LIMITS: Limits = { smsSendsPerHour: 10, lockAfterFailures: 10, lockMinutes: 60 };

/** ISO 3166 alpha-2 codes that may be texted, or `*` for every country. */
export type SmsAllowedCountries = readonly string[] | '*';

/** Stytch texts only the US and Canada until a project allowlists more (projects new since October 2023). */
export const DEFAULT_SMS_ALLOWED_COUNTRIES: SmsAllowedCountries = ['US', 'CA'];

/** What the API handlers share. */
export type EmulatorContext = {
  projectId: string;
  clock: Clock;
  store: Store;
  outbox: Outbox;
  key: SigningKey;
  limits: Limits;
  unsupportedCallingCodes: readonly string[];
  smsAllowedCountries: SmsAllowedCountries;
};
