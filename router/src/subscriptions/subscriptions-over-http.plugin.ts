import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { DomainError, ErrorCode } from '@groovy/common/errors';

/** HTTP 400: a subscription belongs on the WebSocket. */
export class SubscriptionOverHttpError extends DomainError {
  readonly code = ErrorCode.BAD_REQUEST;
  constructor() {
    super(
      'Subscriptions are served over WebSocket (graphql-ws) on this same /graphql path, not over HTTP.',
      ErrorCode.BAD_REQUEST,
      { http: { status: 400 } },
    );
  }
}

/**
 * Refuses a subscription sent over HTTP with a 400 that says where subscriptions are served: the
 * gateway only executes queries and mutations, so without this it fails with a 500.
 */
export function subscriptionsOverHttpPlugin<
  TContext extends BaseContext,
>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new SubscriptionOverHttpError();
        },
      };
    },
  };
}
