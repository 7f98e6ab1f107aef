import { DomainError, ErrorCode } from '@groovy/common/errors';
import type { OperationViolation } from './operation-analysis';

type LimitCode =
  | typeof ErrorCode.QUERY_TOO_DEEP
  | typeof ErrorCode.QUERY_TOO_COMPLEX
  | typeof ErrorCode.TOO_MANY_ALIASES
  | typeof ErrorCode.GRAPHQL_VALIDATION_FAILED;

/** An operation refused before execution because it breaks a limit; HTTP 400. */
export class OperationLimitError extends DomainError {
  readonly code: LimitCode;
  constructor(code: LimitCode, message: string, details: Record<string, unknown> = {}) {
    super(message, code, { ...details, http: { status: 400 } });
    this.code = code;
  }
}

/** The client-facing error for a violation (codes from API.md). */
export function violationError(violation: OperationViolation): OperationLimitError {
  switch (violation.kind) {
    case 'cycle':
      return new OperationLimitError(
        ErrorCode.GRAPHQL_VALIDATION_FAILED,
        `Cannot spread fragment "${violation.fragment}" within itself.`,
      );
    case 'unknownFragment':
      return new OperationLimitError(
        ErrorCode.GRAPHQL_VALIDATION_FAILED,
        `Unknown fragment "${violation.fragment}".`,
      );
    case 'depth':
      return new OperationLimitError(
        ErrorCode.QUERY_TOO_DEEP,
        `Query is ${violation.value} levels deep; the limit is ${violation.limit}.`,
        { depth: violation.value, maxDepth: violation.limit },
      );
    case 'aliases':
      return new OperationLimitError(
        ErrorCode.TOO_MANY_ALIASES,
        `Query uses ${violation.value} aliases; the limit is ${violation.limit}.`,
        { aliases: violation.value, maxAliases: violation.limit },
      );
    case 'rootFields':
      return new OperationLimitError(
        ErrorCode.GRAPHQL_VALIDATION_FAILED,
        `Operation selects ${violation.value} root fields; the limit is ${violation.limit}.`,
        { rootFields: violation.value, maxRootFields: violation.limit },
      );
    case 'cost':
      return new OperationLimitError(
        ErrorCode.QUERY_TOO_COMPLEX,
        `Query cost ${Number.isFinite(violation.value) ? violation.value : 'is unbounded'}; the limit is ${violation.limit}. ` +
          'Ask for fewer items (first/last) or fewer nested lists.',
        {
          cost: Number.isFinite(violation.value) ? violation.value : null,
          maxCost: violation.limit,
        },
      );
  }
}
