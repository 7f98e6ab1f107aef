import type { Document } from 'bson';
import { MongoCommandError, toCommandError } from '../errors';
import { aggregate } from './aggregate';
import type { AsyncCommandHandler, CommandContext, CommandHandler, ServerStats } from './context';
import { explain } from './explain';
import { count, distinct, find, getMore, killCursors } from './find';
import { findAndModify } from './find-and-modify';
import {
  buildInfo,
  connectionStatus,
  getCmdLineOpts,
  getLastError,
  getLog,
  getParameter,
  hello,
  hostInfo,
  okReply,
  ping,
  serverStatus,
  whatsmyuri,
} from './handshake';
import { collMod, createIndexes, dropIndexes, listIndexes } from './indexes';
import {
  collStats,
  create,
  currentOpEmpty,
  dbStats,
  drop,
  dropDatabase,
  listCollections,
  listDatabases,
  renameCollection,
  validate,
} from './namespaces';
import { deleteCommand, insert, update } from './write';

const HANDLERS: Record<string, CommandHandler | AsyncCommandHandler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping,
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  connectionStatus,
  serverStatus,
  hostInfo,
  whatsmyuri,
  getCmdLineOpts,
  getLog,
  getLastError,
  getlasterror: getLastError,
  endSessions: okReply,
  killAllSessions: okReply,
  killAllSessionsByPattern: okReply,
  killSessions: okReply,
  refreshSessions: okReply,
  startSession: okReply,
  abortTransaction: okReply,
  logout: okReply,
  setFeatureCompatibilityVersion: okReply,
  currentOp: currentOpEmpty,
  listDatabases,
  listCollections,
  create,
  drop,
  dropDatabase,
  renameCollection,
  dbStats,
  collStats,
  validate,
  insert,
  find,
  getMore,
  killCursors,
  update,
  delete: deleteCommand,
  findAndModify,
  findandmodify: findAndModify,
  count,
  distinct,
  aggregate,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
  collMod,
  explain,
};

const TRANSACTION_TOLERANT = new Set([
  'abortTransaction',
  'endSessions',
  'killAllSessions',
  'killSessions',
]);

/** Names of all commands the engine answers. */
export const supportedCommands = Object.keys(HANDLERS);

/** Counts a command as serverStatus shows it (`opcounters`, `metrics.commands`). */
function countCommand(stats: ServerStats, name: string, cmd: Document): void {
  stats.commands.set(name, (stats.commands.get(name) ?? 0) + 1);
  const { opcounters } = stats;
  const many = (field: string): number => {
    const value: unknown = cmd[field];
    return Array.isArray(value) ? value.length : 1;
  };
  if (name === 'insert') opcounters.insert += many('documents');
  else if (name === 'update') opcounters.update += many('updates');
  else if (name === 'delete') opcounters.delete += many('deletes');
  else if (name === 'find') opcounters.query += 1;
  else if (name === 'getMore') opcounters.getmore += 1;
  else opcounters.command += 1;
}

/**
 * Runs one command document and returns the reply document (errors included, never rejects). Only a
 * getMore on a tailable awaitData cursor answers later (a promise).
 */
export function runCommand(cmd: Document, ctx: CommandContext): Document | Promise<Document> {
  const name = Object.keys(cmd)[0];
  try {
    if (name === undefined) throw new MongoCommandError('FailedToParse', 'Empty command object');
    const handler = Object.prototype.hasOwnProperty.call(HANDLERS, name)
      ? HANDLERS[name]
      : undefined;
    if (!handler) {
      ctx.logger.warn('unknown command', { command: name, db: ctx.dbName });
      throw new MongoCommandError('CommandNotFound', `no such command: '${name}'`);
    }
    countCommand(ctx.stats, name, cmd);
    if (
      (cmd.txnNumber !== undefined ||
        cmd.startTransaction !== undefined ||
        cmd.autocommit !== undefined) &&
      !TRANSACTION_TOLERANT.has(name)
    ) {
      throw new MongoCommandError(
        'IllegalOperation',
        'Transaction numbers are only allowed on a replica set member or mongos',
      );
    }
    return handler(cmd, ctx);
  } catch (err) {
    const error = toCommandError(err);
    if (!(err instanceof MongoCommandError))
      ctx.logger.error('command failed', { command: name, error: error.message });
    return error.toReply();
  }
}
