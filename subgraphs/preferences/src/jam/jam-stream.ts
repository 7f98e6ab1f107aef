import type { JamUpdate } from './jam-events';

/**
 * One subscriber's Jam events: a STATE first, then every update of a higher version (each version
 * once, whether it came from this instance's own write or from the bus). Completes after ENDED, or
 * after the update in which the subscriber is no longer a participant. `return()` (the client went
 * away) runs `onClose` at once, even while waiting for the next event.
 */
export class JamEventStream implements AsyncIterableIterator<JamUpdate> {
  private readonly buffered: JamUpdate[] = [];
  private waiting: ((result: IteratorResult<JamUpdate>) => void) | null = null;
  private lastVersion = Number.POSITIVE_INFINITY;
  private finishing = false;
  private closed = false;

  constructor(
    private readonly userId: string,
    private readonly onClose: () => Promise<void>,
  ) {}

  /** Updates heard before the STATE is known are held, then kept only when newer than it. */
  readonly listener = (update: JamUpdate): void => {
    if (this.closed || this.finishing) return;
    if (this.lastVersion !== Number.POSITIVE_INFINITY && update.version <= this.lastVersion) return;
    if (this.lastVersion !== Number.POSITIVE_INFINITY) this.lastVersion = update.version;
    this.deliver(update);
  };

  /** The first event: everything held that is not newer than it is dropped. */
  start(state: JamUpdate): void {
    const newer = this.buffered
      .filter((update) => update.version > state.version)
      .sort((a, b) => a.version - b.version);
    const unique = newer.filter((update, index) => newer[index - 1]?.version !== update.version);
    this.buffered.length = 0;
    this.lastVersion = state.version;
    this.deliver(state);
    for (const update of unique) {
      this.lastVersion = update.version;
      this.deliver(update);
    }
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
