import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { IDENTITY_HEADER } from '../identity/identity-token';
import { routerIdentityToken, type ExecuteAsRouterOptions } from './execute-as-router';

/** How a test subscription ended or failed: a close code (e.g. 4403), or GraphQL errors. */
export class TestSubscriptionError extends Error {
  constructor(
    message: string,
    readonly closeCode?: number,
    readonly errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>,
  ) {
    super(message);
    this.name = 'TestSubscriptionError';
  }
}

export interface TestSubscription<T> {
  /**
   * The next result the subgraph sends (in order; results that arrived earlier wait in a queue).
   * Rejects with a `TestSubscriptionError` when the subscription fails (refused connection: its
   * `closeCode`; an operation error: its `errors`) or completes, or after `timeoutMs` (default 10 s).
   */
  next(timeoutMs?: number): Promise<FormattedExecutionResult<T>>;
  /** Results received and not taken by `next()` yet. */
  pending(): number;
  /** Ends the subscription and closes the socket. */
  close(): Promise<void>;
}

export interface SubscribeAsRouterOptions extends ExecuteAsRouterOptions {
  /** Sent as-is instead of the signed identity (to test forged or foreign parameters). */
  connectionParams?: Record<string, unknown>;
}

type Delivery<T> =
  | { kind: 'next'; value: FormattedExecutionResult<T> }
  | { kind: 'error'; error: TestSubscriptionError }
  | { kind: 'complete' };

/**
 * Opens a graphql-ws connection to a subgraph as the router would (the router-signed identity in
 * `connectionParams[IDENTITY_HEADER]`, with `as`, `roles` and `clientAddress` like
 * `executeAsRouter`) and starts one operation. `url` is the subgraph's `/graphql` URL (http or ws).
 */
export async function subscribeAsRouter<T = Record<string, unknown>>(
  url: string,
  options: SubscribeAsRouterOptions,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<TestSubscription<T>> {
  const token = await routerIdentityToken(options);
  const connectionParams = options.connectionParams ?? (token ? { [IDENTITY_HEADER]: token } : {});
  let closeCode: number | undefined;
  const client: Client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
    on: {
      closed: (event) => {
        closeCode = (event as { code?: number }).code;
      },
    },
  });

  const queue: Array<Delivery<T>> = [];
  const waiters: Array<(delivery: Delivery<T>) => void> = [];
  const push = (delivery: Delivery<T>) => {
    const waiter = waiters.shift();
    if (waiter) waiter(delivery);
    else queue.push(delivery);
  };
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => push({ kind: 'next', value: value as FormattedExecutionResult<T> }),
      error: (error: unknown) => push({ kind: 'error', error: toTestError(error, closeCode) }),
      complete: () => push({ kind: 'complete' }),
    },
  );

  return {
    next: (timeoutMs = 10_000) =>
      new Promise<FormattedExecutionResult<T>>((resolve, reject) => {
        const settle = (delivery: Delivery<T>) => {
          clearTimeout(timer);
          if (delivery.kind === 'next') resolve(delivery.value);
          else if (delivery.kind === 'error') reject(delivery.error);
          else reject(new TestSubscriptionError('the subscription completed', closeCode));
        };
        const timer = setTimeout(() => {
          const index = waiters.indexOf(settle);
          if (index >= 0) waiters.splice(index, 1);
          reject(new TestSubscriptionError(`no result within ${timeoutMs} ms`));
        }, timeoutMs);
        const ready = queue.shift();
        if (ready) settle(ready);
        else waiters.push(settle);
      }),
    pending: () => queue.filter((delivery) => delivery.kind === 'next').length,
    close: async () => {
      unsubscribe();
      await client.dispose();
    },
  };
}

function toTestError(error: unknown, closeCode: number | undefined): TestSubscriptionError {
  if (Array.isArray(error)) {
    return new TestSubscriptionError(
      error.map((e: { message?: string }) => e.message).join('; '),
      undefined,
      error as TestSubscriptionError['errors'],
    );
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number') {
    return new TestSubscriptionError(
      `connection closed: ${code} ${(error as { reason?: string }).reason ?? ''}`.trim(),
      code,
    );
  }
  return new TestSubscriptionError(
    error instanceof Error ? error.message : String(error),
    closeCode,
  );
}

/**
 * Resolves once `condition` holds, checking every few milliseconds (e.g. a subgraph's
 * `openSubscriptions()` reaching the number of clients a test opened); rejects after `timeoutMs`.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 10_000, what = 'the condition' }: { timeoutMs?: number; what?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
