import type { Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { createEventBus } from '../events/create-event-bus';
import type { EventBus, SubscribeOptions } from '../events/event-bus';
import type { EventBusEnvironment } from '../events/event-bus-environment';
import type { EventEnvelope } from '../events/event-envelope';
import { OutboxRelay, type OutboxSource } from '../events/outbox/outbox';
import type { OutboxNotifier } from '../events/outbox/write-with-events';
import type { ReadinessCheck } from '../server/http-service';
import { InstanceLiveEvents, type LiveEvents } from './live-events';
import type { SubscriptionLimits } from './subscription-server';
import type {
  ContextArgs,
  StartSubgraphOptions,
  SubgraphDependencies,
  SubgraphEnvironment,
} from './start-subgraph';

/** Nudges the relay startSubgraph runs; until it runs (and after it stops) events wait for its first pass. */
export class RelayNotifier implements OutboxNotifier {
  private relay: OutboxRelay | undefined;

  attach(relay: OutboxRelay | undefined): void {
    this.relay = relay;
  }

  recorded(): void {
    this.relay?.nudge();
  }

  /** Publishes what is pending now, when the relay runs. */
  async flush(): Promise<void> {
    if (this.relay) await this.relay.flushOnce();
  }
}

/**
 * Publishes on the bus startSubgraph opens, for events that derive from a consumed one (e.g. "the
 * read model changed"): usable from consumers' handlers, which run only once the bus is open.
 * Events that record a write of the subgraph's own go through its outbox instead.
 */
export class BusPublisher {
  private bus: EventBus | undefined;

  attach(bus: EventBus | undefined): void {
    this.bus = bus;
  }

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    if (!this.bus) throw new Error('the event bus is not open (publish from a consumer handler)');
    await this.bus.publish(events);
  }
}

/** What a subgraph's `create` gets: the shared dependencies and the outbox notifier its writes nudge. */
export interface SubgraphBuildDependencies extends SubgraphDependencies {
  outbox: RelayNotifier;
  /** Publishes derived events from consumer handlers (see BusPublisher). */
  publisher: BusPublisher;
  /**
   * What GraphQL subscriptions listen to: pass `live.pubSub` to `buildFederatedSchema`; every event
   * of the description's `liveEventTypes` reaching this instance is published on it (topic = the
   * event type, payload = the `EventEnvelope`).
   */
  live: LiveEvents;
}

/** What `create` returns: at least the schema; the rest (services, models) is the subgraph's own. */
export interface SubgraphModule {
  schema: GraphQLSchema;
}

/**
 * A subgraph, declared: what it is made of and what runs beside it. `startSubgraph` (production),
 * `startTestSubgraph` (tests) and the subgraph's index.ts all start it from this one description.
 */
export interface SubgraphDescription<
  TModule extends SubgraphModule,
  TContext extends object = object,
> {
  /** Short name (`auth`, `songs`, …): log field, metrics label, default database `groovy_<name>`. */
  name: string;
  environment: SubgraphEnvironment & EventBusEnvironment;
  /** Builds the subgraph on its connection: models, services, resolvers and the schema. */
  create(dependencies: SubgraphBuildDependencies): Promise<TModule>;
  /**
   * The subgraph's fields of each operation's context (e.g. fresh DataLoaders): per HTTP request,
   * and per operation of a graphql-ws connection (`transport: 'websocket'`, `req` = its upgrade request).
   */
  context?(module: TModule, args: ContextArgs): TContext | Promise<TContext>;
  /** Extra HTTP routes (webhooks, JWKS), mounted before `/graphql`. */
  routes?(app: Express, module: TModule, dependencies: SubgraphDependencies): void;
  /** Collections whose documents carry an outbox (`_outbox`): one relay publishes them all. */
  outboxSources?(module: TModule, dependencies: SubgraphDependencies): OutboxSource[];
  /**
   * Event types every instance of this subgraph hears, for its GraphQL subscriptions: each instance
   * gets all of them (a live, per-instance bus subscriber from the moment the instance started; no
   * replay), unlike `consumers`, where one instance handles each event. They reach resolvers through
   * `live.pubSub` (topic = event type). Served over graphql-ws on `/graphql`.
   */
  liveEventTypes?: readonly string[];
  /** Bounds of the graphql-ws endpoint (defaults: `DEFAULT_SUBSCRIPTION_LIMITS`). */
  subscriptionLimits?: Partial<SubscriptionLimits>;
  /**
   * Event consumers, subscribed on the bus once `beforeConsumers` is done; except live ones
   * (`live: true`, one per instance), subscribed before it, so they hear every event published
   * while it runs (e.g. while an index is rebuilt from a read model): their handler decides
   * whether to wait for it.
   */
  consumers?(module: TModule): SubscribeOptions[];
  /** Runs once the server listens, after live consumers and before the others subscribe (e.g. rebuilding an index). */
  beforeConsumers?(module: TModule, dependencies: SubgraphDependencies): Promise<void>;
  /** Background work started last (e.g. a sweeper); the returned function stops it. */
  background?(module: TModule, dependencies: SubgraphDependencies): (() => Promise<void>) | void;
  /** Stops what `create` opened (e.g. storage), after everything else. */
  close?(module: TModule): Promise<void>;
  readinessChecks?: ReadinessCheck[];
}

