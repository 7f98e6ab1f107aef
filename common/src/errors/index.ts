export { ErrorCode } from './error-codes';
export {
  BadUserInputError,
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  SubscriberTooSlowError,
  UnauthenticatedError,
} from './domain-errors';
export { createErrorFormatter } from './format-error';
