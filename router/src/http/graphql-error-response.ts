import type { Response } from 'express';

/** Codes the HTTP layer answers with before Apollo Server sees the request. */
export type HttpErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'RATE_LIMITED'
  | 'FORBIDDEN'
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COMPLEX'
  | 'TOO_MANY_ALIASES'
  | 'PERSISTED_QUERY_HASH_MISMATCH';

/** Answers `{"errors":[{"message","extensions":{"code",…}}]}` with `status`, like Apollo Server would. */
export function sendGraphQLError(
  res: Response,
  status: number,
  code: HttpErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  res.locals.rejectedWith = code;
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { ...extensions, code } }] }));
}
