import {
  formErrorsFromGraphQL,
  serviceUnavailable,
  SERVICE_UNAVAILABLE_MESSAGE,
  type FormErrors,
  type FormMessageOverrides,
} from '@/graphql/form-errors';
import { RouterGraphQLError, RouterUnavailableError } from './router-request';

/**
 * next-auth v4 reports a failed `authorize` only as the thrown error's message (it ends up in
 * `?error=`). We pass structured form errors through that string as JSON with a marker prefix.
 */
const PREFIX = 'groovy:';

export function encodeAuthError(errors: FormErrors): string {
  return PREFIX + JSON.stringify(errors);
}

/** Converts anything thrown while talking to the router into form errors. */
export function formErrorsFromRouterFailure(
  error: unknown,
  overrides?: FormMessageOverrides,
): FormErrors {
  if (error instanceof RouterGraphQLError) return formErrorsFromGraphQL(error.errors, overrides);
  if (error instanceof RouterUnavailableError) return serviceUnavailable();
  return serviceUnavailable();
}

/** Messages for next-auth's own error codes and ours (used on /signin?error=...). */
const KNOWN_CODES: Record<string, string> = {
  SessionExpired: 'Your session has expired. Please sign in again.',
  RefreshAccessTokenError: 'Your session has expired. Please sign in again.',
  GoogleSignInFailed:
    'We could not sign you in with Google. Please try again or use your email and password.',
  GoogleUnavailable: SERVICE_UNAVAILABLE_MESSAGE,
  AccessDenied: 'Access was denied.',
  OAuthSignin: 'We could not start sign-in with Google. Please try again.',
  OAuthCallback: 'Google sign-in did not complete. Please try again.',
  Callback: 'Sign-in did not complete. Please try again.',
  CredentialsSignin: 'Wrong email or password.',
  Configuration: 'Sign-in is misconfigured on the server. Please try again later.',
  configuration: 'Sign-in is misconfigured on the server. Please try again later.',
};

export function decodeAuthError(value: string | null | undefined): FormErrors | undefined {
  if (!value) return undefined;
  if (value.startsWith(PREFIX)) {
    try {
      const parsed = JSON.parse(value.slice(PREFIX.length)) as Partial<FormErrors>;
      const fields: Record<string, string> = {};
      if (parsed.fields && typeof parsed.fields === 'object') {
        for (const [k, v] of Object.entries(parsed.fields))
          if (typeof v === 'string') fields[k] = v;
      }
      const out: FormErrors = { fields };
      if (typeof parsed.form === 'string') out.form = parsed.form;
      if (typeof parsed.code === 'string') out.code = parsed.code;
      if (typeof parsed.retryAfterSeconds === 'number')
        out.retryAfterSeconds = parsed.retryAfterSeconds;
      return out;
    } catch {
      return { fields: {}, form: 'Sign-in failed. Please try again.' };
    }
  }
  return {
    fields: {},
    form: KNOWN_CODES[value] ?? 'Sign-in failed. Please try again.',
    code: value,
  };
}
