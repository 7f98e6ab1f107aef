import type { Logger } from 'pino';

/** Signals this close after the first are the same request delivered twice (see below). */
const DUPLICATE_SIGNAL_WINDOW_MS = 1_000;

/**
 * SIGTERM/SIGINT → `stop()` then exit 0 (1 if stopping failed). A second signal while stopping
 * exits at once, so a stuck stop can always be interrupted — except within a second of the first:
 * a service run through `npm run` gets the group's signal and npm's forwarded copy of it.
 */
export function exitOnShutdownSignals(stop: () => Promise<void>, logger: Logger): void {
  let stoppingSince: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < DUPLICATE_SIGNAL_WINDOW_MS) return;
      logger.warn({ signal }, 'second signal while stopping: exiting now');
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info({ signal }, 'shutdown signal received');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'graceful shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
