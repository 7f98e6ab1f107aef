import type { EventEnvelope } from '@groovy/common/events';
import { shareEventResults } from '@groovy/common/subgraph';
import type { PubSub } from 'type-graphql';
import { jamUpdateOf, type JamUpdate } from './jam-events';
import { JAM_CALLER_INDEPENDENT_FIELDS } from './jam.types';

type Listener = (update: JamUpdate) => void;

/**
 * This instance's routing of Jam updates: every JAM_UPDATED heard from the bus (live events), and
 * every change this instance wrote itself (pushed at once, without waiting for the bus), goes to
 * the listeners of its session. A listener sees the same version twice (local push, then the bus
 * copy): subscriptions skip versions they already sent. One map lookup per event, whatever the
 * number of sessions, and one execution of each subscribed document per event (shareEventResults).
 */
export class JamHub {
  private readonly bySession = new Map<string, Set<Listener>>();
  private readonly everyUpdate = new Set<Listener>();
  private source: AsyncIterator<unknown> | null = null;

  /** Starts hearing the bus's JAM_UPDATED (the live subscriber feeds `pubSub`). */
  attach(pubSub: PubSub): void {
    const iterator = pubSub.subscribe('JAM_UPDATED')[Symbol.asyncIterator]();
    this.source = iterator;
    void (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        this.push(next.value as EventEnvelope);
      }
    })();
  }

  async detach(): Promise<void> {
    await this.source?.return?.();
    this.source = null;
  }

  push(event: EventEnvelope): void {
    const update = jamUpdateOf(event);
    // Every listener of the session gets this same object: its GraphQL result is built once per
    // document for them all (the streams still decide, each for its own subscriber, what it gets).
    shareEventResults(update, JAM_CALLER_INDEPENDENT_FIELDS);
    for (const listener of this.everyUpdate) listener(update);
    for (const listener of this.bySession.get(update.sessionId) ?? []) listener(update);
  }

  /** Listens to one session's updates; returns the unlisten function. */
  listen(sessionId: string, listener: Listener): () => void {
    let listeners = this.bySession.get(sessionId);
    if (!listeners) this.bySession.set(sessionId, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.bySession.delete(sessionId);
    };
  }

  /** Listens to every session's updates (the advance scheduler). */
  listenAll(listener: Listener): () => void {
    this.everyUpdate.add(listener);
    return () => this.everyUpdate.delete(listener);
  }
}
