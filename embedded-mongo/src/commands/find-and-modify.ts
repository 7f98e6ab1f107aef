import type { Document } from 'bson';
import { MongoCommandError } from '../errors';
import { matchDocuments, projectDocuments } from '../query/matcher';
import { applyUpdate, buildUpsertDocument, classifyUpdate } from '../query/updates';
import { collectionNameOf, optionalDocument, type CommandHandler } from './context';

export const findAndModify: CommandHandler = (cmd, ctx) => {
  const name = collectionNameOf(cmd, ctx);
  const filter = optionalDocument(cmd, 'query') ?? {};
  const sort = optionalDocument(cmd, 'sort');
  const projection = optionalDocument(cmd, 'fields') ?? optionalDocument(cmd, 'projection');
  const collation = optionalDocument(cmd, 'collation');
  const remove = cmd.remove === true;
  const updateSpec: unknown = cmd.update;
  const returnNew = cmd.new === true;
  const upsert = cmd.upsert === true;
  const arrayFilters = Array.isArray(cmd.arrayFilters)
    ? (cmd.arrayFilters as Document[])
    : undefined;
  if (remove && updateSpec !== undefined)
    throw new MongoCommandError('FailedToParse', 'Cannot specify both an update and remove=true');
  if (!remove && updateSpec === undefined)
    throw new MongoCommandError(
      'FailedToParse',
      'Either an update or remove=true must be specified',
    );
  if (remove && (upsert || returnNew))
    throw new MongoCommandError('FailedToParse', 'Cannot specify both upsert=true and remove=true');
  if (!remove) classifyUpdate(updateSpec);

  const coll = ctx.engine.getCollection(ctx.dbName, name);
  const project = (doc: Document | null): Document | null =>
    doc ? (projectDocuments([doc], projection)[0] ?? null) : null;
  const found = coll
    ? matchDocuments(coll, {
        filter,
        limit: 1,
        ...(sort ? { sort } : {}),
        ...(collation ? { collation } : {}),
      }).matches[0]
    : undefined;

  if (remove) {
    if (!found || !coll) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    coll.remove(found[0]);
    return { lastErrorObject: { n: 1 }, value: project(found[1]), ok: 1 };
  }
  if (found && coll) {
    const [id, before] = found;
    const result = applyUpdate(before, updateSpec, {
      filter,
      ...(arrayFilters ? { arrayFilters } : {}),
    });
    if (result.changed) coll.replace(id, result.doc);
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: project(returnNew ? result.doc : before),
      ok: 1,
    };
  }
  if (!upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  const target = coll ?? ctx.engine.ensureCollection(ctx.dbName, name);
  const inserted = target.insert(buildUpsertDocument(filter, updateSpec, arrayFilters));
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: inserted._id },
    value: returnNew ? project(inserted) : null,
    ok: 1,
  };
};
