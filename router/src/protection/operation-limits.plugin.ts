import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { checkOperation, type OperationLimits } from './operation-analysis';
import { violationError } from './operation-limit-error';

/**
 * Checks depth, aliases, root fields and cost of every operation after it is parsed and validated
 * (so graphql-js has already refused syntax errors and fragment cycles) and before it is planned.
 * Introspection goes through the same limits.
 */
export function operationLimitsPlugin<TContext extends BaseContext>(
  limits: OperationLimits,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const violation = checkOperation(schema, document, operation, request.variables, limits);
          if (violation) throw violationError(violation);
        },
      };
    },
  };
}
