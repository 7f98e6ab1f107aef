/**
 * The subscription socket's connection state, for components that must catch up after a drop:
 * events sent while the socket was down are not replayed when graphql-ws resubscribes, so a
 * component keeping a live count (the header's bell) refetches it on every reconnect.
 */
type Listener = () => void;

const reconnectListeners = new Set<Listener>();
let wasConnected = false;
let dropped = false;

/** Fed by the graphql-ws client's connected/closed callbacks (ApolloProvider). */
export function subscriptionConnectionChanged(connected: boolean): void {
  if (!connected) {
    if (wasConnected) dropped = true;
    return;
  }
  wasConnected = true;
  if (!dropped) return;
  dropped = false;
  for (const listener of [...reconnectListeners]) listener();
}

/** Calls `listener` each time the socket is connected again after a drop; returns the unsubscribe. */
export function onSubscriptionReconnected(listener: Listener): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/** For tests: forget the history. */
export function resetSubscriptionConnection(): void {
  wasConnected = false;
  dropped = false;
  reconnectListeners.clear();
}
