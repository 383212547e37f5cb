import { StytchError } from 'stytch';

/** An error as the Stytch client throws it for an API answer, with words the user must never see. */
export function stytchError(status: number, errorType: string) {
  return new StytchError({
    status_code: status,
    request_id: 'request-id-test-1',
    error_type: errorType,
    error_message: 'raw Stytch words the user must never see',
    error_url: 'https://stytch.com/docs/api/errors',
    error_details: undefined,
  });
}
