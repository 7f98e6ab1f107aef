import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { formErrorsFromApolloError, isNotFound, isUnauthenticated } from '../apollo-errors';
import { SERVICE_UNAVAILABLE_MESSAGE } from '../form-errors';

describe('formErrorsFromApolloError', () => {
  it('maps GraphQL errors returned by the router', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [{ message: 'Name too long', extensions: { code: 'BAD_USER_INPUT', field: 'name' } }],
    });
    expect(formErrorsFromApolloError(error).fields).toEqual({ name: 'Name too long' });
  });

  it('treats a network failure (router down) as service unavailable', () => {
    const result = formErrorsFromApolloError(new TypeError('Failed to fetch'));
    expect(result.form).toBe(SERVICE_UNAVAILABLE_MESSAGE);
    expect(result.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('reads GraphQL errors out of a non-2xx body (e.g. 429 from the router)', () => {
    const body = JSON.stringify({
      errors: [
        { message: 'Rate limited', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 5 } },
      ],
    });
    const error = new ServerError('Response not successful', {
      response: new Response(body, { status: 429 }),
      bodyText: body,
    });
    const result = formErrorsFromApolloError(error);
    expect(result.code).toBe('RATE_LIMITED');
    expect(result.form).toContain('5 seconds');
  });

  it('treats a 502 HTML page as service unavailable', () => {
    const error = new ServerError('Bad gateway', {
      response: new Response('<html>bad gateway</html>', { status: 502 }),
      bodyText: '<html>bad gateway</html>',
    });
    expect(formErrorsFromApolloError(error).code).toBe('SERVICE_UNAVAILABLE');
  });
});

describe('isUnauthenticated', () => {
  it('is true only for UNAUTHENTICATED GraphQL errors', () => {
    const unauth = new CombinedGraphQLErrors({
      errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    const other = new CombinedGraphQLErrors({
      errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }],
    });
    expect(isUnauthenticated(unauth)).toBe(true);
    expect(isUnauthenticated(other)).toBe(false);
    expect(isUnauthenticated(new Error('network'))).toBe(false);
  });
});

describe('isNotFound', () => {
  const graphQLError = (extensions: Record<string, unknown>) =>
    new CombinedGraphQLErrors({ data: null, errors: [{ message: 'x', extensions }] });
  it('is true for NOT_FOUND and for a malformed id', () => {
    expect(isNotFound(graphQLError({ code: 'NOT_FOUND' }))).toBe(true);
    expect(isNotFound(graphQLError({ code: 'BAD_USER_INPUT', field: 'id' }))).toBe(true);
  });
  it('is false for other errors and network failures', () => {
    expect(isNotFound(graphQLError({ code: 'BAD_USER_INPUT', field: 'input.title' }))).toBe(false);
    expect(isNotFound(graphQLError({ code: 'INTERNAL_SERVER_ERROR' }))).toBe(false);
    expect(isNotFound(new TypeError('Failed to fetch'))).toBe(false);
  });
});
