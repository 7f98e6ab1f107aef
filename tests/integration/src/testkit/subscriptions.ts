import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export interface SubscribeOptions {
  /** An access token: sent as `{ authorization: "Bearer …" }` in connectionParams. */
  token?: string;
  /** An API key: sent as `{ "x-api-key": … }` in connectionParams. */
  apiKey?: string;
}

export interface CloseInfo {
  code: number;
  reason: string;
}

/** One graphql-ws connection to the router, as a client opens it (no automatic retries). */
export interface RouterConnection {
  client: Client;
  /** Resolves once the router acknowledged the connection (credentials accepted). */
  connected: Promise<void>;
  /** Resolves with the close code and reason when the socket closes (4401: bad credentials, …). */
  closed: Promise<CloseInfo>;
  /** Starts a subscription on this connection. */
  subscribe<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): LiveSubscription<T>;
  close(): Promise<void>;
}

export interface LiveSubscription<T> {
  /** The next event (data and/or per-event errors), in order. */
  next(): Promise<FormattedExecutionResult<T, unknown>>;
  /** Resolves with what the subscription ended with (GraphQL errors, or a close event). */
  failed: Promise<unknown>;
  /** Resolves when the router completes the subscription. */
  completed: Promise<void>;
  unsubscribe(): void;
}

/** Opens a graphql-ws connection to `routerUrl` (its `/graphql`, ws scheme) with the given credentials. */
export function connectToRouter(
  routerUrl: string,
  options: SubscribeOptions = {},
): RouterConnection {
  let onConnected!: () => void;
  let onClosed!: (info: CloseInfo) => void;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const closed = new Promise<CloseInfo>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: routerUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    connectionParams: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}),
    },
    on: {
      connected: () => onConnected(),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: unknown };
        onClosed({ code, reason: String(reason) });
      },
    },
  });
  return {
    client,
    connected,
    closed,
    subscribe: <T>(query: string, variables?: Record<string, unknown>) =>
      subscribeOn<T>(client, query, variables),
    close: async () => {
      await client.dispose();
    },
  };
}

function subscribeOn<T>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): LiveSubscription<T> {
  type Result = FormattedExecutionResult<T, unknown>;
  const queued: Result[] = [];
  const waiting: Array<(result: Result) => void> = [];
  let onFailed!: (error: unknown) => void;
  let onCompleted!: () => void;
  const failed = new Promise<unknown>((resolve) => (onFailed = resolve));
  const completed = new Promise<void>((resolve) => (onCompleted = resolve));
  const unsubscribe = client.subscribe<T, unknown>(
    { query, ...(variables ? { variables } : {}) },
    {
      next: (result) => {
        const waiter = waiting.shift();
        if (waiter) waiter(result);
        else queued.push(result);
      },
      error: (error) => onFailed(error),
      complete: () => onCompleted(),
    },
  );
  return {
    next: () => {
      const ready = queued.shift();
      return ready
        ? Promise.resolve(ready)
        : new Promise<Result>((resolve) => waiting.push(resolve));
    },
    failed,
    completed,
    unsubscribe,
  };
}
