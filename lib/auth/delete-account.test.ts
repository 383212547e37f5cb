import { AuthError } from '@/lib/auth/errors';
import { describe, expect, it, vi } from 'vitest';
import { createAccountDeletion, type AccountDeletionDeps } from './delete-account';

function deletionWith() {
  const order: string[] = [];
  const deps = {
    getCurrentUser: vi.fn<AccountDeletionDeps['getCurrentUser']>(async () => ({ userId: 'user-1' })),
    deleteStytchUser: vi.fn<AccountDeletionDeps['deleteStytchUser']>(async () => void order.push('stytch')),
    deleteUserRow: vi.fn<AccountDeletionDeps['deleteUserRow']>(async () => void order.push('row')),
    recordUserRevoked: vi.fn<AccountDeletionDeps['recordUserRevoked']>(async () => void order.push('revoked')),
    clearSession: vi.fn<AccountDeletionDeps['clearSession']>(async () => void order.push('cookie')),
    log: vi.fn<AccountDeletionDeps['log']>(),
  };
  return { deleteAccount: createAccountDeletion(deps), deps, order };
}

describe('deleting an account', () => {
  it('deletes the Stytch user, refuses every session, removes the row and clears the cookie', async () => {
    const { deleteAccount, deps, order } = deletionWith();
    expect(await deleteAccount()).toBe(true);
    expect(deps.deleteStytchUser).toHaveBeenCalledWith('user-1');
    expect(deps.recordUserRevoked).toHaveBeenCalledWith('user-1');
    expect(deps.deleteUserRow).toHaveBeenCalledWith('user-1');
    expect(order).toEqual(['stytch', 'revoked', 'row', 'cookie']);
  });

  it('deletes nothing, and keeps the person signed in, when Stytch refuses', async () => {
    const { deleteAccount, deps } = deletionWith();
    deps.deleteStytchUser.mockRejectedValue(new AuthError('unavailable', { errorType: 'internal_server_error' }));
    expect(await deleteAccount()).toBe(false);
    expect(deps.deleteUserRow).not.toHaveBeenCalled();
    expect(deps.clearSession).not.toHaveBeenCalled();
    expect(deps.log).toHaveBeenCalledWith('delete_account', expect.objectContaining({ code: 'unavailable' }));
  });

  it('still signs the person out when the row cannot be removed', async () => {
    const { deleteAccount, deps } = deletionWith();
    deps.deleteUserRow.mockRejectedValue(new Error('connection refused'));
    expect(await deleteAccount()).toBe(true);
    expect(deps.clearSession).toHaveBeenCalled();
    expect(deps.log).toHaveBeenCalledWith('delete_user_row', expect.anything());
  });

  it('deletes nothing when nobody is signed in', async () => {
    const { deleteAccount, deps } = deletionWith();
    deps.getCurrentUser.mockResolvedValue(null);
    expect(await deleteAccount()).toBe(false);
    expect(deps.deleteStytchUser).not.toHaveBeenCalled();
  });
});
