import { deleteUserByStytchId } from '@/lib/db/users';
import { logAuthFailure } from '@/lib/log';
import { clearSession } from '@/lib/session/cookie';
import { getCurrentUser, type CurrentUser } from '@/lib/session/dal';
import { recordUserRevoked } from '@/lib/session/revocations';
import { deleteUser, toAuthError } from '@/lib/stytch/client';
import 'server-only';

/** What deleting an account works with; the tests pass fakes, `getAccountDeletion` the real ones. */
export type AccountDeletionDeps = {
  getCurrentUser: () => Promise<Pick<CurrentUser, 'userId'> | null>;
  deleteStytchUser: typeof deleteUser;
  deleteUserRow: typeof deleteUserByStytchId;
  recordUserRevoked: typeof recordUserRevoked;
  clearSession: () => Promise<void>;
  log: typeof logAuthFailure;
};

/**
 * Deletes the signed-in user: at Stytch first (their sessions die with them), then every instance refuses their
 * sessions at once, then their row goes and this browser's cookie. False when Stytch refused and nothing went.
 */
export function createAccountDeletion(deps: AccountDeletionDeps) {
  return async function deleteAccount(): Promise<boolean> {
    const user = await deps.getCurrentUser();
    if (!user) return false;
    try {
      await deps.deleteStytchUser(user.userId);
    } catch (error) {
      deps.log('delete_account', toAuthError(error));
      return false;
    }
    await deps.recordUserRevoked(user.userId);
    // The Stytch user is gone: a row left behind by a database hiccup names no one who can sign in, and is logged.
    await deps.deleteUserRow(user.userId).catch((error: unknown) => deps.log('delete_user_row', toAuthError(error)));
    await deps.clearSession();
    return true;
  };
}

export function getAccountDeletion() {
  return createAccountDeletion({
    getCurrentUser,
    deleteStytchUser: deleteUser,
    deleteUserRow: deleteUserByStytchId,
    recordUserRevoked,
    clearSession: () => clearSession(),
    log: logAuthFailure,
  });
}
