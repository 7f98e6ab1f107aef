/*
 * The browser's graphql-ws connection as pages see it: whether it is up, and a "resync" signal each
 * time the live data may have missed something — the socket came back after a drop, or a
 * subscription was started again after the router ended it with a retryable error (the owning
 * subgraph restarted). A page that keeps live state (the Jam) re-estimates what depends on time and
 * re-fetches what the events do not carry when it hears it. `reconnect()` drops the socket on
 * purpose (after a sleep, or when the network comes back): graphql-ws opens a new one and
 * subscribes every active subscription again, each of which starts with its full state.
 */

/** `idle`: no subscription needs the socket (none yet, or closed normally when the last one ended). */
export type LiveConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting';

/** Why live data may be stale: a new socket after a drop, or a subscription started again. */
export type ResyncReason = 'reconnected' | 'resubscribed';

/** graphql-ws's close code of a socket closed on purpose when no subscription is left. */
const NORMAL_CLOSURE = 1000;

export class LiveConnection {
  private state: LiveConnectionState = 'idle';
  /** A socket was up and went away abnormally: the next `connected` is a reconnect. */
  private dropped = false;
  private readonly stateListeners = new Set<() => void>();
  private readonly resyncListeners = new Set<(reason: ResyncReason) => void>();
  private terminate: (() => void) | undefined;

  /** What `reconnect()` does: graphql-ws's `client.terminate()` (a fresh socket, same subscriptions). */
  attach(terminate: () => void): void {
    this.terminate = terminate;
  }

  /** The current state (stable between changes, for `useSyncExternalStore`). */
  getState = (): LiveConnectionState => this.state;

  /** Told of every state change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  /** Told each time live data may have missed events; returns the unsubscribe function. */
  onResync(listener: (reason: ResyncReason) => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** Drops the socket now (it may be dead after a sleep): a new one resubscribes everything. */
  reconnect(): void {
    if (this.state === 'idle') return;
    this.terminate?.();
  }

  // The events of the subscription client (subscription-link.ts).

  connecting(): void {
    if (this.state === 'idle') this.setState('connecting');
  }

  connected(): void {
    this.setState('connected');
    if (this.dropped) {
      this.dropped = false;
      this.emit('reconnected');
    }
  }

  closed(code: number | undefined): void {
    if (code === NORMAL_CLOSURE) {
      this.dropped = false;
      this.setState('idle');
      return;
    }
    this.dropped = true;
    this.setState('reconnecting');
  }

  resubscribed(): void {
    this.emit('resubscribed');
  }

  private setState(next: LiveConnectionState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of [...this.stateListeners]) listener();
  }

  private emit(reason: ResyncReason): void {
    for (const listener of [...this.resyncListeners]) listener(reason);
  }
}
