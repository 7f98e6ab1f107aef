import type { Document } from 'bson';
import { MongoCommandError, toCommandError } from '../errors';
import { aggregate } from './aggregate';
import type { CommandContext, CommandHandler } from './context';
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

const HANDLERS: Record<string, CommandHandler> = {
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

/** Runs one command document and returns the reply document (errors included, never throws). */
export function runCommand(cmd: Document, ctx: CommandContext): Document {
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
