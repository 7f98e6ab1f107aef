import type { OutboxNotifier } from '@groovy/common/events';
import type { LiveEvents, ResolverClass } from '@groovy/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { CatalogueService } from '../catalogue/catalogue.service';
import type { PreferencesContext } from '../preferences-context';
import { JamHub } from './jam-hub';
import { JamPresence } from './jam-presence';
import {
  JamMutationsResolver,
  JamQueriesResolver,
  JamSubscriptionResolver,
  toJamSessionOf,
} from './jam.resolver';
import { createJamConnectionModel, createJamSessionModel } from './jam.model';
import { JamRateLimits } from './jam-rate-limits';
import { JamScheduler } from './jam-scheduler';
import { JamService } from './jam.service';

export interface JamSettings {
  /** Presence heartbeat and expiry of a connection record (a crashed instance's users disconnect after it). */
  presenceHeartbeatMs: number;
  presenceTtlMs: number;
  /** How often each instance looks for due advances no timer of its own covers. */
  advanceSweepMs: number;
  /** joinJam attempts per user per minute (JAM_JOINS_PER_MINUTE). */
  joinsPerMinute: number;
  /** Jam changes per user per minute (JAM_CHANGES_PER_MINUTE). */
  changesPerMinute: number;
  /** The clock the per-user rates are counted by (tests move it). */
  now?: () => Date;
}

export const DEFAULT_JAM_SETTINGS: JamSettings = {
  presenceHeartbeatMs: 5_000,
  presenceTtlMs: 15_000,
  advanceSweepMs: 1_000,
  joinsPerMinute: 20,
  changesPerMinute: 120,
};

/** Jam sessions, wired: the service, this instance's hub, presence and advance scheduler, the resolvers. */
export class JamModule {
  readonly hub = new JamHub();
  readonly service: JamService;
  readonly presence: JamPresence;
  readonly scheduler: JamScheduler;
  private readonly rates: JamRateLimits;
  private readonly subscriptions: JamSubscriptionResolver;
  readonly resolvers: [ResolverClass, object][];

  constructor(
    connection: Connection,
    catalogue: CatalogueService,
    outbox: OutboxNotifier,
    private readonly live: LiveEvents,
    logger: Logger,
    settings: JamSettings = DEFAULT_JAM_SETTINGS,
  ) {
    const connections = createJamConnectionModel(connection);
    this.service = new JamService(
      createJamSessionModel(connection),
      connections,
      catalogue,
      outbox,
      this.hub,
    );
    this.presence = new JamPresence(
      connections,
      this.service,
      { heartbeatMs: settings.presenceHeartbeatMs, ttlMs: settings.presenceTtlMs },
      logger,
    );
    this.scheduler = new JamScheduler(this.service, this.hub, settings.advanceSweepMs, logger);
    this.rates = new JamRateLimits(
      () => connection.db!,
      { joinsPerMinute: settings.joinsPerMinute, changesPerMinute: settings.changesPerMinute },
      settings.now ?? (() => new Date()),
    );
    this.subscriptions = new JamSubscriptionResolver(this.service, this.hub, this.presence);
    this.resolvers = [
      [JamQueriesResolver, new JamQueriesResolver(this.service)],
      [JamMutationsResolver, new JamMutationsResolver(this.service, this.rates)],
      [JamSubscriptionResolver, this.subscriptions],
    ];
  }

  /** After the schema is built: its subscriptions reach this module. */
  bind(schema: GraphQLSchema): void {
    this.subscriptions.bindTo(schema);
  }

  /** `JamSession` references (a notification's `jam`): the session for its participants, else null. */
  readonly referenceResolvers = {
    JamSession: {
      __resolveReference: async (reference: { id: string }, context: PreferencesContext) => {
        if (!context.viewerId) return null;
        const session = await this.service.find(reference.id);
        if (!session || !session.participants.some((p) => p.userId === context.viewerId))
          return null;
        return toJamSessionOf(session);
      },
    },
  };

  async ensureIndexes(): Promise<void> {
    await Promise.all([this.service.ensureIndexes(), this.rates.ensureIndexes()]);
  }

  /** Background work of this instance: hearing the bus's Jam updates, presence, advances. */
  start(): () => Promise<void> {
    this.hub.attach(this.live.pubSub);
    this.presence.start();
    this.scheduler.start();
    return async () => {
      this.scheduler.stop();
      await this.presence.stop();
      await this.hub.detach();
    };
  }
}
