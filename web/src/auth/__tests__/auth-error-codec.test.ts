import { decodeAuthError, encodeAuthError, formErrorsFromRouterFailure } from '../auth-error-codec';
import { RouterGraphQLError, RouterUnavailableError } from '../router-request';
import { SERVICE_UNAVAILABLE_MESSAGE } from '@/graphql/form-errors';

describe('auth error codec', () => {
  it('round-trips structured form errors through next-auth’s error string', () => {
    const errors = {
      fields: { email: 'Taken' },
      form: 'Nope',
      code: 'CONFLICT',
      retryAfterSeconds: 3,
    };
    const encoded = encodeAuthError(errors);
    // next-auth puts it in a query string
    const viaUrl = new URL(
      `http://x/api/auth/error?error=${encodeURIComponent(encoded)}`,
    ).searchParams.get('error');
    expect(decodeAuthError(viaUrl)).toEqual(errors);
  });

  it('maps next-auth’s own codes to readable messages', () => {
    expect(decodeAuthError('SessionExpired')?.form).toMatch(/session has expired/);
    expect(decodeAuthError('CredentialsSignin')?.form).toBe('Wrong email or password.');
    expect(decodeAuthError('SomethingNew')?.form).toBe('Sign-in failed. Please try again.');
  });

  it('returns undefined when there is no error', () => {
    expect(decodeAuthError(null)).toBeUndefined();
    expect(decodeAuthError('')).toBeUndefined();
  });

  it('survives a corrupted payload', () => {
    expect(decodeAuthError('groovy:{not json')?.form).toBe('Sign-in failed. Please try again.');
  });
});

describe('formErrorsFromRouterFailure', () => {
  it('says "service unavailable" when the router cannot be reached', () => {
    const result = formErrorsFromRouterFailure(new RouterUnavailableError('down'));
    expect(result.form).toBe(SERVICE_UNAVAILABLE_MESSAGE);
    expect(result.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('maps router GraphQL errors to fields', () => {
    const result = formErrorsFromRouterFailure(
      new RouterGraphQLError([
        { message: 'Invalid email', extensions: { code: 'BAD_USER_INPUT', field: 'email' } },
      ]),
      { knownFields: ['email', 'password'] },
    );
    expect(result.fields).toEqual({ email: 'Invalid email' });
  });
});
