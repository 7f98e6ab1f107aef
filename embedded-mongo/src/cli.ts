#!/usr/bin/env node
import { jsonLineLogger } from './logger';
import { startEmbeddedMongo, type EmbeddedMongo } from './server';

interface CliArgs {
  host: string;
  port: number;
  dataDir?: string;
}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { host: '127.0.0.1', port: 27017 };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) throw new Error(`missing value for ${String(flag)}`);
      i += 1;
      return value;
    };
    if (flag === '--host') args.host = need();
    else if (flag === '--port') {
      const port = Number(need());
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`invalid port: ${String(value)}`);
      args.port = port;
    } else if (flag === '--data-dir') args.dataDir = need();
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(
        'usage: groovy-mongo [--host 127.0.0.1] [--port 27017] [--data-dir DIR]\n',
      );
      process.exit(0);
    } else throw new Error(`unknown argument: ${String(flag)}`);
  }
  return args;
}

async function main(): Promise<void> {
  const logger = jsonLineLogger((line) => process.stdout.write(line));
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`groovy-mongo: ${(err as Error).message}\n`);
    process.exit(2);
  }
  // Signal handlers go in before listening, so there is no window where SIGTERM kills us uncleanly.
  let mongo: EmbeddedMongo | undefined;
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    void (mongo ? mongo.stop() : Promise.resolve()).then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  try {
    mongo = await startEmbeddedMongo({
      host: args.host,
      port: args.port,
      ...(args.dataDir ? { dataDir: args.dataDir } : {}),
      logger,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const msg =
      e.code === 'EADDRINUSE' ? `port ${args.port} on ${args.host} is already in use` : e.message;
    process.stderr.write(
      `${JSON.stringify({ level: 'error', service: 'mongo', msg: `cannot start: ${msg}` })}\n`,
    );
    process.exit(1);
  }
  if (stopping) {
    await mongo.stop();
    process.exit(0);
  }
  logger.info('listening', { url: mongo.url });
}

void main();
