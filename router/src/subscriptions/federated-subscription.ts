// One client subscription through the router: the plan's primary fetch runs upstream as a
// graphql-ws subscription on the owning subgraph; every event it yields is fed to the gateway's
// plan executor as the primary's result, followed by the rest of the plan (entity fetches to the
// other subgraphs), so the client receives the fully resolved, shaped payload. Owner-only plans (no
// `rest`) skip the executor: the event's data is shaped directly (direct-event-shaper.ts).
import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { FetchNode, PlanNode, QueryPlan } from '@apollo/query-planner';
import { DomainError, ErrorCode } from '@groovy/common/errors';
import type { Logger } from '@groovy/common/logging';
import type { GraphQLRequestContext } from '@apollo/server';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { RouterContext } from '../router-context';
import { shapeEventDirectly } from './direct-event-shaper';
import type { SubscriptionPlan } from './subscription-planner';
import type { UpstreamLease } from './upstream-pool';

/** The owning subgraph went away (restart, crash, network): subscribe again. */
export class UpstreamSubscriptionError extends DomainError {
  readonly code = ErrorCode.INTERNAL_SERVER_ERROR;
  constructor(subgraph: string) {
    super(
      `The ${subgraph} service ended this subscription unexpectedly (it may be restarting); subscribe again.`,
      ErrorCode.INTERNAL_SERVER_ERROR,
      { service: subgraph, retryable: true },
    );
  }
}

/** The client does not read its events fast enough: the subscription is ended rather than buffered. */
export class SlowConsumerError extends DomainError {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(maxQueued: number) {
    super(
      `More than ${maxQueued} events were waiting for this client; the subscription was ended. Subscribe again.`,
      ErrorCode.RATE_LIMITED,
      { maxQueuedEvents: maxQueued },
    );
  }
}

/** The errors the subgraph answered the subscription with (its own codes, e.g. FORBIDDEN). */
export class UpstreamGraphQLErrors extends GraphQLError {
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super(errors[0]?.message ?? 'The subscription failed.', {
      extensions: { ...(errors[0]?.extensions ?? {}) },
    });
  }
}

/** The gateway's fetch-node name for the event itself (never a real subgraph name: they are GraphQL names). */
const EVENT_SOURCE = '#subscription-event';

export interface FederatedSubscriptionOptions {
  plan: SubscriptionPlan;
  variables: Record<string, unknown>;
  operationName: string | undefined;
  upstream: UpstreamLease;
  /** The context each event's entity fetches run with (a fresh identity token when needed). */
  context(): Promise<RouterContext>;
  logger: Logger;
  /**
   * Events received but not yet read by the client, at most — still being resolved (entity
   * fetches) or resolved and waiting — then SlowConsumerError.
   */
  maxQueuedEvents: number;
  /**
   * Whether the client's connection as a whole holds too many events (summed over its
   * subscriptions' `held()`): then this subscription ends with SlowConsumerError as when its own
   * maxQueuedEvents is reached. Unset: only the per-subscription bound applies.
   */
  connectionFull?(): boolean;
  /** Called once when the subscription ends, however it ends. */
  onEnd?(): void;
  /** Called for every event delivered to the client's queue. */
  onEvent?(): void;
  /**
   * The caller's signed identity key (`signedIdentityKey`): entity fetches identical to one in
   * flight for another subscription with the same key share its request. Unset: no sharing.
   */
  identityKey?: string;
  /** Runs every event through the plan executor, even owner-only ones (tests compare the two paths). */
  planEveryEvent?: boolean;
}

type Settled = { kind: 'result'; value: ExecutionResult } | { kind: 'error'; error: unknown };

/**
 * An async iterator (what graphql-ws's server consumes) of fully resolved events. Events are
 * resolved one after another, in upstream order. `return()` — the client completed or went away —
 * unsubscribes upstream at once, even while an event is being resolved.
 */
