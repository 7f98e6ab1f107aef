import type { Logger } from 'pino';
import type { JamUpdate } from './jam-events';
import type { JamHub } from './jam-hub';
import type { JamService } from './jam.service';

/** When a state's current song ends while playing; null when nothing is due. */
export function endOfCurrentMs(update: JamUpdate): number | null {
  const { state } = update;
  if (!state.playing || state.endedAt !== null) return null;
  const current = state.queue.find((item) => item.id === state.currentItemId);
  if (current?.durationMs == null) return null;
  return state.serverTimeMs + Math.max(0, current.durationMs - state.positionMs);
}

/**
 * The automatic advance, on every instance: a timer per playing session at the end of its current
 * song (set from every update this instance hears, so all instances race for it), and a sweep of
 * due sessions for what no timer covers (sessions written before this instance started). Every
 * attempt is one compare-and-set on the version: exactly one instance advances.
 */
export class JamScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private unlisten: (() => void) | null = null;

  constructor(
    private readonly jams: JamService,
    private readonly hub: JamHub,
    private readonly sweepMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.unlisten = this.hub.listenAll((update) => this.schedule(update));
    this.sweepTimer = setInterval(() => void this.sweep(), this.sweepMs);
    this.sweepTimer.unref();
  }

  stop(): void {
    this.unlisten?.();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(update: JamUpdate): void {
    const existing = this.timers.get(update.sessionId);
    if (existing) clearTimeout(existing);
    this.timers.delete(update.sessionId);
    const endMs = endOfCurrentMs(update);
    if (endMs === null) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(update.sessionId);
        void this.advance(update.sessionId);
      },
      Math.max(0, endMs - Date.now()) + 1,
    );
    timer.unref();
    this.timers.set(update.sessionId, timer);
  }

  private async advance(sessionId: string): Promise<void> {
    try {
      await this.jams.advanceIfDue(sessionId);
    } catch (error) {
      this.logger.error({ err: error, sessionId }, 'jam advance failed');
    }
  }

  private async sweep(): Promise<void> {
    try {
      for (const sessionId of await this.jams.dueForAdvance(100)) await this.advance(sessionId);
    } catch (error) {
      this.logger.error({ err: error }, 'jam advance sweep failed');
    }
  }
}
