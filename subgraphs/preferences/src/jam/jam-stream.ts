import type { JamUpdate } from './jam-events';

/**
 * How long an update that skips a version waits for the missing one. Every write of a session
 * bumps its version by one and carries its JAM_UPDATED, but this instance hears its own writes at
 * once and other instances' through the bus: a local change can overtake a remote one written just
 * before it. The missing version normally arrives within one bus delivery; after this bound the
 * held updates go out anyway (the latest state is never held back longer).
 */
export const DEFAULT_GAP_WAIT_MS = 1_000;

/**
 * One subscriber's Jam events: a STATE first, then every update of a higher version, each version
 * once and in version order, whether it came from this instance's own write or from the bus (so a
 * participant on any instance sees every control issued on any instance). Completes after ENDED,
 * or after the update in which the subscriber is no longer a participant. `return()` (the client
 * went away) runs `onClose` at once, even while waiting for the next event.
 */
export class JamEventStream implements AsyncIterableIterator<JamUpdate> {
  private readonly buffered: JamUpdate[] = [];
  /** Updates past a missing version, by version, until it arrives or the gap wait ends. */
  private readonly held = new Map<number, JamUpdate>();
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private waiting: ((result: IteratorResult<JamUpdate>) => void) | null = null;
  private lastVersion = Number.POSITIVE_INFINITY;
  private finishing = false;
  private closed = false;

  constructor(
    private readonly userId: string,
    private readonly onClose: () => Promise<void>,
    private readonly gapWaitMs = DEFAULT_GAP_WAIT_MS,
  ) {}

  /** Updates heard before the STATE is known are held, then kept only when newer than it. */
  readonly listener = (update: JamUpdate): void => {
    if (this.closed || this.finishing) return;
    if (this.lastVersion === Number.POSITIVE_INFINITY) this.buffered.push(update);
    else this.accept(update);
  };

  /** The first event: everything held that is not newer than it is dropped. */
  start(state: JamUpdate): void {
    const heard = this.buffered.splice(0).sort((a, b) => a.version - b.version);
    this.lastVersion = state.version;
    this.deliver(state);
    for (const update of heard) this.accept(update);
  }

  /** In order: the next version goes out (with any held ones it unblocks), a later one waits. */
  private accept(update: JamUpdate): void {
    if (this.finishing || update.version <= this.lastVersion) return;
    if (update.version > this.lastVersion + 1) {
      this.held.set(update.version, update);
      this.gapTimer ??= setTimeout(() => this.flushHeld(), this.gapWaitMs);
      return;
    }
    this.lastVersion = update.version;
    this.deliver(update);
    for (let next = this.held.get(this.lastVersion + 1); next;) {
      this.held.delete(next.version);
      this.lastVersion = next.version;
      this.deliver(next);
      next = this.held.get(this.lastVersion + 1);
    }
    if (this.held.size === 0) this.clearGapTimer();
  }

  /** The missing version did not come in time: what is held goes out, in version order. */
  private flushHeld(): void {
    this.gapTimer = undefined;
    const held = [...this.held.values()].sort((a, b) => a.version - b.version);
    this.held.clear();
    for (const update of held) {
      if (this.finishing || this.closed) return;
      this.lastVersion = update.version;
      this.deliver(update);
    }
  }

  private clearGapTimer(): void {
    clearTimeout(this.gapTimer);
    this.gapTimer = undefined;
  }

  private deliver(update: JamUpdate): void {
    if (this.lastVersion !== Number.POSITIVE_INFINITY && this.isLast(update)) this.finishing = true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: update, done: false });
    } else this.buffered.push(update);
  }

  private isLast(update: JamUpdate): boolean {
    return (
      update.state.endedAt !== null ||
      !update.state.participants.some((participant) => participant.userId === this.userId)
    );
  }

  next(): Promise<IteratorResult<JamUpdate>> {
    if (this.lastVersion !== Number.POSITIVE_INFINITY) {
      const update = this.buffered.shift();
      if (update) return Promise.resolve({ value: update, done: false });
    }
    if (this.closed || (this.finishing && this.buffered.length === 0)) return this.return();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async return(): Promise<IteratorResult<JamUpdate>> {
    if (!this.closed) {
      this.closed = true;
      this.clearGapTimer();
      this.held.clear();
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.({ value: undefined, done: true });
      await this.onClose();
    }
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<JamUpdate>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