export class FederatedSubscription implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: Settled[] = [];
  private waiting: ((settled: Settled | undefined) => void) | undefined;
  private finished = false;
  private upstreamDone = false;
  private resolving: Promise<void> = Promise.resolve();
  /** Upstream events received whose resolution has not finished yet. */
  private pendingEvents = 0;
  /** Ended for a slow consumer: no more event work runs. */
  private overflowed = false;
  private readonly unsubscribe: () => void;
  /** The data sources of this subscription's entity fetches (coalescing when identityKey is set). */
  private services: ServiceMap | undefined;

  constructor(private readonly options: FederatedSubscriptionOptions) {
    const { plan, variables, upstream } = options;
    const primaryVariables: Record<string, unknown> = {};
    for (const name of plan.primary.variableUsages ?? []) {
      if (variables[name] !== undefined) primaryVariables[name] = variables[name];
    }
    this.unsubscribe = upstream.client.subscribe(
      {
        query: plan.primary.operation,
        variables: primaryVariables,
        ...(plan.primary.operationName ? { operationName: plan.primary.operationName } : {}),
      },
      {
        next: (event) => this.onUpstreamEvent(event as ExecutionResult),
        error: (error) =>
          this.enqueue(async () => this.push({ kind: 'error', error: this.upstreamError(error) })),
        complete: () => this.enqueue(async () => this.end()),
      },
    );
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Events received and not yet read by the client (being resolved, or resolved and waiting). */
  held(): number {
    // An ended one holds nothing: its queue is cleared and its pending work will be skipped.
    return this.finished || this.overflowed ? 0 : this.pendingEvents + this.queue.length;
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    const settled =
      this.queue.shift() ??
      (this.finished || this.upstreamDone
        ? undefined
        : await new Promise<Settled | undefined>((resolve) => (this.waiting = resolve)));
    if (!settled) {
      this.teardown();
      return { done: true, value: undefined };
    }
    if (settled.kind === 'error') {
      this.teardown();
      throw settled.error;
    }
    return { done: false, value: settled.value };
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.teardown();
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    this.teardown();
    throw error;
  }

  /**
   * Counts the event before queueing its resolution: events waiting to be resolved plus events
   * resolved but unread are bounded by maxQueuedEvents, so a slow subgraph or client cannot grow
   * the chain without limit.
   */
  private onUpstreamEvent(event: ExecutionResult): void {
    if (this.finished || this.overflowed) return;
    if (this.held() >= this.options.maxQueuedEvents || this.options.connectionFull?.() === true) {
      this.overflow();
      return;
    }
    this.pendingEvents += 1;
    this.enqueue(async () => {
      try {
        await this.resolveEvent(event);
      } finally {
        this.pendingEvents -= 1;
      }
    });
  }

  /** Ends the subscription with SlowConsumerError (the client sees it next) and unsubscribes upstream. */
  private overflow(): void {
    this.overflowed = true;
    this.queue.length = 0;
    this.push({ kind: 'error', error: new SlowConsumerError(this.options.maxQueuedEvents) });
    this.unsubscribe();
  }

  /** Serialises event work so events reach the client in upstream order. */
  private enqueue(work: () => Promise<void>): void {
    this.resolving = this.resolving.then(async () => {
      if (this.finished || this.overflowed) return;
      try {
        await work();
      } catch (error) {
        this.options.logger.error({ err: error }, 'could not resolve a subscription event');
        this.push({ kind: 'error', error });
      }
    });
  }

  private push(settled: Settled): void {
    if (this.finished || (this.overflowed && settled.kind === 'result')) return;
    if (settled.kind === 'error') this.upstreamDone = true;
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting(settled);
      return;
    }
    if (settled.kind === 'result' && this.queue.length >= this.options.maxQueuedEvents) {
      this.overflow();
      return;
    }
    this.queue.push(settled);
  }

  private end(): void {
    this.upstreamDone = true;
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting(undefined);
    }
  }

  private teardown(): void {
    if (this.finished) return;
    this.finished = true;
    this.queue.length = 0;
    this.unsubscribe();
    this.options.upstream.release();
    this.options.onEnd?.();
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting(undefined);
    }
  }

  private upstreamError(error: unknown): GraphQLError {
    if (
      Array.isArray(error) &&
      error.length > 0 &&
      error.every((entry) => entry && typeof entry.message === 'string')
    )
      return new UpstreamGraphQLErrors(error as GraphQLFormattedError[]);
    this.options.logger.warn(
      {
        subgraph: this.options.plan.subgraph.name,
        code: (error as { code?: unknown } | null)?.code,
        reason: (error as { reason?: unknown } | null)?.reason,
      },
      'upstream subscription ended with an error',
    );
    return new UpstreamSubscriptionError(this.options.plan.subgraph.name);
  }

  /**
   * Runs `[the event as the primary fetch's answer] → rest` through the gateway's executor: the
   * entity fetches of `rest` go to the subgraphs like an HTTP request's would, and the result is
   * shaped to the client's selection (aliases, fragments, `__typename`).
   */
  private async resolveEvent(event: ExecutionResult): Promise<void> {
    const { plan, variables, operationName } = this.options;
    const direct =
      plan.ownerOnly && !this.options.planEveryEvent
        ? shapeEventDirectly(plan.ownerOnly, variables, event)
        : undefined;
    if (direct) {
      this.options.onEvent?.();
      this.push({ kind: 'result', value: direct });
      return;
    }
    const eventSource: GraphQLDataSource = {
      process: async () => ({
        ...(event.data !== undefined ? { data: event.data as Record<string, unknown> | null } : {}),
        ...(event.errors ? { errors: event.errors as GraphQLError[] } : {}),
      }),
    };
    this.services ??=
      this.options.identityKey === undefined
        ? plan.generation.serviceMap
        : plan.generation.entityFetches.wrap(plan.generation.serviceMap, this.options.identityKey);
    const serviceMap: ServiceMap = Object.assign(Object.create(null) as ServiceMap, this.services, {
      [EVENT_SOURCE]: eventSource,
    });
    const eventFetch: FetchNode = { ...plan.primary, serviceName: EVENT_SOURCE };
    const node: PlanNode = plan.rest
      ? { kind: 'Sequence', nodes: [eventFetch, plan.rest] }
      : eventFetch;
    const queryPlan: QueryPlan = { kind: 'QueryPlan', node };
    const context = await this.options.context();
    // The executor reads the variables, the context (forwarded identity) and a metrics bag.
    const requestContext = {
      request: { variables, ...(operationName ? { operationName } : {}) },
      context,
      metrics: {},
      logger: this.options.logger,
    } as unknown as GraphQLRequestContext<RouterContext>;
    const result = await executeQueryPlan(
      queryPlan,
      serviceMap,
      requestContext as never,
      plan.operationContext,
      plan.generation.supergraphSchema,
      plan.generation.federatedApiSchema,
    );
    this.options.onEvent?.();
    this.push({
      kind: 'result',
      value: {
        data: (result.data ?? null) as ExecutionResult['data'],
        ...(result.errors?.length ? { errors: result.errors as GraphQLError[] } : {}),
      },
    });
  }
}
