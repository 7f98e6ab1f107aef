import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import {
  formErrorsFromGraphQL,
  serviceUnavailable,
  type FormErrors,
  type FormMessageOverrides,
  type GraphQLErrorLike,
} from './form-errors';

/** Reads GraphQL errors from a non-2xx body (e.g. a 429 or 400 from the router), if it has any. */
function errorsFromBody(bodyText: string | undefined): GraphQLErrorLike[] | undefined {
  if (!bodyText) return undefined;
  try {
    const body = JSON.parse(bodyText) as { errors?: unknown };
    if (
      Array.isArray(body.errors) &&
      body.errors.every((e) => e && typeof e === 'object' && 'message' in e)
    ) {
      return body.errors as GraphQLErrorLike[];
    }
  } catch {
    // not JSON: fall through
  }
  return undefined;
}

/**
 * Any error from an Apollo Client 4 operation → form errors. Network failures (router down, CORS,
 * timeouts) become the friendly "service unavailable" message; nothing is rethrown.
 */
export function formErrorsFromApolloError(
  error: unknown,
  overrides?: FormMessageOverrides,
): FormErrors {
  if (CombinedGraphQLErrors.is(error)) return formErrorsFromGraphQL(error.errors, overrides);
  if (ServerError.is(error)) {
    const errors = errorsFromBody(error.bodyText);
    if (errors && errors.length > 0) return formErrorsFromGraphQL(errors, overrides);
    if (error.statusCode === 429) {
      const retry = Number(error.response?.headers?.get?.('retry-after'));
      return formErrorsFromGraphQL(
        [
          {
            message: 'Too many requests',
            extensions: {
              code: 'RATE_LIMITED',
              ...(retry > 0 ? { retryAfterSeconds: retry } : {}),
            },
          },
        ],
        overrides,
      );
    }
    return serviceUnavailable();
  }
  if (ServerParseError.is(error)) return serviceUnavailable();
  return serviceUnavailable();
}

/** True when the router says the caller is not (or no longer) signed in. */
export function isUnauthenticated(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED')
  );
}

/**
 * True when the router says the thing asked for does not exist: `NOT_FOUND`, or a `BAD_USER_INPUT` on
 * the id itself (an id that is not even well-formed, e.g. `/songs/xyz`).
 */
export function isNotFound(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.length > 0 &&
    error.errors.every((e) => {
      const code = e.extensions?.['code'];
      const field = e.extensions?.['field'];
      return (
        code === 'NOT_FOUND' ||
        (code === 'BAD_USER_INPUT' && typeof field === 'string' && /(^|\.)id$/.test(field))
      );
    })
  );
}