/** What the caller may set besides the description (tests: a shared Mongo, a fresh database). */
export type SubgraphOverrides<TContext extends object> = Partial<
  Pick<StartSubgraphOptions<TContext>, 'databaseName' | 'mongo' | 'logger' | 'handleSignals'>
>;

/**
 * The server options of a description, and the module once built. The whole life cycle: build the
 * module; once listening, open the event bus, run the outbox relay (attached to the module's
 * notifier), subscribe the consumers and start background work; on stop, undo it in reverse.
 */
export function subgraphServerOptions<TModule extends SubgraphModule, TContext extends object>(
  description: SubgraphDescription<TModule, TContext>,
  overrides: SubgraphOverrides<TContext> = {},
): { options: StartSubgraphOptions<TContext>; module(): TModule } {
  const env = description.environment;
  const notifier = new RelayNotifier();
  const live = new InstanceLiveEvents();
  const publisher = new BusPublisher();
  let built: TModule | undefined;
  const module = (): TModule => {
    if (!built) throw new Error(`${description.name}: the subgraph module is not built yet`);
    return built;
  };
  const options: StartSubgraphOptions<TContext> = {
    name: description.name,
    environment: env,
    ...overrides,
    ...(description.readinessChecks ? { readinessChecks: description.readinessChecks } : {}),
    ...(description.subscriptionLimits
      ? { subscriptionLimits: description.subscriptionLimits }
      : {}),
    schema: async (dependencies) => {
      built = await description.create({ ...dependencies, outbox: notifier, live, publisher });
      return built.schema;
    },
    context: ({ req, base, transport }) =>
      description.context
        ? description.context(module(), { req, base, transport })
        : ({} as TContext),
    routes: (app, dependencies) => description.routes?.(app, module(), dependencies),
    onStarted: async (dependencies) => {
      const { connection, logger } = dependencies;
      const stops: Array<() => Promise<void>> = [];
      const stopAll = async () => {
        for (const stop of stops.reverse()) await stop();
      };
      if (description.close) stops.push(() => description.close!(module()));
      try {
        const sources = description.outboxSources?.(module(), dependencies) ?? [];
        const consumers = description.consumers?.(module()) ?? [];
        const liveEventTypes = description.liveEventTypes ?? [];
        let bus: EventBus | undefined;
        if (sources.length > 0 || consumers.length > 0 || liveEventTypes.length > 0) {
          const opened = await createEventBus(env, {
            logger,
            eventsDb: () => connection.getClient().db(env.EVENT_BUS_DATABASE),
          });
          bus = opened;
          stops.push(() => opened.close());
          publisher.attach(opened);
          stops.push(async () => publisher.attach(undefined));
        }
        // Live consumers first: they hear what is published while beforeConsumers runs.
        for (const consumer of consumers.filter((candidate) => candidate.live)) {
          const subscription = await bus!.subscribe(consumer);
          stops.push(() => subscription.stop());
        }
        await description.beforeConsumers?.(module(), dependencies);
        if (bus) {
          if (sources.length > 0) {
            const relay = new OutboxRelay({ sources, bus, logger });
            relay.start();
            notifier.attach(relay);
            stops.push(async () => {
              notifier.attach(undefined);
              await relay.stop();
            });
          }
          if (liveEventTypes.length > 0) {
            // One per instance, from now on: every instance's subscribers hear every event.
            const subscription = await bus.subscribe({
              consumer: `${description.name}-live`,
              types: liveEventTypes,
              live: true,
              concurrency: 16,
              maxAttempts: 1,
              handler: async (event) => live.deliver(event),
            });
            stops.push(() => subscription.stop());
          }
          for (const consumer of consumers.filter((candidate) => !candidate.live)) {
            const subscription = await bus.subscribe(consumer);
            stops.push(() => subscription.stop());
          }
        }
        const stopBackground = description.background?.(module(), dependencies);
        if (stopBackground) stops.push(stopBackground);
      } catch (error) {
        // A half-started subgraph must not linger: stop what already runs (relay, subscriptions,
        // the module's own resources), newest first, then let the caller see the failure.
        await stopAll().catch((stopError: unknown) =>
          logger.error(
            { err: stopError },
            `${description.name}: cleanup after a failed start failed`,
          ),
        );
        throw error;
      }
      return stopAll;
    },
  };
  return { options, module };
}
