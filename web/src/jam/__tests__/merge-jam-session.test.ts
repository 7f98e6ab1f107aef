import type { JamSessionFieldsFragment } from '@/gql/graphql';
import { mergeJamSession, type LiveJamSession } from '../merge-jam-session';

const user = (id: string, displayName: string) => ({
  __typename: 'User' as const,
  id,
  displayName,
  avatarUrl: null,
});
const song = (id: string, title: string) => ({
  __typename: 'Song' as const,
  id,
  title,
  status: 'READY' as JamSessionFieldsFragment['queue'][number]['song']['status'],
  durationMs: 60_000,
  coverUrl: null,
  artist: { __typename: 'Artist' as const, id: 'ar', name: 'Band' },
  stream: { __typename: 'SongStream' as const, masterUrl: `https://m/${id}.m3u8` },
});
const details: JamSessionFieldsFragment = {
  __typename: 'JamSession',
  id: 'j',
  code: 'ABC234',
  guestsCanControl: false,
  endedAt: null,
  host: { __typename: 'User', id: 'h', displayName: 'Host' },
  participants: [
    { __typename: 'JamParticipant', connected: false, joinedAt: 't', user: user('h', 'Host') },
  ],
  queue: [
    {
      __typename: 'JamQueueItem',
      id: 'i1',
      addedBy: { __typename: 'User', id: 'h', displayName: 'Host' },
      song: song('s1', 'One'),
    },
    {
      __typename: 'JamQueueItem',
      id: 'i2',
      addedBy: { __typename: 'User', id: 'h', displayName: 'Host' },
      song: song('s2', 'Two'),
    },
  ],
  playback: {
    __typename: 'JamPlayback',
    playing: false,
    positionMs: 0,
    serverTimeMs: 1,
    current: null,
  },
};
const live = (over: Partial<LiveJamSession> = {}): LiveJamSession => ({
  code: 'ABC234',
  guestsCanControl: true,
  endedAt: null,
  host: { id: 'h' },
  participants: [{ connected: true, joinedAt: 't', user: { id: 'h' } }],
  queue: [
    { id: 'i2', addedBy: { id: 'h' }, song: { id: 's2' } },
    { id: 'i1', addedBy: { id: 'h' }, song: { id: 's1' } },
  ],
  playback: {
    __typename: 'JamPlayback',
    playing: true,
    positionMs: 5,
    serverTimeMs: 9,
    current: { __typename: 'JamQueueItem', id: 'i2' },
  },
  ...over,
});

describe('mergeJamSession', () => {
  it('takes order, presence, rights and playback from the live event, names and songs from the details', () => {
    const { session, missing } = mergeJamSession(details, live());
    expect(missing).toBe(false);
    expect(session.queue.map((item) => item.song.title)).toEqual(['Two', 'One']);
    expect(session.participants[0]).toMatchObject({
      connected: true,
      user: { displayName: 'Host' },
    });
    expect(session.guestsCanControl).toBe(true);
    expect(session.playback).toMatchObject({ playing: true, current: { id: 'i2' } });
  });

  it('says when the live state names an item or a person the details do not know', () => {
    const withNewItem = live({
      queue: [...live().queue, { id: 'i3', addedBy: { id: 'g' }, song: { id: 's3' } }],
    });
    const merged = mergeJamSession(details, withNewItem);
    expect(merged.missing).toBe(true);
    expect(merged.session.queue).toHaveLength(2);
    const withGuest = live({
      participants: [...live().participants, { connected: true, joinedAt: 't', user: { id: 'g' } }],
    });
    expect(mergeJamSession(details, withGuest).missing).toBe(true);
  });

  it('shows the details alone before any live event', () => {
    expect(mergeJamSession(details, null)).toEqual({ session: details, missing: false });
  });
});
