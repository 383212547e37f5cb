import { describe, expect, it } from 'vitest';
import { challengeStatus, type Challenge } from './challenge';

const SENT = Date.parse('2026-12-01T12:00:00.000Z');
const COOLDOWN = 30;
const code: Pick<Challenge, 'sentAt' | 'expiresAt'> = { sentAt: SENT, expiresAt: SENT + 120_000 };
const seconds = (n: number) => SENT + n * 1000;

describe('challengeStatus', () => {
  it.each<[string, Partial<Challenge>, number, ReturnType<typeof challengeStatus>]>([
    ['a fresh code is active, its resend cooling down', {}, seconds(1), { status: 'active', resendAt: seconds(30) }],
    ['an active code after the cooldown may be resent', {}, seconds(45), { status: 'active', resendAt: seconds(30) }],
    ['a code at its expiry is expired', {}, seconds(120), { status: 'expired', resendAt: seconds(30) }],
    [
      'an expired code ends the cooldown',
      { expiresAt: seconds(10) },
      seconds(12),
      { status: 'expired', resendAt: seconds(12) },
    ],
    [
      'a code out of tries is spent, resend at once',
      { ended: 'spent' },
      seconds(5),
      { status: 'spent', resendAt: seconds(5) },
    ],
    ['a code another send replaced', { ended: 'replaced' }, seconds(5), { status: 'replaced', resendAt: seconds(5) }],
    [
      'a locked number waits for its lock, whatever the code',
      { ended: 'spent', lockedUntil: seconds(3600) },
      seconds(5),
      { status: 'locked', resendAt: seconds(3600), lockedUntil: seconds(3600) },
    ],
    [
      'a lock that has passed no longer counts',
      { lockedUntil: seconds(4) },
      seconds(5),
      { status: 'active', resendAt: seconds(30) },
    ],
  ])('%s', (_name, overrides, now, expected) => {
    expect(challengeStatus({ ...code, ...overrides }, now, COOLDOWN)).toEqual(expected);
  });

  it('with no cooldown a live code may be resent at once', () => {
    expect(challengeStatus(code, seconds(1), 0)).toEqual({ status: 'active', resendAt: SENT });
  });
});
