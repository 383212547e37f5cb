import type { Challenge, SensitiveAction } from '@/lib/auth/challenge';
import { idle } from '@/lib/fields/form-state';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { codeScreenAction, deleteAccount, signOutOtherDevices } from './auth';

// The stale sign-in's two steps against fakes: the action asks for a code, then the code's screen continues it.
const fakes = vi.hoisted(() => ({
  allowAccountChange: vi.fn(async () => ({ ok: true as const })),
  pending: { current: null as Challenge | null },
  fresh: { current: false },
}));

vi.mock('@/lib/auth/sign-in', () => ({
  getSignIn: () => ({
    allowAccountChange: fakes.allowAccountChange,
    verify: async () => ({ ok: true, userCreated: false }),
  }),
}));
vi.mock('@/lib/auth/reverify', () => ({
  hasFreshSignIn: async () => fakes.fresh.current,
  startReverification: async (action: SensitiveAction) => {
    fakes.pending.current = {
      phoneId: 'phone-number-test-00000000-0000-4000-8000-000000000000',
      userId: 'user-test-00000000-0000-4000-8000-000000000000',
      phoneNumber: '+12015550123',
      sentAt: Date.now(),
      expiresAt: Date.now() + 60_000,
      userCreated: false,
      reverify: action,
    };
    return { ok: true, challenge: fakes.pending.current };
  },
}));
vi.mock('@/lib/session/cookie', () => ({ getChallenge: async () => fakes.pending.current }));
vi.mock('@/lib/session/notice', () => ({ setNotice: async () => undefined }));
vi.mock('@/lib/auth/delete-account', () => ({ getAccountDeletion: () => async () => true }));
vi.mock('@/lib/auth/devices', () => ({ getDeviceSignOut: () => ({ signOutOtherDevices: async () => true }) }));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));

beforeEach(() => {
  fakes.allowAccountChange.mockClear();
  fakes.pending.current = null;
  fakes.fresh.current = false;
});

function codeForm() {
  const form = new FormData();
  form.set('code', '123456');
  return form;
}

const previous = {
  answer: idle,
  challenge: { status: 'active', phone: '', expiresAt: 0, resendAt: 0, serverNow: 0 },
} as const;

describe('an account action continued after reverification', () => {
  it.each([
    ['delete-account', deleteAccount, '/login'],
    ['sign-out-other-devices', signOutOtherDevices, '/account'],
  ] as const)('%s counts once against the account action limits', async (_action, start, landing) => {
    await expect(start()).rejects.toThrow('redirect /account/reverify');
    fakes.fresh.current = true;
    await expect(codeScreenAction(previous, codeForm())).rejects.toThrow(`redirect ${landing}`);
    expect(fakes.allowAccountChange).toHaveBeenCalledTimes(1);
  });
});
