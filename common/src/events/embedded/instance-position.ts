import type { SubscriberPosition } from './consumer-lease';

/**
 * The position of a live subscriber (`subscribe({ live: true })`): held by this instance alone, in
 * memory, starting at the end of the log as it was when the subscriber started. Nothing is shared
 * with other instances (each hears every event) and nothing outlives the process (no checkpoint
 * document to clean up after a crash).
 */
export class InstancePosition implements SubscriberPosition {
  private seq: number;

  constructor(startAfter: number) {
    this.seq = startAfter;
  }

  async acquire(): Promise<{ seq: number }> {
    return { seq: this.seq };
  }

  async renew(): Promise<boolean> {
    return true;
  }

  async saveCheckpoint(seq: number): Promise<boolean> {
    this.seq = seq;
    return true;
  }

  async release(): Promise<void> {}
}
