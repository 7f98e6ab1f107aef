import { NotFoundError } from '@groovy/common/errors';
import { requireUserId } from '@groovy/common/subgraph';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import {
  Arg,
  Ctx,
  Float,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { PreferencesContext } from '../preferences-context';
import { jamStateOf, type JamUpdate } from './jam-events';
import type { JamHub } from './jam-hub';
import type { JamRateLimits } from './jam-rate-limits';
import type { JamPresence } from './jam-presence';
import { JamEventStream } from './jam-stream';
import type { JamSessionRecord } from './jam.model';
import type { JamService } from './jam.service';
import { JamAction, JamEvent, JamSession, toJamEvent, toJamSession } from './jam.types';

export const toJamSessionOf = (record: JamSessionRecord): JamSession =>
  toJamSession(record._id, jamStateOf(record));

@Resolver(() => JamSession)
export class JamQueriesResolver {
  constructor(private readonly jams: JamService) {}

  @Query(() => JamSession, {
    nullable: true,
    description: 'A Jam you take part in; null when unknown, FORBIDDEN to others.',
  })
  async jamSession(
    @Arg('id', () => ID) id: string,
    @Ctx() context: PreferencesContext,
  ): Promise<JamSession | null> {
    const session = await this.jams.findForParticipant(id, requireUserId(context));
    return session && toJamSessionOf(session);
  }

  @Query(() => Float, { description: 'The server clock, ms since the epoch (for clock sync).' })
  serverTime(): number {
    return this.jams.serverTimeMs();
  }
}

@Resolver()
export class JamMutationsResolver {
  constructor(
    private readonly jams: JamService,
    private readonly rates: Pick<JamRateLimits, 'takeJoin' | 'takeChange'>,
  ) {}

  /** The caller, once one of their JAM_CHANGES_PER_MINUTE is counted (leaving and ending are not). */
  private async change(context: PreferencesContext): Promise<string> {
    const userId = requireUserId(context);
    await this.rates.takeChange(userId);
    return userId;
  }

  @Mutation(() => JamSession, {
    description:
      'Start a Jam you host (a Jam you already host ends), optionally with songs queued.',
  })
  async startJam(
    @Arg('songIds', () => [ID], { nullable: true }) songIds: string[] | null,
    @Ctx() context: PreferencesContext,
  ): Promise<JamSession> {
    const userId = await this.change(context);
    return toJamSessionOf(await this.jams.start(userId, songIds));
  }

  @Mutation(() => JamSession, { description: 'Join a live Jam by its code (32 people at most).' })
  async joinJam(
    @Arg('code') code: string,
    @Ctx() context: PreferencesContext,
  ): Promise<JamSession> {
    const userId = requireUserId(context);
    // Counted before the code is looked up, right or wrong: guessing codes is what it bounds.
    await this.rates.takeJoin(userId);
    return toJamSessionOf(await this.jams.join(code, userId));
  }

  @Mutation(() => Boolean, {
    description: 'Leave; when the host leaves, the longest-present participant hosts.',
  })
  leaveJam(@Arg('id', () => ID) id: string, @Ctx() context: PreferencesContext): Promise<boolean> {
    return this.jams.leave(id, requireUserId(context));
  }

  @Mutation(() => Boolean, { description: 'End the Jam (host only).' })
  endJam(@Arg('id', () => ID) id: string, @Ctx() context: PreferencesContext): Promise<boolean> {
    return this.jams.end(id, requireUserId(context));
  }

  @Mutation(() => JamSession, {
    description: 'Playback control: the host, or anyone when guestsCanControl.',
  })
  async controlJam(
    @Arg('id', () => ID) id: string,
    @Arg('action', () => JamAction) action: JamAction,
    @Arg('positionMs', () => Float, { nullable: true }) positionMs: number | null,
    @Ctx() context: PreferencesContext,
  ): Promise<JamSession> {
    const userId = await this.change(context);
    return toJamSessionOf(await this.jams.control(id, userId, action, positionMs ?? null));
  }

  @Mutation(() => JamSession, {
    description: 'Any participant adds songs at the end of the queue.',
  })
  async addToJamQueue(
    @Arg('id', () => ID) id: string,
    @Arg('songIds', () => [ID]) songIds: string[],
    @Ctx() context: PreferencesContext,
  ): Promise<JamSession> {
    const userId = await this.change(context);
    return toJamSessionOf(await this.jams.addToQueue(id, userId, songIds));
  }

  @Mutation(() => JamSession, {
    description: 'Remove an item: who added it, the host, or anyone when guestsCanControl.',
  })
  async removeFromJamQueue(
    @Arg('id', () => ID) id: string,
    @Arg('itemId', () => ID) itemId: string,
    @Ctx() context: PreferencesContext,
  ): Promise<JamSession> {
    const userId = await this.change(context);
    return toJamSessionOf(await this.jams.removeFromQueue(id, userId, itemId));
  }

  @Mutation(() => JamSession, {
    description: 'Reorder: the host, or anyone when guestsCanControl.',
  })
  async moveJamQueueItem(
    @Arg('id', () => ID) id: string,
    @Arg('itemId', () => ID) itemId: string,
    @Arg('toIndex', () => Int) toIndex: number,
    @Ctx() context: PreferencesContext,
  ): Promise<JamSession> {
    const userId = await this.change(context);
    return toJamSessionOf(await this.jams.moveQueueItem(id, userId, itemId, toIndex));
  }

  @Mutation(() => JamSession, { description: 'Let guests control playback and order (host only).' })
  async setJamGuestControl(
    @Arg('id', () => ID) id: string,
    @Arg('enabled') enabled: boolean,
    @Ctx() context: PreferencesContext,
  ): Promise<JamSession> {
    const userId = await this.change(context);
    return toJamSessionOf(await this.jams.setGuestControl(id, userId, enabled));
  }
}

interface JamSubscriptionArgs {
  id: string;
}

/** The subscription resolver of each built schema (several instances may share a process). */
const subscriptionsBySchema = new WeakMap<GraphQLSchema, JamSubscriptionResolver>();

@Resolver()
export class JamSubscriptionResolver {
  constructor(
    private readonly jams: JamService,
    private readonly hub: JamHub,
    private readonly presence: JamPresence,
  ) {}

  /** Binds this resolver to the schema it serves (decorator options cannot reach `this`). */
  bindTo(schema: GraphQLSchema): void {
    subscriptionsBySchema.set(schema, this);
  }

  @Subscription(() => JamEvent, {
    description:
      'A Jam’s events (participants only): the full state first (kind STATE), then one per change. Keeps you `connected` while open.',
    subscribe: ({
      args,
      context,
      info,
    }: {
      args: JamSubscriptionArgs;
      context: PreferencesContext;
      info: GraphQLResolveInfo;
    }) => {
      const resolver = subscriptionsBySchema.get(info.schema);
      if (!resolver) throw new Error('the Jam subscription resolver is not bound to this schema');
      return resolver.open(args.id, context);
    },
  })
  jamSession(@Root() update: JamUpdate, @Arg('id', () => ID) _id: string): JamEvent {
    return toJamEvent(update);
  }

  private async open(id: string, context: PreferencesContext): Promise<JamEventStream> {
    const userId = requireUserId(context);
    const known = await this.jams.findForParticipant(id, userId);
    if (!known) throw new NotFoundError('JamSession', id);
    let recordId: string | null = null;
    const stream = new JamEventStream(userId, async () => {
      unlisten();
      if (recordId) await this.presence.disconnect(recordId, id, userId).catch(() => undefined);
    });
    const unlisten = this.hub.listen(id, stream.listener);
    if (known.live) recordId = await this.presence.connect(id, userId);
    const session = (await this.jams.find(id)) ?? known;
    stream.start({
      sessionId: id,
      version: session.version,
      kind: 'STATE',
      actorId: null,
      serverTimeMs: this.jams.serverTimeMs(),
      state: jamStateOf(session),
    });
    return stream;
  }
}
