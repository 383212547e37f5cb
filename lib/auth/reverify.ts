import type { SensitiveAction } from '@/lib/auth/challenge';
import { getSignIn, type StartOutcome } from '@/lib/auth/sign-in';
import { getUserByStytchId } from '@/lib/db/users';
import { getEnv } from '@/lib/env';
import { logAuthFailure } from '@/lib/log';
import { getCurrentUser } from '@/lib/session/dal';
import { listSessions, toAuthError } from '@/lib/stytch/client';
import 'server-only';

/**
 * Whether a code proved at `verifiedAt` (ISO) is recent enough at `now` for a sensitive change. A time ahead of
 * `now` is Stytch's clock running ahead of ours: fresh.
 */
export function isFreshSignIn(verifiedAt: string | undefined, now: number, maxAgeMinutes: number): boolean {
  if (!verifiedAt) return false;
  return now - Date.parse(verifiedAt) <= maxAgeMinutes * 60_000;
}

/** Whether this browser's session proved its phone within REVERIFY_MAX_AGE_MINUTES, as Stytch's factor says. */
export async function hasFreshSignIn(): Promise<boolean> {
  const user = await getCurrentUser();
  if (!user) return false;
  try {
    const mine = (await listSessions(user.userId)).find((session) => session.sessionId === user.sessionId);
    // Stytch's clock as the session last saw it counts too: the later of the two is now.
    const now = Math.max(Date.now(), mine ? Date.parse(mine.lastActiveAt) : 0);
    return isFreshSignIn(mine?.phoneVerifiedAt, now, getEnv().REVERIFY_MAX_AGE_MINUTES);
  } catch (error) {
    logAuthFailure('reverify_check', toAuthError(error));
    return false;
  }
}

/**
 * Sends a code to the signed-in user's number for `action` (on the device `deviceSessionId` names, for a device
 * sign-out), kept as this browser's challenge.
 */
export async function startReverification(
  action: SensitiveAction,
  deviceSessionId?: string,
): Promise<StartOutcome | null> {
  const user = await getCurrentUser();
  const record = user && (await getUserByStytchId(user.userId));
  if (!record) return null;
  return getSignIn().startChallenge(record.phoneNumber, undefined, {
    reuseLiveCode: true,
    reverify: action,
    deviceSessionId,
  });
}
