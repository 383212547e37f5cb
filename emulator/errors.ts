import { newId } from './ids';

/**
 * Status and default message per error type. Types and messages come from docs/stytch-api.md §4; statuses the spec
 * marks GUESS are kept as it suggests, and the emulator-only types (route_not_found, method_not_allowed) are ours.
 */
const CATALOGUE = {
  bad_request: [400, 'The submitted request is invalid.'],
  custom_claims_too_large: [400, 'session_custom_claims must be at most 4 KB once serialised.'],
  // A Stytch type (its SDKs list it); the message follows the documented B2B duplicate_member_phone_number (GUESS).
  duplicate_phone_number: [400, 'A user with the specified phone number already exists for this project.'],
  invalid_code: [400, 'Code format is invalid.'],
  invalid_expiration_otp: [400, 'expiration_minutes is invalid, should be between 1 and 10 minutes.'],
  invalid_locale: [400, 'locale is invalid.'],
  invalid_method_id: [400, 'method_id format is invalid.'],
  invalid_phone_number: [400, 'Phone number format is invalid. Ensure the phone number is in the E.164 format.'],
  invalid_phone_number_country_code: [400, "The phone number's country code is invalid, unsupported, or disabled."],
  invalid_project_id: [400, 'The project_id in the path does not match this project.'],
  invalid_session_duration_minutes: [
    400,
    'session_duration_minutes is invalid, should be between 5 to 527040 minutes.',
  ],
  no_session_arguments: [400, 'One of session_token or session_jwt must be provided.'],
  no_session_revoke_arguments: [400, 'One of session_id, session_token or session_jwt must be provided.'],
  too_many_session_arguments: [400, 'Only one of session_token or session_jwt may be provided.'],
  too_many_session_revoke_arguments: [400, 'Only one of session_id, session_token or session_jwt may be provided.'],
  unable_to_parse_session_jwt: [400, 'The session_jwt could not be parsed or its signature is invalid.'],
  unauthorized_credentials: [401, 'Unauthorized credentials.'],
  // From Stytch's errors/401 page.
  attribute_mismatch: [401, "Unable to authenticate because attributes on request don't match stored attributes."],
  unable_to_auth_otp_code: [
    401,
    'The passcode could not be authenticated because it was either already used or expired. Send another passcode to this user.',
  ],
  otp_code_not_found: [
    404,
    'The passcode was incorrect and could not be authenticated, encourage the user to try inputting the passcode again or send another passcode.',
  ],
  phone_number_not_found: [404, 'Phone Number could not be found.'],
  route_not_found: [404, 'No API route matches this path.'],
  session_not_found: [404, 'Session could not be found.'],
  user_not_found: [404, 'User could not be found.'],
  method_not_allowed: [405, 'This route does not accept that HTTP method.'],
  too_many_requests: [429, 'Too many requests have been made.'],
  user_lock_limit_reached: [
    429,
    'The user has been locked out due to too many failed authentication attempts. Please try again later.',
  ],
  internal_server_error: [
    500,
    'Oops, something seems to have gone wrong, please reach out to support@stytch.com to let us know what went wrong.',
  ],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorType = keyof typeof CATALOGUE;

/** Thrown by handlers; the server turns it into Stytch's error body. */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly type: ErrorType,
    message?: string,
  ) {
    const [status, defaultMessage] = CATALOGUE[type];
    super(message ?? defaultMessage);
    this.status = status;
  }
}

export type ErrorBody = {
  status_code: number;
  request_id: string;
  error_type: string;
  error_message: string;
  error_url: string;
};

export function errorBody(status: number, type: string, message: string): ErrorBody {
  return {
    status_code: status,
    request_id: newId('request-id'),
    error_type: type,
    error_message: message,
    error_url: `https://stytch.com/docs/api/errors/${status}#${type}`,
  };
}

/** Injected faults may name any error type; a known one gets its usual message. */
export function defaultErrorMessage(type: string): string {
  return isErrorType(type) ? CATALOGUE[type][1] : 'Fault injected by the emulator.';
}

function isErrorType(type: string): type is ErrorType {
  return Object.hasOwn(CATALOGUE, type);
}
