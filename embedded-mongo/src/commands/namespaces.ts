import { calculateObjectSize, type Document } from 'bson';
import { Query } from 'mingo';
import { MongoCommandError } from '../errors';
import { ID_INDEX_NAME, type Collection } from '../storage/collection';
import { validateDbName } from '../storage/engine';
import { collectionNameOf, cursorReply, optionalDocument, type CommandHandler } from './context';

function dataSize(coll: Collection): number {
  let size = 0;
  for (const doc of coll.docs.values()) size += calculateObjectSize(doc);
  return size;
}

export const create: CommandHandler = (cmd, ctx) => {
  const name = collectionNameOf(cmd, ctx);
  const options: Document = {};
  for (const [key, value] of Object.entries(cmd)) {
    if (
      key === 'create' ||
      key.startsWith('$') ||
      [
        'lsid',
        'writeConcern',
        'txnNumber',
        'apiVersion',
        'apiStrict',
        'apiDeprecationErrors',
        'comment',
      ].includes(key)
    )
      continue;
    options[key] = value;
  }
  if (options.timeseries || options.viewOn) {
    throw new MongoCommandError(
      'NotImplemented',
      'views and time-series collections are not supported by the embedded engine',
    );
  }
  if (options.capped === true) {
    const size: unknown = options.size;
    const bytes =
      typeof size === 'number' ? size : (size as { toNumber?: () => number })?.toNumber?.();
    if (typeof bytes !== 'number' || !(bytes > 0))
      throw new MongoCommandError(
        'InvalidOptions',
        "the 'size' field is required when 'capped' is true",
      );
  }
  ctx.engine.createCollection(ctx.dbName, name, options);
  return { ok: 1 };
};

export const drop: CommandHandler = (cmd, ctx) => {
  const name = collectionNameOf(cmd, ctx);
  const coll = ctx.engine.getCollection(ctx.dbName, name);
  if (!coll) return { ok: 1 };
  const nIndexesWas = coll.indexSpecs().length;
  ctx.engine.dropCollection(ctx.dbName, name);
  return { nIndexesWas, ns: coll.ns, ok: 1 };
};

export const dropDatabase: CommandHandler = (_cmd, ctx) => {
  ctx.engine.dropDatabase(ctx.dbName);
  return { dropped: ctx.dbName, ok: 1 };
};

export const listDatabases: CommandHandler = (cmd, ctx) => {
  const filter = optionalDocument(cmd, 'filter');
  let entries: Document[] = [...ctx.engine.databases.entries()].map(([name, colls]) => {
    let size = 0;
    for (const coll of colls.values()) size += dataSize(coll);
    return { name, sizeOnDisk: size, empty: size === 0 };
  });
  if (filter) {
    const query = new Query(filter, {});
    entries = entries.filter((e) => query.test(e));
  }
  if (cmd.nameOnly) return { databases: entries.map((e) => ({ name: e.name as string })), ok: 1 };
  const totalSize = entries.reduce((acc, e) => acc + (e.sizeOnDisk as number), 0);
  return { databases: entries, totalSize, totalSizeMb: Math.floor(totalSize / 1048576), ok: 1 };
};

export const listCollections: CommandHandler = (cmd, ctx) => {
  validateDbName(ctx.dbName);
  const filter = optionalDocument(cmd, 'filter');
  let entries: Document[] = ctx.engine.listCollections(ctx.dbName).map((coll) => ({
    name: coll.name,
    type: 'collection',
    options: coll.options,
    info: { readOnly: false, uuid: coll.uuid },
    idIndex: { v: 2, key: { _id: 1 }, name: ID_INDEX_NAME },
  }));
  if (filter) {
    const query = new Query(filter, {});
    entries = entries.filter((e) => query.test(e));
  }
  if (cmd.nameOnly) entries = entries.map((e) => ({ name: e.name as string, type: 'collection' }));
  const cursor = optionalDocument(cmd, 'cursor');
  const batchSize = typeof cursor?.batchSize === 'number' ? cursor.batchSize : undefined;
  return cursorReply(ctx, `${ctx.dbName}.$cmd.listCollections`, entries, batchSize);
};

function parseNamespace(value: unknown, field: string): [string, string] {
  if (typeof value !== 'string' || !value.includes('.')) {
    throw new MongoCommandError('InvalidNamespace', `Invalid ${field} namespace: ${String(value)}`);
  }
  const dot = value.indexOf('.');
  return [value.slice(0, dot), value.slice(dot + 1)];
}

export const renameCollection: CommandHandler = (cmd, ctx) => {
  if (ctx.dbName !== 'admin') {
    throw new MongoCommandError(
      'IllegalOperation',
      'renameCollection may only be run against the admin database.',
    );
  }
  const [fromDb, from] = parseNamespace(cmd.renameCollection, 'source');
  const [toDb, to] = parseNamespace(cmd.to, 'target');
  ctx.engine.rename(fromDb, from, toDb, to, cmd.dropTarget === true);
  return { ok: 1 };
};

export const dbStats: CommandHandler = (cmd, ctx) => {
  const colls = ctx.engine.listCollections(ctx.dbName);
  let objects = 0;
  let size = 0;
  let indexes = 0;
  for (const coll of colls) {
    objects += coll.docs.size;
    size += dataSize(coll);
    indexes += coll.indexSpecs().length;
  }
  const scale = typeof cmd.scale === 'number' && cmd.scale > 0 ? cmd.scale : 1;
  return {
    db: ctx.dbName,
    collections: colls.length,
    views: 0,
    objects,
    avgObjSize: objects ? size / objects : 0,
    dataSize: size / scale,
    storageSize: size / scale,
    indexes,
    indexSize: 0,
    totalSize: size / scale,
    scaleFactor: scale,
    ok: 1,
  };
};

export const collStats: CommandHandler = (cmd, ctx) => {
  const name = collectionNameOf(cmd, ctx);
  const coll = ctx.engine.getCollection(ctx.dbName, name);
  if (!coll) {
    throw new MongoCommandError(
      'NamespaceNotFound',
      `Collection [${ctx.dbName}.${name}] not found.`,
    );
  }
  const size = dataSize(coll);
  const indexSizes: Document = {};
  for (const spec of coll.indexSpecs()) indexSizes[spec.name] = 0;
  return {
    ns: coll.ns,
    count: coll.docs.size,
    size,
    avgObjSize: coll.docs.size ? Math.floor(size / coll.docs.size) : 0,
    storageSize: size,
    nindexes: coll.indexSpecs().length,
    totalIndexSize: 0,
    indexSizes,
    capped: coll.capped !== undefined,
    ...(coll.capped
      ? { maxSize: coll.capped.size, ...(coll.capped.max ? { max: coll.capped.max } : {}) }
      : {}),
    ok: 1,
  };
};

export const validate: CommandHandler = (cmd, ctx) => {
  const name = collectionNameOf(cmd, ctx);
  const coll = ctx.engine.getCollection(ctx.dbName, name);
  if (!coll)
    throw new MongoCommandError(
      'NamespaceNotFound',
      `Collection '${ctx.dbName}.${name}' does not exist to validate.`,
    );
  return {
    ns: coll.ns,
    nrecords: coll.docs.size,
    nIndexes: coll.indexSpecs().length,
    valid: true,
    errors: [],
    warnings: [],
    ok: 1,
  };
};

export const currentOpEmpty: CommandHandler = () => ({ inprog: [], ok: 1 });
