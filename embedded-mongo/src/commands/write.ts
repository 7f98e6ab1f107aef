import type { Document } from 'bson';
import { MongoCommandError, toCommandError } from '../errors';
import { matchDocuments } from '../query/matcher';
import { applyUpdate, buildUpsertDocument, classifyUpdate } from '../query/updates';
import { isPlainObject } from '../storage/values';
import { collectionNameOf, type CommandContext, type CommandHandler } from './context';

function arrayField(cmd: Document, field: string): Document[] {
  const value: unknown = cmd[field];
  if (!Array.isArray(value)) {
    throw new MongoCommandError(
      'FailedToParse',
      `BSON field '${Object.keys(cmd)[0] as string}.${field}' is missing but a required field`,
    );
  }
  for (const item of value) {
    if (!isPlainObject(item))
      throw new MongoCommandError(
        'TypeMismatch',
        `BSON field '${field}' must be an array of objects`,
      );
  }
  return value as Document[];
}

function writeReply(n: number, writeErrors: Document[], extra: Document = {}): Document {
  const reply: Document = { n, ...extra };
  if (writeErrors.length > 0) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
}

export const insert: CommandHandler = (cmd, ctx) => {
  const name = collectionNameOf(cmd, ctx);
  const docs = arrayField(cmd, 'documents');
  const ordered = cmd.ordered !== false;
  const writeErrors: Document[] = [];
  let n = 0;
  if (docs.length === 0) return writeReply(0, []);
  const coll = ctx.engine.ensureCollection(ctx.dbName, name);
  docs.forEach((doc, index) => {
    if (ordered && writeErrors.length > 0) return;
    try {
      coll.insert(doc);
      n += 1;
    } catch (err) {
      writeErrors.push(toCommandError(err).toWriteError(index));
    }
  });
  return writeReply(n, writeErrors);
};

interface UpdateStatement {
  q: Document;
  u: unknown;
  upsert?: boolean;
  multi?: boolean;
  arrayFilters?: Document[];
  collation?: Document;
}

export const update: CommandHandler = (cmd, ctx) => {
  const name = collectionNameOf(cmd, ctx);
  const statements = arrayField(cmd, 'updates') as unknown as UpdateStatement[];
  const ordered = cmd.ordered !== false;
  const writeErrors: Document[] = [];
  const upserted: Document[] = [];
  let n = 0;
  let nModified = 0;
  statements.forEach((stmt, index) => {
    if (ordered && writeErrors.length > 0) return;
    try {
      if (!isPlainObject(stmt.q))
        throw new MongoCommandError(
          'TypeMismatch',
          "BSON field 'update.updates.q' is missing but a required field",
        );
      if (stmt.u === undefined)
        throw new MongoCommandError(
          'FailedToParse',
          "BSON field 'update.updates.u' is missing but a required field",
        );
      if (stmt.multi && classifyUpdate(stmt.u) === 'replacement') {
        throw new MongoCommandError(
          'FailedToParse',
          'multi update is not supported for replacement-style update',
        );
      }
      const result = runUpdate(ctx, name, stmt);
      n += result.n;
      nModified += result.nModified;
      if (result.upsertedId !== undefined) upserted.push({ index, _id: result.upsertedId });
    } catch (err) {
      writeErrors.push(toCommandError(err).toWriteError(index));
    }
  });
  const extra: Document = { nModified };
  if (upserted.length > 0) extra.upserted = upserted;
  return writeReply(n, writeErrors, extra);
};

function runUpdate(
  ctx: CommandContext,
  name: string,
  stmt: UpdateStatement,
): { n: number; nModified: number; upsertedId?: unknown } {
  const coll = ctx.engine.getCollection(ctx.dbName, name);
  const arrayFilters = Array.isArray(stmt.arrayFilters) ? stmt.arrayFilters : undefined;
  const matches = coll
    ? matchDocuments(coll, {
        filter: stmt.q,
        limit: stmt.multi ? 0 : 1,
        ...(stmt.collation ? { collation: stmt.collation } : {}),
      }).matches
    : [];
  if (matches.length === 0) {
    if (!stmt.upsert) return { n: 0, nModified: 0 };
    const target = coll ?? ctx.engine.ensureCollection(ctx.dbName, name);
    const doc = target.insert(buildUpsertDocument(stmt.q, stmt.u, arrayFilters));
    return { n: 1, nModified: 0, upsertedId: doc._id };
  }
  let nModified = 0;
  for (const [id, doc] of matches) {
    const result = applyUpdate(doc, stmt.u, {
      filter: stmt.q,
      ...(arrayFilters ? { arrayFilters } : {}),
    });
    if (result.changed) {
      coll?.replace(id, result.doc);
      nModified += 1;
    }
  }
  return { n: matches.length, nModified };
}

interface DeleteStatement {
  q: Document;
  limit?: number;
  collation?: Document;
}

export const deleteCommand: CommandHandler = (cmd, ctx) => {
  const name = collectionNameOf(cmd, ctx);
  const statements = arrayField(cmd, 'deletes') as unknown as DeleteStatement[];
  const ordered = cmd.ordered !== false;
  const writeErrors: Document[] = [];
  let n = 0;
  const coll = ctx.engine.getCollection(ctx.dbName, name);
  statements.forEach((stmt, index) => {
    if (ordered && writeErrors.length > 0) return;
    try {
      if (!isPlainObject(stmt.q))
        throw new MongoCommandError(
          'TypeMismatch',
          "BSON field 'delete.deletes.q' is missing but a required field",
        );
      const limit = Number(stmt.limit ?? 0);
      if (limit !== 0 && limit !== 1)
        throw new MongoCommandError(
          'BadValue',
          `The limit field in delete objects must be 0 or 1. Got ${limit}`,
        );
      if (!coll) return;
      const { matches } = matchDocuments(coll, {
        filter: stmt.q,
        limit,
        ...(stmt.collation ? { collation: stmt.collation } : {}),
      });
      for (const [id] of matches) if (coll.remove(id)) n += 1;
    } catch (err) {
      writeErrors.push(toCommandError(err).toWriteError(index));
    }
  });
  return writeReply(n, writeErrors);
};
