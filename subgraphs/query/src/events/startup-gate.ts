/**
 * Opens once this replica's in-process state is rebuilt from the read model. Events heard before
 * then wait for it (applying them to a half-built index could be overwritten by an older snapshot
 * the rebuild reads later); a failed rebuild fails them too, so a stopping subscriber never hangs.
 */
export class StartupGate {
  private state: 'waiting' | 'open' | 'failed' = 'waiting';
  private readonly settled: Promise<void>;
  private resolve!: () => void;
  private reject!: (error: Error) => void;

  constructor() {
    this.settled = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Nobody may be waiting when it fails: no unhandled rejection then.
    this.settled.catch(() => undefined);
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  open(): void {
    if (this.state !== 'waiting') return;
    this.state = 'open';
    this.resolve();
  }

  fail(error: Error): void {
    if (this.state !== 'waiting') return;
    this.state = 'failed';
    this.reject(new Error(`the replica did not start: ${error.message}`));
  }

  /** Resolves at once when open; otherwise once the rebuild is done (rejects if it failed). */
  passed(): Promise<void> {
    return this.settled;
  }
}
