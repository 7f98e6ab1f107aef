import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { WebSocketServer } from 'ws';
import { createErrorFormatter } from '../errors/format-error';
import { subscribeSharingResults } from './shared-event-results';
import { IDENTITY_HEADER, verifyRouterToken, type RouterClaims } from '../identity/identity-token';
import type { BaseSubgraphContext } from './subgraph-context';

/** Bounds of one subgraph's graphql-ws endpoint. */
export interface SubscriptionLimits {
  /** Largest message a client may send (bytes); a bigger one closes the socket (1009). */
  maxPayloadBytes: number;
  /** Operations running at once on one connection; one more is refused with TOO_MANY_SUBSCRIPTIONS. */
  maxSubscriptionsPerConnection: number;
  /** How long a new socket may take to send `connection_init` before it is closed (4408). */
  connectionInitWaitTimeoutMs: number;
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  maxPayloadBytes: 64 * 1024,
  maxSubscriptionsPerConnection: 100,
  connectionInitWaitTimeoutMs: 5_000,
};

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  /** The path shared with HTTP GraphQL (`/graphql`). */
  path: string;
  schema: GraphQLSchema;
  logger: Logger;
  registry: Registry;
  /** The secret the router signs identity tokens with. */
  identitySecret: string;
  /** Refuse a connection without a valid router-signed identity (close 4403 Forbidden). */
  requireIdentity: boolean;
  limits?: Partial<SubscriptionLimits>;
  /** Builds each operation's context, as HTTP does: the base and the subgraph's own fields. */
  context(args: { base: BaseSubgraphContext; req: http.IncomingMessage }): Promise<object>;
}

/** What the server keeps per connection (graphql-ws's `extra`). */
type ConnectionState = {
  claims?: RouterClaims | null;
  /** When the connection's identity token expires (ms since epoch); no new operation after it. */
  expiresAtMs?: number | undefined;
  /** Operations of this connection counted in the open-subscriptions gauge. */
  live?: Set<string>;
};

export interface SubscriptionServer {
  /** Subscriptions running now, over all connections (tests await this before publishing). */
  openSubscriptions(): number;
  /** Closes every socket (1001 going away) and the server; safe to call twice. */
  close(): Promise<void>;
}

/**
 * graphql-ws on the subgraph's own HTTP server and GraphQL path. The router connects with the
 * identity it signed in `connectionParams[IDENTITY_HEADER]`; it is verified at `connection_init`
 * (refused with 4403 when required and missing or invalid), and every operation's context is built
 * from it like an HTTP request's.
 *
 * Only subscriptions are served here: a query or mutation is refused (BAD_REQUEST), since the socket
 * outlives its identity token and writes must carry a fresh one (HTTP, one token per request). A
 * socket's life is bound to its token: once the token has expired, the subscriptions already
 * running go on, but a new one is refused (UNAUTHENTICATED) — the router opens a fresh socket with a
 * freshly signed token instead. Errors are masked like HTTP's (no "Did you mean …" suggestions).
 */
