// graphql-ws on the router's own `/graphql` path (HTTP upgrade on the same port). The caller
// identifies once, in `connectionParams`, verified exactly like an HTTP request; each subscribe
// passes the HTTP checks (subscribe-gate.ts) and runs as a FederatedSubscription.
import { clientAddressKey, type VerifiedIdentity } from '@groovy/common/identity';
import { ErrorCode } from '@groovy/common/errors';
import type { Logger } from '@groovy/common/logging';
import { GraphQLError, type ExecutionArgs, type GraphQLFormattedError } from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Caller } from '../identity/authenticate.middleware';
import { signedIdentityKey } from '../identity/forwarded-identity';
import type { CallerResolver, CallerRefusal, Credentials } from '../identity/resolve-caller';
import type { SessionLivenessChecker } from '../identity/session-liveness';
import { rateLimitKey } from '../rate-limit/rate-limit.middleware';
import type { RouterContext } from '../router-context';
import { FederatedSubscription, UpstreamGraphQLErrors } from './federated-subscription';
import {
  SubscribeRefusal,
  type AdmittedSubscription,
  type SubscribePayload,
  createSubscribeGate,
} from './subscribe-gate';
import type { SubscriptionMetrics } from './subscription-metrics';
import type { UpstreamLease, UpstreamPool } from './upstream-pool';

export interface SubscriptionLimits {
  maxSubscriptionsPerConnection: number;
  /** Per user, API key, or (anonymous) client address, on this router instance. */
  maxSubscriptionsPerCaller: number;
  maxConnectionsPerAddress: number;
  connectionInitTimeoutMs: number;
  maxMessageBytes: number;
  keepAliveMs: number;
  /** API-key connections re-check their key this often (a revoked key ends the connection). */
  revalidateIntervalMs: number;
  maxQueuedEvents: number;
  /** The same, summed over one connection's subscriptions (unset: no connection-wide bound). */
  maxQueuedEventsPerConnection?: number;
}

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  path: string;
  /** The client's address for an upgrade request (TRUSTED_PROXIES applied, as for HTTP). */
  clientAddress(request: http.IncomingMessage): string;
  resolveCaller: CallerResolver;
  gate: ReturnType<typeof createSubscribeGate>;
  pool: UpstreamPool;
  signIdentity(identity: VerifiedIdentity | null, clientAddress: string): Promise<string>;
  /** Which sign-in sessions are still live (auth); connections of the others are closed with 4403. */
  liveSessions?: SessionLivenessChecker;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  metrics: SubscriptionMetrics;
  logger: Logger;
  limits: SubscriptionLimits;
}

export interface SubscriptionServer {
  /** Closes every client socket with 1001 (going away) and every upstream socket. */
  close(): Promise<void>;
  /** Open client connections and upstream clients, for tests and benchmarks. */
  stats(): { connections: number; upstreamClients: number };
}

interface ConnectionState {
  caller: Caller;
  credentials: Credentials;
  addressKey: string;
  revalidation: NodeJS.Timeout | undefined;
  /** The access token's sign-in session, re-checked with every other connection's. */
  sessionId: string | undefined;
  serial: number;
  /**
   * The connection's subscriptions, from the start of their admission until they end. graphql-ws
   * keys its own bookkeeping by the client's id, which the client may complete and reuse while an
   * earlier subscribe with that id is still being admitted (or still sending): the later one then
   * takes the id's place and the earlier runs on where neither a `complete` nor the socket's close
   * reaches it. This set is what the per-connection limit counts and what a close ends.
   */
  subscriptions: Set<FederatedSubscription>;
  /** Subscribes being admitted now (counted by the per-connection limit). */
  admitting: Set<object>;
  /** The latest subscribe of each id being admitted: an id completed and reused has a newer one. */
  latestAttempt: Map<string, object>;
}

/** One taken per-caller subscription slot; `release` is idempotent. */
interface CallerSlot {
  release(): void;
}

interface SubscriptionContext {
  admitted: AdmittedSubscription;
  state: ConnectionState;
  id: string;
  slot: CallerSlot;
}

type GraphQLWsContext = Context<
  Record<string, unknown> | undefined,
  { socket: WebSocket; request: http.IncomingMessage }
