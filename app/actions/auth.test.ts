import type { Challenge } from '@/lib/auth/challenge';
import { idle } from '@/lib/fields/form-state';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { codeScreenAction, sendCode, sendNewNumberCode } from './auth';

// A pending challenge, so verifyCode gets as far as reading its form; nothing here reaches Stytch or a cookie.
vi.mock('@/lib/session/cookie', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/session/cookie')>()),
  getChallenge: async (): Promise<Challenge> => ({
    phoneId: 'phone-number-test-00000000-0000-4000-8000-000000000000',
    userId: 'user-test-00000000-0000-4000-8000-000000000000',
    phoneNumber: '+12015550123',
    sentAt: Date.now(),
    expiresAt: Date.now() + 60_000,
    userCreated: false,
  }),
}));

// No request here to read the language from: the words are English's.
vi.mock('@/lib/i18n/request-locale', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/i18n/request-locale')>()),
  getWords: async () => (await import('@/lib/i18n/messages')).wordsFor('en'),
}));

beforeEach(() => {
  vi.stubEnv('STYTCH_PROJECT_ID', 'project-test-00000000-0000-4000-8000-000000000000');
  vi.stubEnv('STYTCH_SECRET', 'secret-test-unit');
  vi.stubEnv('SESSION_PASSWORD', 'unit-test-session-password-at-least-32-characters');
});

// A server action is a public endpoint: a hand-made request decides what its arguments are, FormData or not.
const notFormData: unknown[] = [
  undefined,
  null,
  'country=US&phone=2015550123',
  { country: 'US', phone: '2015550123' },
  ['US'],
  42,
];

describe('sendCode', () => {
  it.each(notFormData)('answers an invalid number, not an exception, when its form is %j', async (form) => {
    await expect(sendCode(idle, form as FormData)).resolves.toMatchObject({
      status: 'error',
      code: 'invalid_phone',
      field: 'phone',
    });
  });
});

describe('sendNewNumberCode', () => {
  it.each(notFormData)('answers an invalid number, before anything else, when its form is %j', async (form) => {
    await expect(sendNewNumberCode(idle, form as FormData)).resolves.toMatchObject({
      status: 'error',
      code: 'invalid_phone',
      field: 'phone',
    });
  });
});

describe('codeScreenAction', () => {
  const previous = {
    answer: idle,
    challenge: { status: 'active', phone: '', expiresAt: 0, resendAt: 0, serverNow: 0 },
  } as const;

  it.each(notFormData)('answers a wrong code, not an exception, when its form is %j', async (form) => {
    await expect(codeScreenAction(previous, form as FormData)).resolves.toMatchObject({
      answer: { status: 'error', code: 'invalid_code', field: 'code' },
      challenge: { status: 'active', phone: '(201) 555-0123' },
    });
  });
});
