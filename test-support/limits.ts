// Test support (no test of its own): the sign-in limits at their documented defaults, for the policy tests.
import type { LimitEnv } from '@/lib/limits/sign-in-limits';

export const DEFAULT_LIMIT_ENV: LimitEnv = {
  OTP_RESEND_COOLDOWN_SECONDS: 30,
  SMS_SENDS_PER_PHONE_PER_HOUR: 5,
  SMS_SENDS_PER_PHONE_PER_DAY: 10,
  SMS_SENDS_PER_IP_PER_HOUR: 20,
  SMS_SENDS_PER_COUNTRY_PER_HOUR: 100,
  CODE_ATTEMPTS_PER_CODE: 5,
  WRONG_CODES_PER_PHONE_PER_HOUR: 10,
  WRONG_CODES_PER_IP_PER_HOUR: 30,
  ACCOUNT_ACTIONS_PER_USER_PER_HOUR: 20,
  ACCOUNT_ACTIONS_PER_IP_PER_HOUR: 60,
};
