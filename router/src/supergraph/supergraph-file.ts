import { EventEmitter } from 'node:events';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@groovy/common/logging';

export interface SupergraphFileEvents {
  /** A new supergraph is serving (`hash` of its text). */
  updated: [{ hash: string }];
  /** A changed file was refused; the previous supergraph keeps serving. */
  rejected: [{ hash: string; error: Error }];
}

export interface SupergraphFile {
  /** The gateway's `supergraphSdl` option: initial load, then `update` on each change. */
  hook: SupergraphSdlHook;
  events: EventEmitter<SupergraphFileEvents>;
  /** The supergraph text currently serving. */
  current(): string | undefined;
}

export interface SupergraphFileOptions {
  path: string;
  watch: boolean;
  logger: Logger;
  /** Extra check before an update is applied (e.g. the subgraph list must parse). */
  validate?(sdl: string): void;
  /** Called after a new supergraph is serving. */
  onApplied?(sdl: string): void;
  debounceMs?: number;
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * Serves the composed supergraph from a file and hot-swaps it when the file changes. The folder is
 * watched (editors and `mv` replace files, which a watch on the file itself would miss); changes are
 * debounced, and an unchanged text is ignored. A broken file — unreadable, not GraphQL, or refused by
 * the gateway — is logged and skipped: the schema already serving stays.
 */
export function supergraphFile(options: SupergraphFileOptions): SupergraphFile {
  const { logger, debounceMs = 75 } = options;
  const file = path.resolve(options.path);
  const events = new EventEmitter<SupergraphFileEvents>();
  let currentSdl: string | undefined;

  function read(): string {
    const sdl = fs.readFileSync(file, 'utf8');
    options.validate?.(sdl);
    return sdl;
  }

  const hook: SupergraphSdlHook = async ({ update }) => {
    let initial: string;
    try {
      initial = read();
    } catch (error) {
      throw new Error(
        `cannot load the supergraph from ${file}: ${(error as Error).message} ` +
          '(compose it with the schemas script, or set SUPERGRAPH_PATH)',
        { cause: error },
      );
    }
    currentSdl = initial;
    logger.info({ path: file, hash: hashOf(initial) }, 'supergraph loaded');
    options.onApplied?.(initial);
    if (!options.watch) return { supergraphSdl: initial };

    let timer: NodeJS.Timeout | undefined;
    const reload = () => {
      timer = undefined;
      let sdl: string;
      try {
        sdl = fs.readFileSync(file, 'utf8');
      } catch (error) {
        // Mid-replace (deleted before the new file lands): the next event brings it back.
        logger.warn(
          { path: file, err: error },
          'supergraph file unreadable; keeping the current schema',
        );
        return;
      }
      if (sdl === currentSdl) return;
      const hash = hashOf(sdl);
      try {
        options.validate?.(sdl);
        update(sdl);
      } catch (error) {
        logger.error(
          { path: file, hash, err: error },
          'refused the new supergraph; the previous schema keeps serving',
        );
        events.emit('rejected', { hash, error: error as Error });
        return;
      }
      currentSdl = sdl;
      logger.info({ path: file, hash }, 'supergraph reloaded');
      options.onApplied?.(sdl);
      events.emit('updated', { hash });
    };
    const watcher = fs.watch(path.dirname(file), (_event, name) => {
      if (name !== null && name !== path.basename(file)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(reload, debounceMs);
    });
    watcher.on('error', (error) => logger.error({ err: error }, 'supergraph watcher failed'));
    return {
      supergraphSdl: initial,
      cleanup: async () => {
        if (timer) clearTimeout(timer);
        watcher.close();
      },
    };
  };

  return { hook, events, current: () => currentSdl };
}
