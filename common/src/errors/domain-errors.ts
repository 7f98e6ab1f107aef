import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-codes';

/**
 * An expected failure a client may see as it is. Each subclass has a literal `extensions.code`;
 * anything that is not a DomainError is masked as INTERNAL_SERVER_ERROR by the error formatter.
 */
export abstract class DomainError extends GraphQLError {
  abstract readonly code: ErrorCode;

  protected constructor(
    message: string,
    code: ErrorCode,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(what: string, id?: string) {
    super(id === undefined ? `${what} not found` : `${what} ${id} not found`, ErrorCode.NOT_FOUND);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message = 'You are not allowed to do this') {
    super(message, ErrorCode.FORBIDDEN);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message = 'You must be signed in to do this') {
    super(message, ErrorCode.UNAUTHENTICATED);
  }
}

/** Bad input from the caller; `field` names the offending argument or input field (e.g. `input.email`). */
export class BadUserInputError extends DomainError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message, ErrorCode.BAD_USER_INPUT, { field });
  }
}

export class ConflictError extends DomainError {
  readonly code = ErrorCode.CONFLICT;
  constructor(message: string, field?: string) {
    super(message, ErrorCode.CONFLICT, field === undefined ? {} : { field });
  }
}

/** Too many attempts; `retryAfterSeconds` tells the caller when to try again. */
export class RateLimitedError extends DomainError {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many attempts; try again in ${retryAfterSeconds} s`,
  ) {
    super(message, ErrorCode.RATE_LIMITED, { retryAfterSeconds });
  }
}

/**
 * Ends a live subscription whose client did not keep up: more events waited for it than its
 * buffer holds. `retryable: true` tells the router (and clients) to subscribe again.
 */
export class SubscriberTooSlowError extends DomainError {
  readonly code = ErrorCode.SUBSCRIBER_TOO_SLOW;
  constructor(readonly bufferSize: number) {
    super(
      `This subscription fell more than ${bufferSize} events behind and was ended; subscribe again.`,
      ErrorCode.SUBSCRIBER_TOO_SLOW,
      { retryable: true },
    );
  }
}
