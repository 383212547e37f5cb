import type { Words } from '@/lib/i18n/messages';
import { logAuthFailure } from '@/lib/log';
import type { CurrentUser } from '@/lib/session/dal';
import { getCurrentUser } from '@/lib/session/dal';
import { recordSessionRevoked } from '@/lib/session/revocations';
import { listSessions, revokeSessionById, toAuthError, type UserSession } from '@/lib/stytch/client';
import 'server-only';
import { UAParser } from 'ua-parser-js';

/** One signed-in device as the account page lists it. */
export type Device = {
  sessionId: string;
  /** "Chrome on macOS", from the browser it signed in with. */
  name: string;
  signedInAt: number;
  lastActiveAt: number;
  /** The browser looking at the list. */
  current: boolean;
};

/** "Chrome on macOS", "Safari sur iOS", or "Unknown device" when the browser did not say, in the reader's words. */
export function deviceName(userAgent: string | undefined, { t }: Words): string {
  const { browser, os } = new UAParser(userAgent ?? '').getResult();
  if (browser.name && os.name) return t('devices.browserOnSystem', { browser: browser.name, system: os.name });
  return browser.name ?? os.name ?? t('devices.unknownDevice');
}

/** The sessions as devices: this one first, then the most recently used. */
export function deviceList(sessions: UserSession[], currentSessionId: string, words: Words): Device[] {
  return sessions
    .map((session) => ({
      sessionId: session.sessionId,
      name: deviceName(session.userAgent, words),
      signedInAt: Date.parse(session.startedAt),
      lastActiveAt: Date.parse(session.lastActiveAt),
      current: session.sessionId === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastActiveAt - a.lastActiveAt);
}

/** The devices the user is signed in on, or null when Stytch cannot say right now. */
export async function listDevices(
  user: Pick<CurrentUser, 'userId' | 'sessionId'>,
  words: Words,
): Promise<Device[] | null> {
  try {
    return deviceList(await listSessions(user.userId), user.sessionId, words);
  } catch (error) {
    logAuthFailure('list_sessions', toAuthError(error));
    return null;
  }
}

/** What ending other devices works with; the tests pass fakes, `getDeviceSignOut` the real ones. */
export type DeviceSignOutDeps = {
  getCurrentUser: () => Promise<Pick<CurrentUser, 'userId' | 'sessionId'> | null>;
  listSessions: typeof listSessions;
  revokeSessionById: typeof revokeSessionById;
  recordSessionRevoked: typeof recordSessionRevoked;
  log: typeof logAuthFailure;
};

/** Ending the user's other sessions, one or all; never this browser's, never another user's. */
export function createDeviceSignOut(deps: DeviceSignOutDeps) {
  // The user's sessions other than this one, among those `wanted` picks; none when nobody is signed in.
  async function othersOf(wanted: (session: UserSession) => boolean) {
    const user = await deps.getCurrentUser();
    if (!user) return [];
    const sessions = await deps.listSessions(user.userId);
    return sessions.filter((session) => session.sessionId !== user.sessionId && wanted(session));
  }

  // Every instance refuses them at once (lib/session/revocations.ts), then Stytch ends them: how many, or null when
  // that failed.
  async function end(step: string, wanted: (session: UserSession) => boolean): Promise<number | null> {
    try {
      const sessions = await othersOf(wanted);
      await Promise.all(sessions.map((session) => deps.recordSessionRevoked(session.sessionId)));
      await Promise.all(sessions.map((session) => deps.revokeSessionById(session.sessionId)));
      return sessions.length;
    } catch (error) {
      deps.log(step, toAuthError(error));
      return null;
    }
  }

  return {
    /**
     * Ends one other session of the signed-in user: `not-found` for an id that is not one of theirs (another user's,
     * this browser's, or a device already signed out).
     */
    async signOutDevice(sessionId: string): Promise<'ended' | 'not-found' | 'failed'> {
      const ended = await end('sign_out_device', (session) => session.sessionId === sessionId);
      return ended === null ? 'failed' : ended === 0 ? 'not-found' : 'ended';
    },
    /** Ends every session of the signed-in user but this browser's. */
    signOutOtherDevices: async () => (await end('sign_out_other_devices', () => true)) !== null,
  };
}

export function getDeviceSignOut() {
  return createDeviceSignOut({
    getCurrentUser,
    listSessions,
    revokeSessionById,
    recordSessionRevoked,
    log: logAuthFailure,
  });
}
