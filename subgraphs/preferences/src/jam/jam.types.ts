import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { SongEntity, songEntity, UserEntity, userEntity } from '../catalogue/entities';
import type { JamState, JamUpdate } from './jam-events';

export enum JamAction {
  PLAY = 'PLAY',
  PAUSE = 'PAUSE',
  SEEK = 'SEEK',
  NEXT = 'NEXT',
  PREVIOUS = 'PREVIOUS',
}
registerEnumType(JamAction, {
  name: 'JamAction',
  valuesConfig: {
    PLAY: {
      description: 'Play (from positionMs when given); at the end of a song, from its start.',
    },
    PAUSE: { description: 'Pause where playback is (or at positionMs).' },
    SEEK: { description: 'Move to positionMs, playing or not.' },
    NEXT: { description: 'The next item; after the last one, playback stops.' },
    PREVIOUS: { description: 'The previous item; more than 3 s into a song, its start.' },
  },
});

@ObjectType({ description: 'One song in a Jam’s queue, and who added it.' })
export class JamQueueItem {
  @Field(() => ID)
  id!: string;
  @Field(() => SongEntity)
  song!: SongEntity;
  @Field(() => UserEntity)
  addedBy!: UserEntity;
}

@ObjectType()
export class JamParticipant {
  @Field(() => UserEntity)
  user!: UserEntity;
  @Field()
  joinedAt!: Date;
  @Field({ description: 'At least one of their Jam subscriptions is open.' })
  connected!: boolean;
}

@ObjectType({
  description:
    'Playback as the server decides it: while playing, the live position is positionMs + (server now − serverTimeMs).',
})
export class JamPlayback {
  @Field(() => JamQueueItem, { nullable: true })
  current!: JamQueueItem | null;
  @Field()
  playing!: boolean;
  @Field(() => Float, { description: 'The position at serverTimeMs.' })
  positionMs!: number;
  @Field(() => Float, { description: 'Server clock, ms since the epoch.' })
  serverTimeMs!: number;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Friends listening together, in sync (participants only).' })
export class JamSession {
  @Field(() => ID)
  id!: string;
  @Field({ description: 'The join code: 6 characters without 0/O/1/I.' })
  code!: string;
  @Field(() => UserEntity)
  host!: UserEntity;
  @Field(() => [JamParticipant], { description: 'In the order they joined.' })
  participants!: JamParticipant[];
  @Field()
  guestsCanControl!: boolean;
  @Field(() => [JamQueueItem])
  queue!: JamQueueItem[];
  @Field(() => JamPlayback)
  playback!: JamPlayback;
  @Field(() => Date, { nullable: true })
  endedAt!: Date | null;
}

@ObjectType({ description: 'One change of a Jam (the first one of a subscription: kind STATE).' })
export class JamEvent {
  @Field({
    description:
      'STATE, STARTED, JOINED, LEFT, PLAY, PAUSE, SEEK, NEXT, PREVIOUS, ADVANCED, QUEUE_CHANGED, GUEST_CONTROL_CHANGED, PRESENCE or ENDED.',
  })
  kind!: string;
  @Field(() => JamSession)
  session!: JamSession;
  @Field(() => UserEntity, { nullable: true, description: 'Who did it; null when the server did.' })
  actor!: UserEntity | null;
  @Field(() => Float)
  serverTimeMs!: number;
}

export function toJamSession(id: string, state: JamState): JamSession {
  const items = state.queue.map((item) => ({
    id: item.id,
    song: songEntity(item.songId),
    addedBy: userEntity(item.addedBy),
  }));
  return {
    id,
    code: state.code,
    host: userEntity(state.hostId),
    participants: state.participants.map((participant) => ({
      user: userEntity(participant.userId),
      joinedAt: new Date(participant.joinedAt),
      connected: participant.connected,
    })),
    guestsCanControl: state.guestsCanControl,
    queue: items,
    playback: {
      current: items.find((item) => item.id === state.currentItemId) ?? null,
      playing: state.playing,
      positionMs: state.positionMs,
      serverTimeMs: state.serverTimeMs,
    },
    endedAt: state.endedAt === null ? null : new Date(state.endedAt),
  };
}

export function toJamEvent(update: JamUpdate): JamEvent {
  return {
    kind: update.kind,
    session: toJamSession(update.sessionId, update.state),
    actor: update.actorId === null ? null : userEntity(update.actorId),
    serverTimeMs: update.serverTimeMs,
  };
}

/**
 * The fields of a Jam event whose values are the same for every participant who gets it (no
 * resolver reads the caller): a subscription selecting only these shares one execution of each
 * update with the Jam's other subscribers (shareEventResults). A field added to these types joins
 * only once listed here; never list one that depends on the viewer (e.g. a song's own rating).
 */
export const JAM_CALLER_INDEPENDENT_FIELDS: ReadonlySet<string> = new Set([
  'Subscription.jamSession',
  'JamEvent.kind',
  'JamEvent.session',
  'JamEvent.actor',
  'JamEvent.serverTimeMs',
  'JamSession.id',
  'JamSession.code',
  'JamSession.host',
  'JamSession.participants',
  'JamSession.guestsCanControl',
  'JamSession.queue',
  'JamSession.playback',
  'JamSession.endedAt',
  'JamParticipant.user',
  'JamParticipant.joinedAt',
  'JamParticipant.connected',
  'JamQueueItem.id',
  'JamQueueItem.song',
  'JamQueueItem.addedBy',
  'JamPlayback.current',
  'JamPlayback.playing',
  'JamPlayback.positionMs',
  'JamPlayback.serverTimeMs',
  'User.id',
  'Song.id',
]);
