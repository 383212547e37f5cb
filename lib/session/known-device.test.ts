import { unsealData } from 'iron-session';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isKnownDevice, sealKnownDevice } from './known-device';

const PASSWORD = { '1': 'a-test-password-of-at-least-thirty-two-characters' };
const store = vi.hoisted(() => new Map<string, { value: string; options: Record<string, unknown> }>());
vi.mock('@/lib/env', () => ({
  getEnv: () => ({ SESSION_PASSWORD: PASSWORD, APP_ORIGIN: 'https://login.example.com' }),
}));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => store.get(name),
    set: (name: string, value: string, options: Record<string, unknown>) => store.set(name, { value, options }),
  }),
}));

const [first, second] = ['+12015550101', '+12015550102'];

async function rememberKnownDevice(phoneNumber: string) {
  (await sealKnownDevice(phoneNumber))();
}

describe('the known-device cookie', () => {
  beforeEach(() => store.clear());

  it('knows the numbers this browser signed in to, and no other', async () => {
    expect(await isKnownDevice(first)).toBe(false);
    await rememberKnownDevice(first);
    expect(await isKnownDevice(first)).toBe(true);
    expect(await isKnownDevice(second)).toBe(false);
  });

  it('is set only when the sign-in that sealed it calls for it', async () => {
    const setKnownDevice = await sealKnownDevice(first);
    expect(await isKnownDevice(first)).toBe(false);
    setKnownDevice();
    expect(await isKnownDevice(first)).toBe(true);
  });

  it('is a sealed, HttpOnly __Host- cookie for 180 days that holds no phone number', async () => {
    await rememberKnownDevice(first);
    const cookie = store.get('__Host-passcode-device');
    expect(cookie?.options).toMatchObject({ httpOnly: true, secure: true, sameSite: 'lax', path: '/' });
    expect(cookie?.options.maxAge).toBe(180 * 24 * 3600);
    const sealed = await unsealData<{ numbers: string[] }>(cookie?.value ?? '', { password: PASSWORD });
    expect(sealed.numbers).toHaveLength(1);
    expect(JSON.stringify(sealed)).not.toMatch(/2015550101/);
  });

  it('keeps the five latest numbers, and counts a tampered cookie as none', async () => {
    for (let index = 0; index < 6; index++) await rememberKnownDevice(`+1201555020${index}`);
    expect(await isKnownDevice('+12015550200')).toBe(false);
    expect(await isKnownDevice('+12015550205')).toBe(true);
    store.set('__Host-passcode-device', { value: 'Fe26.2*tampered', options: {} });
    expect(await isKnownDevice('+12015550205')).toBe(false);
  });
});
