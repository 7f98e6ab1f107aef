import type { EventEnvelope } from '@groovy/common/events';
import { startSubgraph } from '@groovy/common/subgraph';
import { createTestLogger, subscribeAsRouter, type TestSubscription } from '@groovy/common/testing';
import { preferencesSubgraph, type RunningPreferencesSubgraph } from '../../preferences-subgraph';
import { newId, PreferencesTestServer, songEvent } from '../../__tests__/preferences-test-server';

export const JAM_FIELDS = `id code guestsCanControl endedAt host { id }
  participants { user { id } connected }
  queue { id song { id } addedBy { id } }
  playback { current { id song { id } } playing positionMs serverTimeMs }`;

export interface JamView {
  id: string;
  code: string;
  guestsCanControl: boolean;
  endedAt: string | null;
  host: { id: string };
  participants: { user: { id: string }; connected: boolean }[];
  queue: { id: string; song: { id: string }; addedBy: { id: string } }[];
  playback: {
    current: { id: string; song: { id: string } } | null;
    playing: boolean;
    positionMs: number;
    serverTimeMs: number;
  };
}

export interface JamEventView {
  jamSession: {
    kind: string;
    serverTimeMs: number;
    actor: { id: string } | null;
    session: JamView;
  };
}

export const START = `mutation S($songIds: [ID!]) { startJam(songIds: $songIds) { ${JAM_FIELDS} } }`;
export const JOIN = `mutation J($code: String!) { joinJam(code: $code) { ${JAM_FIELDS} } }`;
export const CONTROL = `mutation C($id: ID!, $action: JamAction!, $positionMs: Float) { controlJam(id: $id, action: $action, positionMs: $positionMs) { ${JAM_FIELDS} } }`;
export const ADD = `mutation A($id: ID!, $songIds: [ID!]!) { addToJamQueue(id: $id, songIds: $songIds) { ${JAM_FIELDS} } }`;
export const REMOVE = `mutation R($id: ID!, $itemId: ID!) { removeFromJamQueue(id: $id, itemId: $itemId) { ${JAM_FIELDS} } }`;
export const MOVE = `mutation M($id: ID!, $itemId: ID!, $toIndex: Int!) { moveJamQueueItem(id: $id, itemId: $itemId, toIndex: $toIndex) { ${JAM_FIELDS} } }`;
export const GUEST_CONTROL = `mutation G($id: ID!, $enabled: Boolean!) { setJamGuestControl(id: $id, enabled: $enabled) { ${JAM_FIELDS} } }`;
export const LEAVE = `mutation L($id: ID!) { leaveJam(id: $id) }`;
export const END = `mutation E($id: ID!) { endJam(id: $id) }`;
export const SESSION = `query Q($id: ID!) { jamSession(id: $id) { ${JAM_FIELDS} } }`;
export const SUBSCRIBE = `subscription S($id: ID!) { jamSession(id: $id) { kind serverTimeMs actor { id } session { ${JAM_FIELDS} } } }`;

/** Songs the catalogue knows (READY), with the given durations. */
export async function publishSongs(
  server: PreferencesTestServer,
  durations: (number | null)[],
): Promise<string[]> {
  const ids = durations.map(() => newId('song'));
  await server.publish(
    ids.map((songId, index) => songEvent({ songId, durationMs: durations[index] })),
  );
  return ids;
}

/**
 * Another instance of the subgraph on the same database and bus as `server` (as a second replica
 * would be); stopping it leaves the database alone.
 */
export function startInstance(server: PreferencesTestServer): Promise<RunningPreferencesSubgraph> {
  return startSubgraph(preferencesSubgraph(server.env), {
    databaseName: server.subgraph.connection.name,
    mongo: {
      url: server.mongo.url,
      source: 'MONGO_URL',
      reason: 'test instance',
      stop: async () => {},
    },
    logger: createTestLogger('preferences-instance'),
    handleSignals: false,
  });
}

export async function subscribeJam(
  url: string,
  server: PreferencesTestServer,
  id: string,
  as?: string,
): Promise<TestSubscription<JamEventView>> {
  return subscribeAsRouter<JamEventView>(
    url,
    { identitySecret: server.env.IDENTITY_TOKEN_SECRET, ...(as ? { as } : {}) },
    SUBSCRIBE,
    { id },
  );
}

/** Every JAM_UPDATED the subgraph published (through its outbox and the bus). */
export async function collectJamEvents(server: PreferencesTestServer): Promise<EventEnvelope[]> {
  const received: EventEnvelope[] = [];
  await server.bus.subscribe({
    consumer: `jam-events-${newId('c')}`,
    types: ['JAM_UPDATED'],
    handler: async (event) => {
      received.push(event);
    },
  });
  return received;
}
