import { Long, type Document } from 'bson';
import { takeBatch, type CursorRegistry } from '../cursors';
import { MongoCommandError } from '../errors';
import type { Logger } from '../logger';
import type { Collection } from '../storage/collection';
import { validateCollectionName, type StorageEngine } from '../storage/engine';

/** Everything a command handler may use. */
export interface CommandContext {
  engine: StorageEngine;
  cursors: CursorRegistry;
  logger: Logger;
  dbName: string;
  connectionId: number;
  startedAt: Date;
  port: number;
  host: string;
  /** Counters shown by serverStatus (shared by every connection). */
  stats: ServerStats;
}

/** What serverStatus counts: operations like mongod's `opcounters`, and every command by name. */
export interface ServerStats {
  opcounters: Record<'insert' | 'query' | 'update' | 'delete' | 'getmore' | 'command', number>;
  commands: Map<string, number>;
}

export function newServerStats(): ServerStats {
  return {
    opcounters: { insert: 0, query: 0, update: 0, delete: 0, getmore: 0, command: 0 },
    commands: new Map(),
  };
}

export type CommandHandler = (cmd: Document, ctx: CommandContext) => Document;

/** A command that may answer later (a getMore waiting for data on a tailable cursor). */
export type AsyncCommandHandler = (
  cmd: Document,
  ctx: CommandContext,
) => Document | Promise<Document>;

/** The collection name given as the value of the command's first field. */
export function collectionNameOf(cmd: Document, ctx: CommandContext): string {
  const name: unknown = cmd[Object.keys(cmd)[0] as string];
  if (typeof name !== 'string') {
    throw new MongoCommandError(
      'InvalidNamespace',
      `collection name has invalid type ${name === null ? 'null' : typeof name}`,
    );
  }
  return validateCollectionName(ctx.dbName, name);
}

export function getCollection(cmd: Document, ctx: CommandContext): Collection | undefined {
  return ctx.engine.getCollection(ctx.dbName, collectionNameOf(cmd, ctx));
}

export function optionalDocument(cmd: Document, field: string): Document | undefined {
  const value: unknown = cmd[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new MongoCommandError(
      'TypeMismatch',
      `BSON field '${field}' is the wrong type '${Array.isArray(value) ? 'array' : typeof value}', expected type 'object'`,
    );
  }
  return value as Document;
}

export function optionalNumber(cmd: Document, field: string): number | undefined {
  const value: unknown = cmd[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (value instanceof Long) return value.toNumber();
  throw new MongoCommandError(
    'TypeMismatch',
    `BSON field '${field}' is the wrong type '${typeof value}', expected a number`,
  );
}

/** Builds the { cursor: { id, ns, firstBatch } } reply, registering a cursor if documents remain. */
export function cursorReply(
  ctx: CommandContext,
  ns: string,
  docs: Document[],
  batchSize: number | undefined,
  singleBatch = false,
): Document {
  const size = batchSize === undefined ? 101 : batchSize;
  const first = size === 0 ? [] : takeBatch(docs, 0, size);
  let id = Long.ZERO;
  if (!singleBatch && first.length < docs.length) id = ctx.cursors.open(ns, docs, first.length);
  return { cursor: { firstBatch: first, id, ns }, ok: 1 };
}
