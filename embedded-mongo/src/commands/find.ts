import { Long } from 'bson';
import { MongoCommandError } from '../errors';
import { matchDocuments, projectDocuments } from '../query/matcher';
import { canonicalKey, valuesAtPath } from '../storage/values';
import {
  collectionNameOf,
  cursorReply,
  optionalDocument,
  optionalNumber,
  type AsyncCommandHandler,
  type CommandHandler,
} from './context';
import { checkTailableOptions, tailableFind, tailableGetMore } from './tailable';

export const find: CommandHandler = (cmd, ctx) => {
  const name = collectionNameOf(cmd, ctx);
  const ns = `${ctx.dbName}.${name}`;
  const filter = optionalDocument(cmd, 'filter') ?? {};
  const sort = optionalDocument(cmd, 'sort');
  const projection = optionalDocument(cmd, 'projection');
  const collation = optionalDocument(cmd, 'collation');
  const skip = optionalNumber(cmd, 'skip') ?? 0;
  const rawLimit = optionalNumber(cmd, 'limit') ?? 0;
  const batchSize = optionalNumber(cmd, 'batchSize');
  if (skip < 0)
    throw new MongoCommandError(
      'BadValue',
      `skip value must be non-negative, but received: ${skip}`,
    );
  if (batchSize !== undefined && batchSize < 0)
    throw new MongoCommandError(
      'BadValue',
      `batchSize value must be non-negative, but received: ${batchSize}`,
    );
  const singleBatch = cmd.singleBatch === true || rawLimit < 0;
  const limit = Math.abs(rawLimit);
  const coll = ctx.engine.getCollection(ctx.dbName, name);
  if (checkTailableOptions(cmd, coll)) return tailableFind(cmd, ctx, coll, ns, batchSize);
  if (!coll) return cursorReply(ctx, ns, [], batchSize);
  const { matches } = matchDocuments(coll, {
    filter,
    skip,
    limit,
    ...(sort ? { sort } : {}),
    ...(collation ? { collation } : {}),
  });
  const docs = projectDocuments(
    matches.map(([, doc]) => doc),
    projection,
    filter,
  );
  const effectiveBatch = singleBatch && batchSize === undefined ? docs.length : batchSize;
  return cursorReply(ctx, ns, docs, effectiveBatch, singleBatch);
};

export const getMore: AsyncCommandHandler = (cmd, ctx) => {
  const rawId: unknown = cmd.getMore;
  const id = typeof rawId === 'number' ? rawId : rawId instanceof Long ? rawId.toNumber() : NaN;
  if (Number.isNaN(id))
    throw new MongoCommandError('TypeMismatch', "Field 'getMore' must be of type long");
  const collection = typeof cmd.collection === 'string' ? cmd.collection : undefined;
  const ns = collection ? `${ctx.dbName}.${collection}` : undefined;
  const batchSize = optionalNumber(cmd, 'batchSize');
  if (ctx.cursors.tailable(id, ns)) return tailableGetMore(cmd, ctx, id, ns, batchSize);
  const result = ctx.cursors.next(id, ns, batchSize);
  if (!result) throw new MongoCommandError('CursorNotFound', `cursor id ${id} not found`);
  return {
    cursor: {
      nextBatch: result.batch,
      id: result.exhausted ? Long.ZERO : Long.fromNumber(id),
      ns: result.ns,
    },
    ok: 1,
  };
};

export const killCursors: CommandHandler = (cmd, ctx) => {
  const ids = Array.isArray(cmd.cursors) ? (cmd.cursors as unknown[]) : [];
  const killed: Long[] = [];
  const notFound: Long[] = [];
  for (const raw of ids) {
    const id = typeof raw === 'number' ? raw : raw instanceof Long ? raw.toNumber() : NaN;
    (ctx.cursors.kill(id) ? killed : notFound).push(Long.fromNumber(id));
  }
  return {
    cursorsKilled: killed,
    cursorsNotFound: notFound,
    cursorsAlive: [],
    cursorsUnknown: [],
    ok: 1,
  };
};

export const count: CommandHandler = (cmd, ctx) => {
  const coll = ctx.engine.getCollection(ctx.dbName, collectionNameOf(cmd, ctx));
  if (!coll) return { n: 0, ok: 1 };
  const query = optionalDocument(cmd, 'query') ?? {};
  const skip = optionalNumber(cmd, 'skip') ?? 0;
  const limit = Math.abs(optionalNumber(cmd, 'limit') ?? 0);
  if (Object.keys(query).length === 0) {
    const total = Math.max(0, coll.docs.size - skip);
    return { n: limit > 0 ? Math.min(limit, total) : total, ok: 1 };
  }
  const collation = optionalDocument(cmd, 'collation');
  const { matches } = matchDocuments(coll, {
    filter: query,
    skip,
    limit,
    ...(collation ? { collation } : {}),
  });
  return { n: matches.length, ok: 1 };
};

export const distinct: CommandHandler = (cmd, ctx) => {
  const key = cmd.key;
  if (typeof key !== 'string')
    throw new MongoCommandError(
      'FailedToParse',
      "BSON field 'distinct.key' is missing but a required field",
    );
  const coll = ctx.engine.getCollection(ctx.dbName, collectionNameOf(cmd, ctx));
  if (!coll) return { values: [], ok: 1 };
  const query = optionalDocument(cmd, 'query') ?? {};
  const collation = optionalDocument(cmd, 'collation');
  const { matches } = matchDocuments(coll, { filter: query, ...(collation ? { collation } : {}) });
  const seen = new Set<string>();
  const values: unknown[] = [];
  for (const [, doc] of matches) {
    for (const raw of valuesAtPath(doc, key)) {
      const items = Array.isArray(raw) ? raw : [raw];
      for (const value of items) {
        if (value === undefined) continue;
        const k = canonicalKey(value);
        if (seen.has(k)) continue;
        seen.add(k);
        values.push(value);
      }
    }
  }
  return { values, ok: 1 };
};
