import { AuthError } from '@/lib/auth/errors';
import { wordsFor } from '@/lib/i18n/messages';
import type { UserSession } from '@/lib/stytch/client';
import { describe, expect, it, vi } from 'vitest';
import { createDeviceSignOut, deviceList, deviceName, type DeviceSignOutDeps } from './devices';

const EN = wordsFor('en');

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

const session = (sessionId: string, lastActiveAt: string, userAgent?: string): UserSession => ({
  sessionId,
  startedAt: '2026-12-02T09:00:00.000Z',
  lastActiveAt,
  ...(userAgent ? { userAgent } : {}),
});

describe('deviceName', () => {
  it('names the browser and its system', () => {
    expect(deviceName(CHROME_MAC, EN)).toBe('Chrome on Mac OS');
    expect(deviceName(SAFARI_IPHONE, EN)).toBe('Mobile Safari on iOS');
  });

  it('says so when the browser did not tell', () => {
    expect(deviceName(undefined, EN)).toBe('Unknown device');
    expect(deviceName('curl-ish/1', EN)).toBe('Unknown device');
  });
});

describe('deviceName in another language', () => {
  it('names the device in the reader’s words', () => {
    expect(deviceName(CHROME_MAC, wordsFor('fr'))).toBe('Chrome sur Mac OS');
    expect(deviceName(undefined, wordsFor('de-DE'))).toBe('Unbekanntes Gerät');
  });
});

describe('deviceList', () => {
  it('puts this device first, then the most recently used, with times as epoch milliseconds', () => {
    const devices = deviceList(
      [
        session('old', '2026-12-02T09:05:00.000Z', SAFARI_IPHONE),
        session('this', '2026-12-02T09:01:00.000Z', CHROME_MAC),
        session('recent', '2026-12-02T10:00:00.000Z'),
      ],
      'this',
      EN,
    );
    expect(devices.map(({ sessionId, current }) => [sessionId, current])).toEqual([
      ['this', true],
      ['recent', false],
      ['old', false],
    ]);
    expect(devices[0]).toMatchObject({
      name: 'Chrome on Mac OS',
      signedInAt: Date.UTC(2026, 11, 2, 9),
      lastActiveAt: Date.UTC(2026, 11, 2, 9, 1),
    });
  });
});

describe('signing out other devices', () => {
  const USER = { userId: 'user-1', sessionId: 'this' };

  function deviceSignOutWith(sessions: UserSession[]) {
    const deps = {
      getCurrentUser: vi.fn<DeviceSignOutDeps['getCurrentUser']>(async () => USER),
      listSessions: vi.fn<DeviceSignOutDeps['listSessions']>(async () => sessions),
      revokeSessionById: vi.fn<DeviceSignOutDeps['revokeSessionById']>(async () => undefined),
      recordSessionRevoked: vi.fn<DeviceSignOutDeps['recordSessionRevoked']>(async () => undefined),
      log: vi.fn<DeviceSignOutDeps['log']>(),
    };
    return { deviceSignOut: createDeviceSignOut(deps), deps };
  }

  const SESSIONS = [session('this', '2026-12-02T09:00:00Z'), session('phone', '2026-12-02T09:00:00Z')];

  it('ends the named session of the same user, here and at Stytch', async () => {
    const { deviceSignOut, deps } = deviceSignOutWith(SESSIONS);
    expect(await deviceSignOut.signOutDevice('phone')).toBe('ended');
    expect(deps.listSessions).toHaveBeenCalledWith('user-1');
    expect(deps.recordSessionRevoked).toHaveBeenCalledWith('phone');
    expect(deps.revokeSessionById).toHaveBeenCalledWith('phone');
  });

  it('ends nothing for a session id of another user, nor for this browser’s own', async () => {
    const { deviceSignOut, deps } = deviceSignOutWith(SESSIONS);
    expect(await deviceSignOut.signOutDevice('someone-elses')).toBe('not-found');
    expect(await deviceSignOut.signOutDevice('this')).toBe('not-found');
    expect(deps.recordSessionRevoked).not.toHaveBeenCalled();
    expect(deps.revokeSessionById).not.toHaveBeenCalled();
  });

  it('ends every other session and keeps this one', async () => {
    const sessions = [...SESSIONS, session('tablet', '2026-12-02T09:00:00Z')];
    const { deviceSignOut, deps } = deviceSignOutWith(sessions);
    expect(await deviceSignOut.signOutOtherDevices()).toBe(true);
    expect(deps.revokeSessionById.mock.calls.map(([id]) => id).sort()).toEqual(['phone', 'tablet']);
  });

  it('ends nothing when nobody is signed in', async () => {
    const { deviceSignOut, deps } = deviceSignOutWith(SESSIONS);
    deps.getCurrentUser.mockResolvedValue(null);
    await deviceSignOut.signOutOtherDevices();
    expect(deps.listSessions).not.toHaveBeenCalled();
  });

  it('answers false and logs when Stytch cannot list the sessions', async () => {
    const { deviceSignOut, deps } = deviceSignOutWith(SESSIONS);
    deps.listSessions.mockRejectedValue(new AuthError('timeout', { errorType: 'timeout' }));
    expect(await deviceSignOut.signOutOtherDevices()).toBe(false);
    expect(deps.log).toHaveBeenCalledWith('sign_out_other_devices', expect.objectContaining({ code: 'timeout' }));
  });
});
