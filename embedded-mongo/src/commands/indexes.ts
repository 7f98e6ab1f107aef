import type { Document } from 'bson';
import { MongoCommandError } from '../errors';
import { isPlainObject } from '../storage/values';
import { collectionNameOf, cursorReply, optionalDocument, type CommandHandler } from './context';

export const createIndexes: CommandHandler = (cmd, ctx) => {
  const name = collectionNameOf(cmd, ctx);
  const specs: unknown = cmd.indexes;
  if (!Array.isArray(specs) || specs.length === 0) {
    throw new MongoCommandError('BadValue', 'Must specify at least one index to create');
  }
  const existed = ctx.engine.getCollection(ctx.dbName, name) !== undefined;
  const coll = ctx.engine.ensureCollection(ctx.dbName, name);
  const before = coll.indexSpecs().length;
  let created = 0;
  for (const spec of specs) {
    if (!isPlainObject(spec))
      throw new MongoCommandError('TypeMismatch', 'index specification must be an object');
    if (coll.createIndex(spec)) created += 1;
  }
  const reply: Document = {
    numIndexesBefore: before,
    numIndexesAfter: coll.indexSpecs().length,
    createdCollectionAutomatically: !existed,
  };
  if (created === 0) reply.note = 'all indexes already exist';
  reply.ok = 1;
  return reply;
};

export const listIndexes: CommandHandler = (cmd, ctx) => {
  const name = collectionNameOf(cmd, ctx);
  const coll = ctx.engine.getCollection(ctx.dbName, name);
  if (!coll)
    throw new MongoCommandError('NamespaceNotFound', `ns does not exist: ${ctx.dbName}.${name}`);
  const cursor = optionalDocument(cmd, 'cursor');
  const batchSize = typeof cursor?.batchSize === 'number' ? cursor.batchSize : undefined;
  return cursorReply(
    ctx,
    coll.ns,
    coll.indexSpecs().map((spec) => ({ ...spec })),
    batchSize,
  );
};

export const dropIndexes: CommandHandler = (cmd, ctx) => {
  const name = collectionNameOf(cmd, ctx);
  const coll = ctx.engine.getCollection(ctx.dbName, name);
  if (!coll) throw new MongoCommandError('NamespaceNotFound', `ns not found ${ctx.dbName}.${name}`);
  const nIndexesWas = coll.indexSpecs().length;
  const target: unknown = cmd.index;
  if (target === '*') {
    coll.dropAllIndexes();
  } else if (typeof target === 'string') {
    coll.dropIndex(target);
  } else if (Array.isArray(target)) {
    for (const item of target)
      if (typeof item !== 'string' || !coll.getIndex(item)) coll.dropIndex(String(item));
    for (const item of target) coll.dropIndex(item as string);
  } else if (isPlainObject(target)) {
    const indexName = coll.findIndexNameByKey(target);
    if (!indexName)
      throw new MongoCommandError(
        'IndexNotFound',
        `can't find index with key: ${JSON.stringify(target)}`,
      );
    coll.dropIndex(indexName);
  } else {
    throw new MongoCommandError('TypeMismatch', "BSON field 'dropIndexes.index' is the wrong type");
  }
  return { nIndexesWas, ok: 1 };
};

/** collMod: changes TTL / hidden on an index, stores other options. */
export const collMod: CommandHandler = (cmd, ctx) => {
  const name = collectionNameOf(cmd, ctx);
  const coll = ctx.engine.getCollection(ctx.dbName, name);
  if (!coll)
    throw new MongoCommandError('NamespaceNotFound', `ns does not exist: ${ctx.dbName}.${name}`);
  const reply: Document = {};
  const indexChange = optionalDocument(cmd, 'index');
  if (indexChange) {
    const indexName =
      typeof indexChange.name === 'string'
        ? indexChange.name
        : isPlainObject(indexChange.keyPattern)
          ? coll.findIndexNameByKey(indexChange.keyPattern)
          : undefined;
    const index = indexName ? coll.getIndex(indexName) : undefined;
    if (!index)
      throw new MongoCommandError(
        'IndexNotFound',
        `cannot find index ${JSON.stringify(indexChange.name ?? indexChange.keyPattern)} for ns ${coll.ns}`,
      );
    if (typeof indexChange.expireAfterSeconds === 'number') {
      reply.expireAfterSeconds_old = index.spec.expireAfterSeconds;
      index.spec.expireAfterSeconds = indexChange.expireAfterSeconds;
      reply.expireAfterSeconds_new = indexChange.expireAfterSeconds;
    }
    if (typeof indexChange.hidden === 'boolean') {
      reply.hidden_old = index.spec.hidden === true;
      index.spec.hidden = indexChange.hidden;
      reply.hidden_new = indexChange.hidden;
    }
  }
  for (const key of ['validator', 'validationLevel', 'validationAction']) {
    if (cmd[key] !== undefined) coll.options[key] = cmd[key];
  }
  coll.version += 1;
  reply.ok = 1;
  return reply;
};
