'use client';

import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveConnection, LiveConnectionState } from './live-connection';

/** The browser's graphql-ws connection (provided by GroovyApolloProvider; null on the server). */
export const LiveConnectionContext = createContext<LiveConnection | null>(null);

/** The live connection and its current state (re-renders when it changes). */
export function useLiveConnection(): {
  connection: LiveConnection | null;
  state: LiveConnectionState;
} {
  const connection = useContext(LiveConnectionContext);
  const state = useSyncExternalStore(
    connection?.subscribe ?? noSubscribe,
    connection?.getState ?? idle,
    idle,
  );
  return { connection, state };
}

const noSubscribe = () => () => undefined;
const idle = (): LiveConnectionState => 'idle';
