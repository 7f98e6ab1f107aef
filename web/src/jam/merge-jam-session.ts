import type { JamSessionFieldsFragment } from '@/gql/graphql';

/** The live (ids-only) session of a subscription event. */
export interface LiveJamSession {
  code: string;
  guestsCanControl: boolean;
  endedAt?: unknown;
  host: { id: string };
  participants: readonly { connected: boolean; joinedAt: unknown; user: { id: string } }[];
  queue: readonly { id: string; addedBy: { id: string }; song: { id: string } }[];
  playback: JamSessionFieldsFragment['playback'];
}

export interface MergedJamSession {
  session: JamSessionFieldsFragment;
  /** Ids the details do not know yet (a new song or person): refetch the details. */
  missing: boolean;
}

/**
 * The page's view of a Jam: the order, presence and playback of the latest live event, dressed with
 * the names, songs and streams of the last details query. Items or people the details do not know
 * yet are left out until the refetch brings them (`missing`).
 */
export function mergeJamSession(
  details: JamSessionFieldsFragment,
  live: LiveJamSession | null,
): MergedJamSession {
  if (!live) return { session: details, missing: false };
  const items = new Map(details.queue.map((item) => [item.id, item]));
  const people = new Map(details.participants.map((p) => [p.user.id, p.user]));
  if (!people.has(details.host.id))
    people.set(details.host.id, { ...details.host, avatarUrl: null });
  let missing = false;
  const participants = live.participants.flatMap((p) => {
    const user = people.get(p.user.id);
    if (!user) missing = true;
    return user
      ? [
          {
            __typename: 'JamParticipant' as const,
            connected: p.connected,
            joinedAt: p.joinedAt as string,
            user,
          },
        ]
      : [];
  });
  const queue = live.queue.flatMap((item) => {
    const known = items.get(item.id);
    if (!known) missing = true;
    return known ? [known] : [];
  });
  const host = people.get(live.host.id);
  if (!host) missing = true;
  return {
    session: {
      ...details,
      code: live.code,
      guestsCanControl: live.guestsCanControl,
      endedAt: (live.endedAt ?? null) as JamSessionFieldsFragment['endedAt'],
      host: host
        ? { __typename: 'User', id: host.id, displayName: host.displayName }
        : details.host,
      participants,
      queue,
      playback: live.playback,
    },
    missing,
  };
}
