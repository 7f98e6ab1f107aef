/** The logger interface accepted by startEmbeddedMongo (a subset of the platform's logger). */
export interface Logger {
  info(msg: string, fields?: object): void;
  warn(msg: string, fields?: object): void;
  error(msg: string, fields?: object): void;
}

/** A logger that drops everything (the library default). */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A logger printing one JSON line per entry (used by the CLI). */
export function jsonLineLogger(write: (line: string) => void, service = 'mongo'): Logger {
  const emit = (level: string, msg: string, fields?: object): void => {
    write(`${JSON.stringify({ level, service, msg, ...(fields ?? {}) })}\n`);
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}
