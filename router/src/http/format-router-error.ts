import { createErrorFormatter, DomainError, ErrorCode } from '@groovy/common/errors';
import type { Logger } from '@groovy/common/logging';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** A subgraph could not be reached (down, refused, timed out): its fields are null, the rest is served. */
export class SubgraphUnavailableError extends DomainError {
  readonly code = ErrorCode.INTERNAL_SERVER_ERROR;
  constructor(readonly subgraph: string) {
    super(
      `The ${subgraph} service is unavailable right now; its fields could not be fetched.`,
      ErrorCode.INTERNAL_SERVER_ERROR,
      {
        service: subgraph,
      },
    );
  }
}

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));
// graphql-js 16 says "more that N tokens"; accept the corrected spelling too.
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] \d+ tokens/;

/**
 * The router's `formatError`, on top of common's: errors subgraphs returned pass through with their
 * public code (they were already formatted — and masked when unexpected — by the subgraph's own
 * formatter), minus the gateway's `serviceName`; the parser's token-limit error becomes a
 * validation error; everything else is common's (DomainErrors as is, the unexpected masked and logged).
 */
export function createRouterErrorFormatter(logger: Logger, maxTokens: number) {
  const format = createErrorFormatter(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(formatted.message)) {
      return {
        message: `Query has more than ${maxTokens} tokens, the limit.`,
        extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, maxTokens },
      };
    }
    // The gateway marks what a subgraph answered with `serviceName`.
    if (
      error instanceof GraphQLError &&
      typeof formatted.extensions?.serviceName === 'string' &&
      typeof code === 'string'
    ) {
      if (PUBLIC_CODES.has(code)) {
        const { serviceName: _serviceName, ...extensions } = formatted.extensions ?? {};
        const client: GraphQLFormattedError = {
          message:
            code === ErrorCode.INTERNAL_SERVER_ERROR ? 'Internal server error' : formatted.message,
          ...(formatted.path ? { path: formatted.path } : {}),
          ...(formatted.locations ? { locations: formatted.locations } : {}),
          extensions: code === ErrorCode.INTERNAL_SERVER_ERROR ? { code } : extensions,
        };
        return client;
      }
    }
    return format(formatted, error);
  };
}