>;

/** Close codes the router uses (4xxx: graphql-ws style; 1013: try again later). */
export const WsCloseCode = {
  BadRequest: CloseCode.BadRequest,
  Unauthenticated: 4401,
  Revoked: 4403,
  RateLimited: 4429,
  TryAgainLater: 1013,
  GoingAway: 1001,
} as const;

/** A close reason must fit in 123 bytes (RFC 6455). */
function closeReason(message: string): string {
  return Buffer.byteLength(message) <= 123
    ? message
    : `${Buffer.from(message).subarray(0, 120).toString()}…`;
}

function closeCodeOf(refusal: CallerRefusal): number {
  if (refusal.status === 401) return WsCloseCode.Unauthenticated;
  if (refusal.status === 429) return WsCloseCode.RateLimited;
  return WsCloseCode.TryAgainLater;
}

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

/** Reads `authorization` / `x-api-key` from connectionParams; undefined when a value is not a string. */
function credentialsOf(params: Record<string, unknown> | undefined): Credentials | undefined {
  const pick = (...names: string[]) => {
    for (const name of names)
      if (params && params[name] !== undefined && params[name] !== null) return params[name];
    return undefined;
  };
  const authorization = pick('authorization', 'Authorization');
  const apiKey = pick('x-api-key', 'X-Api-Key');
  if (authorization !== undefined && typeof authorization !== 'string') return undefined;
  if (apiKey !== undefined && typeof apiKey !== 'string') return undefined;
  return { authorization, apiKey };
}

