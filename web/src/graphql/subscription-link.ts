import { ApolloLink } from '@apollo/client';
import { Observable } from 'rxjs';
import { createClient, type Client } from 'graphql-ws';
import { getMainDefinition } from '@apollo/client/utilities';
import type { DocumentNode, FormattedExecutionResult } from 'graphql';
import type { LiveConnection } from './live-connection';
import { canonicalDocumentText, persistedDocumentHash } from './persisted-operations';

/*
 * Subscriptions go to the router over graphql-ws, on the same /graphql URL (ws:// or wss://). Each
 * subscribe carries the persisted-document hash AND the manifest's exact text, so a router with an
 * allow-list runs it by hash and one without checks the text against the hash (no extra round trip).
 * The connection identifies once, in connectionParams (Bearer token), read fresh at every connect,
 * and retries with exponential backoff + jitter forever; graphql-ws resubscribes every active
 * subscription on the new socket. A subscription the router ends with a retryable error (the owning
 * subgraph restarted) is resubscribed here after a short backoff.
 *
 * A socket can die without a close event (a laptop that slept, a network that changed): the
 * client pings every KEEP_ALIVE_MS and drops a socket whose pong does not come within
 * PONG_TIMEOUT_MS, which reconnects and resubscribes. Both kinds of recovery are told to the
 * page through `LiveConnection` (a resync signal), so it can re-estimate its clock and refetch.
 *
 * Events published while a subscription was away (a dropped socket, a retry) are not replayed. An
 * operation that must not miss any passes `context: { onResubscribe }`: called each time its
 * subscription is sent again after the first time (new socket, or the retry above), so the page
 * can load its state afresh (the conversation reloads its first page).
 */

/** What an operation's context may carry for the subscription link. */
export interface SubscriptionLinkContext {
  /** Called when the subscription is sent again after a dropped socket or a retry. */
  onResubscribe?: () => void;
}

/** How often the client pings the router over an open socket. */
export const KEEP_ALIVE_MS = 10_000;
/** A ping not answered within this is a dead socket. */
export const PONG_TIMEOUT_MS = 5_000;

/** http(s)://host/graphql → ws(s)://host/graphql */
export function webSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Backoff before retry `attempt` (0-based): 0.5 s doubling, capped at 15 s, with ±50 % jitter. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.5 + random()));
}

/** True for a GraphQL document whose operation is a subscription. */
export function isSubscription(query: DocumentNode): boolean {
  const definition = getMainDefinition(query);
  return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
}

type GraphQLErrorLike = { extensions?: Record<string, unknown> };

function retryable(errors: readonly GraphQLErrorLike[] | undefined): boolean {
  return (errors ?? []).some(
    (e) =>
      e.extensions?.retryable === true ||
      e.extensions?.code === 'INTERNAL_SERVER_ERROR' ||
      e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND',
  );
}

export interface SubscriptionLinkOptions {
  url: string;
  /** The current access token (undefined: anonymous). Called at every (re)connect. */
  accessToken: () => Promise<string | undefined>;
  /** Connection state and resync signals for the pages (the Jam page shows "reconnecting"). */
  connection?: LiveConnection;
}

export function createSubscriptionClient(options: SubscriptionLinkOptions): Client {
  const { connection } = options;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const client = createClient({
    url: webSocketUrl(options.url),
    lazy: true,
    lazyCloseTimeout: 3_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (attempt) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt))),
    keepAlive: KEEP_ALIVE_MS,
    connectionParams: async () => {
      const token = await options.accessToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      connecting: () => connection?.connecting(),
      connected: () => connection?.connected(),
      closed: (event) => {
        clearTimeout(pongTimer);
        connection?.closed((event as { code?: number } | undefined)?.code);
      },
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });
  connection?.attach(() => client.terminate());
  return client;
}

export class SubscriptionLink extends ApolloLink {
  constructor(
    private readonly client: Client,
    private readonly connection?: LiveConnection,
  ) {
    super();
  }

  override request(operation: ApolloLink.Operation): Observable<ApolloLink.Result> {
    const hash = persistedDocumentHash(operation.query);
    const payload = {
      query: canonicalDocumentText(operation.query),
      operationName: operation.operationName,
      variables: operation.variables,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    };
    const { onResubscribe } = operation.getContext() as SubscriptionLinkContext;
    return new Observable((observer) => {
      let stop: (() => void) | undefined;
      let stopped = false;
      let attempt = 0;
      let restarted = false;
      let started = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // graphql-ws sends every active subscription again on a new socket after one dropped.
      let dropped = false;
      const offClosed = this.client.on('closed', () => {
        dropped = true;
      });
      const offConnected = this.client.on('connected', () => {
        if (dropped && !stopped) onResubscribe?.();
        dropped = false;
      });
      const start = () => {
        if (started) onResubscribe?.();
        started = true;
        stop = this.client.subscribe<Record<string, unknown>>(payload, {
          next: (result: FormattedExecutionResult<Record<string, unknown>>) => {
            attempt = 0;
            observer.next(result as ApolloLink.Result);
            // The first event after a restart: the page may have missed events meanwhile.
            if (restarted) {
              restarted = false;
              this.connection?.resubscribed();
            }
          },
          complete: () => {
            if (!stopped) observer.complete();
          },
          error: (error: unknown) => {
            // A retryable refusal (upstream restart) or a closed socket graphql-ws gave up on:
            // subscribe again after a backoff, so the page gets a fresh first event (full state).
            const errors = Array.isArray(error) ? (error as GraphQLErrorLike[]) : undefined;
            if (stopped) return;
            if (errors && !retryable(errors)) {
              observer.next({ errors } as unknown as ApolloLink.Result);
              observer.complete();
              return;
            }
            restarted = true;
            timer = setTimeout(start, retryDelayMs(attempt++));
          },
        });
      };
      start();
      return () => {
        stopped = true;
        offClosed();
        offConnected();
        if (timer) clearTimeout(timer);
        stop?.();
      };
    });
  }
}