export function serveSubscriptions(options: SubscriptionServerOptions): SubscriptionServer {
  const limits = { ...DEFAULT_SUBSCRIPTION_LIMITS, ...options.limits };
  const { logger, schema } = options;
  const formatError = createErrorFormatter(logger);
  const metrics = subscriptionMetrics(options.registry);
  let open = 0;

  const wss = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: limits.maxPayloadBytes,
  });
  wss.on('connection', (socket) => {
    metrics.connections.inc();
    socket.once('close', () => metrics.connections.dec());
  });
  wss.on('error', (error) => logger.error({ err: error }, 'graphql-ws server error'));

  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => formatError(error.toJSON(), error));
  const requestError = (error: GraphQLError, code: string): GraphQLError =>
    error.extensions.code
      ? error
      : new GraphQLError(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          extensions: { ...error.extensions, code },
        });

  const endLive = (state: ConnectionState, id: string) => {
    if (state.live?.delete(id)) {
      open -= 1;
      metrics.subscriptions.dec();
    }
  };

  const disposable = useServer<Record<string, unknown> | undefined, ConnectionState>(
    {
      schema,
      // Events marked shareable (shared-event-results.ts) are executed once per document.
      subscribe: subscribeSharingResults,
      connectionInitWaitTimeout: limits.connectionInitWaitTimeoutMs,
      onConnect: async (ctx) => {
        const token = ctx.connectionParams?.[IDENTITY_HEADER];
        const claims = await verifyRouterToken(
          typeof token === 'string' ? token : undefined,
          options.identitySecret,
        );
        if (!claims && options.requireIdentity) {
          metrics.refused.inc({ reason: 'identity' });
          return false; // graphql-ws closes with 4403 Forbidden
        }
        ctx.extra.claims = claims;
        ctx.extra.expiresAtMs = claims ? expiryOf(token as string) : undefined;
        ctx.extra.live = new Set();
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const expiresAtMs = ctx.extra.expiresAtMs;
        if (expiresAtMs !== undefined && Date.now() >= expiresAtMs) {
          metrics.refused.inc({ reason: 'identity_expired' });
          return [
            new GraphQLError(
              'The identity token of this connection has expired: open a new connection with a fresh one to subscribe.',
              { extensions: { code: 'UNAUTHENTICATED' } },
            ),
          ];
        }
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
          metrics.refused.inc({ reason: 'too_many_subscriptions' });
          return [
            new GraphQLError(
              `At most ${limits.maxSubscriptionsPerConnection} operations may run at once on one connection.`,
              { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } },
            ),
          ];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          if (error instanceof GraphQLError) return [requestError(error, 'GRAPHQL_PARSE_FAILED')];
          throw error;
        }
        const invalid = validate(schema, document);
        if (invalid.length > 0)
          return invalid.map((error) =>
            requestError(withoutSuggestions(error), 'GRAPHQL_VALIDATION_FAILED'),
          );
        const operation = getOperationAST(document, payload.operationName ?? null);
        if (operation?.operation !== 'subscription') {
          metrics.refused.inc({ reason: 'not_a_subscription' });
          return [
            new GraphQLError(
              'Only subscriptions are served over WebSocket; send queries and mutations over HTTP.',
              { extensions: { code: 'BAD_REQUEST' } },
            ),
          ];
        }
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
        };
        return args;
      },
      context: async (ctx) => {
        const requestId = randomUUID();
        const base: BaseSubgraphContext = {
          requestId,
          logger: logger.child({ requestId }),
          identity: ctx.extra.claims?.identity ?? null,
          clientAddress: ctx.extra.claims?.clientAddress ?? null,
        };
        return { ...base, ...(await options.context({ base, req: ctx.extra.request })) };
      },
      onOperation: (ctx, id, _payload, _args, result) => {
        if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
          ctx.extra.live?.add(id);
          open += 1;
          metrics.subscriptions.inc();
        }
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: format(result.errors) } : undefined,
      // Errors of the request itself (limits, parse, validation: no original error) are the
      // client's to read; a failure while producing events is masked like any unexpected one.
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) =>
          error.originalError ? formatError(error.toJSON(), error) : error.toJSON(),
        ),
      onComplete: (ctx, id) => endLive(ctx.extra, id),
      onClose: (ctx) => {
        for (const id of [...(ctx.extra.live ?? [])]) endLive(ctx.extra, id);
      },
    },
    wss,
  );

  let closing: Promise<void> | undefined;
  return {
    openSubscriptions: () => open,
    close: () => {
      closing ??= (async () => {
        const sockets = [...wss.clients];
        const closed = sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === socket.CLOSED) resolve();
              else socket.once('close', () => resolve());
            }),
        );
        await disposable.dispose(); // 1001 "Going away" to every client, then the server closes
        // A client that does not answer the close handshake promptly is cut.
        const cut = setTimeout(() => sockets.forEach((socket) => socket.terminate()), 1_000);
        await Promise.all(closed);
        clearTimeout(cut);
      })();
      return closing;
    },
  };
}

/** When `token` (already verified) expires, in ms since epoch; undefined when it never does. */
function expiryOf(token: string): number | undefined {
  const { exp } = decodeJwt(token);
  return typeof exp === 'number' ? exp * 1000 : undefined;
}

/** A validation error without schema hints, as HTTP's `hideSchemaDetailsFromClientErrors` does. */
function withoutSuggestions(error: GraphQLError): GraphQLError {
  const message = error.message.replace(/ ?Did you mean(.+?)\?$/, '');
  if (message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: error.extensions,
  });
}

/** Open connections and subscriptions, and refused ones by reason (fixed labels, never client input). */
function subscriptionMetrics(registry: Registry) {
  const existing = <T>(name: string) => registry.getSingleMetric(name) as T | undefined;
  return {
    connections:
      existing<Gauge>('graphql_ws_open_connections') ??
      new Gauge({
        name: 'graphql_ws_open_connections',
        help: 'graphql-ws sockets open now',
        registers: [registry],
      }),
    subscriptions:
      existing<Gauge>('graphql_ws_open_subscriptions') ??
      new Gauge({
        name: 'graphql_ws_open_subscriptions',
        help: 'GraphQL subscriptions running now over graphql-ws',
        registers: [registry],
      }),
    refused:
      existing<Counter<'reason'>>('graphql_ws_refused_total') ??
      new Counter({
        name: 'graphql_ws_refused_total',
        help: 'graphql-ws connections or operations refused, by reason (identity, identity_expired, not_a_subscription, too_many_subscriptions)',
        labelNames: ['reason'] as const,
        registers: [registry],
      }),
  };
}