function answerUpgrade(
  socket: Duplex,
  status: number,
  statusText: string,
  body: object,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n${extra}Connection: close\r\n\r\n${text}`,
  );
}

export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { limits, logger, metrics } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const states = new WeakMap<WebSocket, ConnectionState>();
  const connectionsPerAddress = new Map<string, number>();
  const subscriptionsPerCaller = new Map<string, number>();
  let closing = false;
  let serial = 0;

  /** One of the caller's maxSubscriptionsPerCaller slots, or null when all are taken. */
  const takeCallerSlot = (callerKey: string): CallerSlot | null => {
    const taken = subscriptionsPerCaller.get(callerKey) ?? 0;
    if (taken >= limits.maxSubscriptionsPerCaller) return null;
    subscriptionsPerCaller.set(callerKey, taken + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const left = (subscriptionsPerCaller.get(callerKey) ?? 1) - 1;
        if (left <= 0) subscriptionsPerCaller.delete(callerKey);
        else subscriptionsPerCaller.set(callerKey, left);
      },
    };
  };

  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(request.url ?? '/', 'http://router.invalid').pathname;
    if (pathname !== options.path) {
      answerUpgrade(socket, 404, 'Not Found', { error: 'not found', path: pathname });
      return;
    }
    if (closing) {
      answerUpgrade(
        socket,
        503,
        'Service Unavailable',
        { error: 'the router is shutting down' },
        { 'Retry-After': '1' },
      );
      return;
    }
    const ip = options.clientAddress(request);
    const addressKey = clientAddressKey(ip);
    const open = connectionsPerAddress.get(addressKey) ?? 0;
    if (open >= limits.maxConnectionsPerAddress) {
      metrics.refused('TOO_MANY_CONNECTIONS');
      answerUpgrade(
        socket,
        429,
        'Too Many Requests',
        {
          errors: [
            {
              message: `Too many WebSocket connections from this address (at most ${limits.maxConnectionsPerAddress}).`,
              extensions: {
                code: ErrorCode.RATE_LIMITED,
                retryAfterSeconds: 5,
                maxConnections: limits.maxConnectionsPerAddress,
              },
            },
          ],
        },
        { 'Retry-After': '5' },
      );
      return;
    }
    // The slot is taken before the handshake and given back when the raw socket closes, once:
    // a handshake that fails (bad Sec-WebSocket-Key, client gone midway) never reaches the
    // callback below, and must not keep the slot.
    connectionsPerAddress.set(addressKey, open + 1);
    let slotReleased = false;
    const releaseSlot = () => {
      if (slotReleased) return;
      slotReleased = true;
      const left = (connectionsPerAddress.get(addressKey) ?? 1) - 1;
      if (left <= 0) connectionsPerAddress.delete(addressKey);
      else connectionsPerAddress.set(addressKey, left);
    };
    socket.once('close', releaseSlot);
    if (socket.destroyed) releaseSlot();
    wss.handleUpgrade(request, socket, head, (ws) => {
      const state: ConnectionState = {
        caller: { identity: null, ip },
        credentials: {},
        addressKey,
        revalidation: undefined,
        sessionId: undefined,
        serial: ++serial,
        subscriptions: new Set(),
        admitting: new Set(),
        latestAttempt: new Map(),
      };
      states.set(ws, state);
      metrics.connectionOpened();
      ws.once('close', () => {
        metrics.connectionClosed();
        if (state.revalidation) clearInterval(state.revalidation);
        endSubscriptions(state);
        releaseSlot();
      });
      wss.emit('connection', ws, request);
    });
  };
  options.httpServer.on('upgrade', onUpgrade);

  /** Whether the connection's subscriptions together hold maxQueuedEventsPerConnection events. */
  const connectionFull = (state: ConnectionState): boolean => {
    const max = limits.maxQueuedEventsPerConnection;
    if (max === undefined) return false;
    let held = 0;
    for (const subscription of state.subscriptions) held += subscription.held();
    return held >= max;
  };

  /** Ends every subscription of a connection (upstream included), whatever graphql-ws knows of them. */
  const endSubscriptions = (state: ConnectionState) => {
    for (const subscription of [...state.subscriptions]) void subscription.return();
    state.subscriptions.clear();
  };

  /**
   * Closes the connection; its subscriptions end at once rather than when the close handshake
   * completes (a client that never answers the close frame would keep them 30 s).
   */
  const refuse = (ws: WebSocket, code: number, message: string, metricCode: string) => {
    metrics.refused(metricCode);
    ws.close(code, closeReason(message));
    const state = states.get(ws);
    if (state) endSubscriptions(state);
  };

  const revalidate = (ws: WebSocket, state: ConnectionState) => {
    state.revalidation = setInterval(() => {
      if (ws.readyState !== ws.OPEN) {
        clearInterval(state.revalidation);
        return;
      }
      void options.resolveCaller(state.credentials, state.caller.ip).then((verdict) => {
        // Auth being unreachable is not the caller's fault: the connection stays.
        if (verdict.refusal?.status === 401)
          refuse(
            ws,
            WsCloseCode.Revoked,
            'The API key has been revoked or is no longer valid.',
            'REVOKED',
          );
      });
    }, limits.revalidateIntervalMs);
    state.revalidation.unref();
  };

  // Signed-in connections: every revalidateIntervalMs, one batched question to auth for all their
  // sessions; a signed-out session's connections close with 4403. Auth unreachable: they stay.
  let checkingSessions = false;
  const checkSessions = async () => {
    const liveSessions = options.liveSessions;
    if (!liveSessions || checkingSessions) return;
    const bySession = new Map<string, WebSocket[]>();
    for (const ws of wss.clients) {
      const sessionId = states.get(ws)?.sessionId;
      if (sessionId) bySession.set(sessionId, [...(bySession.get(sessionId) ?? []), ws]);
    }
    if (bySession.size === 0) return;
    checkingSessions = true;
    try {
      const live = await liveSessions([...bySession.keys()]);
      for (const [sessionId, sockets] of bySession)
        if (!live.has(sessionId))
          for (const ws of sockets)
            refuse(ws, WsCloseCode.Revoked, 'The session has been signed out.', 'REVOKED');
    } catch (error) {
      logger.warn({ err: error }, 'could not check the sessions of open WebSocket connections');
    } finally {
      checkingSessions = false;
    }
  };
  const sessionCheck = options.liveSessions
    ? setInterval(() => void checkSessions(), limits.revalidateIntervalMs)
    : undefined;
  sessionCheck?.unref();

  // graphql-ws wraps what the iterator throws in a GraphQLError without a path: format the error
  // it wraps (a DomainError such as UpstreamSubscriptionError) so its code and message survive.
  const formatOne = (error: GraphQLError): GraphQLFormattedError =>
    options.formatError(
      error.toJSON(),
      error.originalError instanceof GraphQLError ? error.originalError : error,
    );

  const refusalOf = (error: GraphQLError) => {
    metrics.refused(String(error.extensions.code ?? 'UNKNOWN'));
    return [error];
  };

  /** The gate, then the execution arguments of a subscribe still wanted, or its refusal. */
  const admit = async (
    ctx: GraphQLWsContext,
    id: string,
    payload: SubscribePayload,
    state: ConnectionState,
    slot: CallerSlot,
    attempt: object,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> => {
    let admitted: AdmittedSubscription | readonly GraphQLError[];
    try {
      admitted = await options.gate(state.caller, payload);
    } catch (error) {
      slot.release();
      if (error instanceof GraphQLError) return refusalOf(error);
      logger.error({ err: error }, 'could not admit a subscription');
      return refusalOf(
        new SubscribeRefusal(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'),
      );
    }
    if (Array.isArray(admitted)) {
      slot.release();
      metrics.refused(ErrorCode.GRAPHQL_VALIDATION_FAILED);
      return admitted as GraphQLError[];
    }
    const subscription = admitted as AdmittedSubscription;
    if (
      !(id in ctx.subscriptions) ||
      state.latestAttempt.get(id) !== attempt ||
      ctx.extra.socket.readyState !== ctx.extra.socket.OPEN
    ) {
      // The client completed (or left) while the gate ran, perhaps subscribing again with the
      // same id: this subscribe is no longer wanted (graphql-ws would run it where no `complete`
      // reaches it).
      slot.release();
      return [new SubscribeRefusal(ErrorCode.BAD_REQUEST, 'The subscription was completed.')];
    }
    const contextValue: SubscriptionContext = { admitted: subscription, state, id, slot };
    return {
      schema: subscription.plan.generation.apiSchema,
      document: subscription.document,
      ...(subscription.operationName ? { operationName: subscription.operationName } : {}),
      variableValues: subscription.variables,
      contextValue,
    } satisfies ExecutionArgs;
  };

  const server = useServer<
    Record<string, unknown> | undefined,
    { socket: WebSocket; request: http.IncomingMessage }
  >(
    {
      connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
      onConnect: async (ctx: GraphQLWsContext) => {
        const ws = ctx.extra.socket;
        const state = states.get(ws)!;
        const credentials = credentialsOf(ctx.connectionParams);
        if (!credentials) {
          refuse(
            ws,
            WsCloseCode.BadRequest,
            'connectionParams.authorization and x-api-key must be strings.',
            ErrorCode.BAD_REQUEST,
          );
          return false;
        }
        const verdict = await options.resolveCaller(credentials, state.caller.ip);
        // The client may have gone while its credentials were checked: nothing may start for a
        // closed connection (its close handler has run; a revalidation started now would never stop).
        if (ws.readyState !== ws.OPEN) return false;
        if (verdict.refusal) {
          refuse(ws, closeCodeOf(verdict.refusal), verdict.refusal.message, verdict.refusal.code);
          return false;
        }
        state.caller.identity = verdict.identity;
        state.credentials = credentials;
        state.sessionId = verdict.sessionId;
        // A JWT is checked at connect only (one that expires later does not cut the socket); an API
        // key can be revoked, so it is checked again every revalidateIntervalMs.
        if (verdict.identity?.kind === 'apiKey') revalidate(ws, state);
        return true;
      },
      onSubscribe: async (ctx: GraphQLWsContext, id, payload) => {
        const state = states.get(ctx.extra.socket)!;
        const refusal = refusalOf;
        if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN)
          return refusal(
            new SubscribeRefusal(ErrorCode.BAD_REQUEST, 'This connection is closing.'),
          );
        // ctx.subscriptions already holds this id; the connection's own count holds those
        // graphql-ws lost track of (see ConnectionState.subscriptions).
        if (
          Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection ||
          state.subscriptions.size + state.admitting.size >= limits.maxSubscriptionsPerConnection
        )
          return refusal(
            new SubscribeRefusal(
              ErrorCode.RATE_LIMITED,
              `This connection already has ${limits.maxSubscriptionsPerConnection} subscriptions, the most allowed; complete one first.`,
              { maxSubscriptionsPerConnection: limits.maxSubscriptionsPerConnection },
            ),
          );
        // The caller's slot is taken here, before the first await, so a burst of subscribes
        // cannot all pass the check; it is given back on refusal, or once when the
        // subscription ends (FederatedSubscription's onEnd, or graphql-ws's onComplete when the
        // client completes before `subscribe` ran).
        const slot = takeCallerSlot(rateLimitKey(state.caller).key);
        if (!slot)
          return refusal(
            new SubscribeRefusal(
              ErrorCode.RATE_LIMITED,
              `You already have ${limits.maxSubscriptionsPerCaller} subscriptions open, the most allowed; complete one first.`,
              { maxSubscriptionsPerCaller: limits.maxSubscriptionsPerCaller },
            ),
          );
        const attempt = {};
        state.admitting.add(attempt);
        state.latestAttempt.set(id, attempt);
        try {
          return await admit(ctx, id, payload as SubscribePayload, state, slot, attempt);
        } finally {
          state.admitting.delete(attempt);
          if (state.latestAttempt.get(id) === attempt) state.latestAttempt.delete(id);
        }
      },
      subscribe: async (args: ExecutionArgs) => {
        const { admitted, state, id, slot } = args.contextValue as SubscriptionContext;
        const { identity, ip } = state.caller;
        const subgraph = admitted.plan.subgraph;
        let upstream: UpstreamLease | undefined;
        try {
          upstream = options.pool.acquire(subgraph, signedIdentityKey(identity, ip), () =>
            options.signIdentity(identity, ip),
          );
          return startFederated(upstream);
        } catch (error) {
          upstream?.release();
          slot.release();
          throw error;
        }
        function startFederated(upstream: UpstreamLease) {
          metrics.subscriptionStarted(subgraph.name);
          const federated: FederatedSubscription = new FederatedSubscription({
            plan: admitted.plan,
            variables: admitted.variables,
            operationName: admitted.operationName,
            upstream,
            logger,
            maxQueuedEvents: limits.maxQueuedEvents,
            connectionFull: () => connectionFull(state),
            identityKey: signedIdentityKey(identity, ip),
            context: async (): Promise<RouterContext> => ({
              requestId: `ws-${state.serial}-${id}`.slice(0, 100),
              identity,
              identityToken: await options.signIdentity(identity, ip),
            }),
            onEnd: () => {
              metrics.subscriptionEnded(subgraph.name);
              slot.release();
              state.subscriptions.delete(federated);
            },
          });
          state.subscriptions.add(federated);
          return federated;
        }
      },
      execute: () => {
        throw new Error('only subscriptions are executed over WebSocket');
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        const { admitted } = args.contextValue as SubscriptionContext;
        metrics.eventDelivered(admitted.plan.subgraph.name, admitted.operationLabel);
        if (!result.errors?.length) return undefined;
        return {
          ...result,
          errors: result.errors.map((error) => formatOne(error as GraphQLError)),
        } as never;
      },
      onError: (_ctx, _id, _payload, errors) => {
        const upstream = errors[0]?.originalError;
        if (upstream instanceof UpstreamGraphQLErrors)
          return upstream.errors.map((error) => {
            const code = error.extensions?.code;
            if (
              typeof code === 'string' &&
              PUBLIC_CODES.has(code) &&
              code !== ErrorCode.INTERNAL_SERVER_ERROR
            )
              return { message: error.message, extensions: { ...error.extensions } };
            return {
              message: 'Internal server error',
              extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
            };
          });
        return errors.map(formatOne);
      },
    },
    wss,
    limits.keepAliveMs,
  );

  return {
    close: async () => {
      closing = true;
      if (sessionCheck) clearInterval(sessionCheck);
      options.httpServer.off('upgrade', onUpgrade);
      await server.dispose();
      await options.pool.closeAll();
    },
    stats: () => ({ connections: wss.clients.size, upstreamClients: options.pool.size() }),
  };
}
