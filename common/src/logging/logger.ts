import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

/** What every log line written while handling one request carries. */
export interface RequestScope {
  requestId: string;
}

/** Holds the current request's scope so every log line in it gets `requestId`, however deep. */
export const requestScope = new AsyncLocalStorage<RequestScope>();

export interface LoggerOptions {
  service: string;
  level?: string;
  format?: 'json' | 'pretty';
  /** Where JSON lines go (default stdout); tests pass a stream to read them. */
  destination?: pino.DestinationStream;
}

/** JSON logs (one object per line) by default; readable, coloured lines with `format: 'pretty'`. */
export function createLogger({
  service,
  level = 'info',
  format = 'json',
  destination,
}: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const scope = requestScope.getStore();
      return scope ? { requestId: scope.requestId } : {};
    },
  };
  if (format === 'pretty') {
    return pino(options, pretty({ colorize: true, sync: true, ignore: 'pid,hostname,service' }));
  }
  return destination ? pino(options, destination) : pino(options);
}
