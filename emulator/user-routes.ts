import type { UsersDeletePhoneNumberResponse, UsersDeleteResponse, UsersGetResponse } from 'stytch';
import type { EmulatorContext } from './context';
import { ApiError } from './errors';
import { apiRoute, type ApiData, type Route, type RouteRequest } from './router';
import { userView } from './views';

export function userRoutes(ctx: EmulatorContext): Route[] {
  return [
    apiRoute('GET', '/v1/users/{user_id}', (request) => getUser(ctx, request)),
    apiRoute('DELETE', '/v1/users/{user_id}', (request) => deleteUser(ctx, request)),
    apiRoute('DELETE', '/v1/users/phone_numbers/{phone_id}', (request) => deletePhoneNumber(ctx, request)),
  ];
}

function getUser(ctx: EmulatorContext, { params }: RouteRequest): ApiData<UsersGetResponse> {
  const user = ctx.store.getUser(params.user_id ?? '');
  if (!user) throw new ApiError('user_not_found');
  return userView(user);
}

/** Deleting a user also ends their sessions and forgets their codes. */
function deleteUser(ctx: EmulatorContext, { params }: RouteRequest): ApiData<UsersDeleteResponse> {
  const userId = params.user_id ?? '';
  if (!ctx.store.deleteUser(userId)) throw new ApiError('user_not_found');
  return { user_id: userId };
}

/** Stytch documents no effect on sessions, so they live on (GUESS); their factors still name the phone. */
function deletePhoneNumber(ctx: EmulatorContext, { params }: RouteRequest): ApiData<UsersDeletePhoneNumberResponse> {
  const user = ctx.store.deletePhone(params.phone_id ?? '');
  if (!user) throw new ApiError('phone_number_not_found');
  return { user_id: user.user_id, user: userView(user) };
}
