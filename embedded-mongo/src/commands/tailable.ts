import { Long, type Document } from 'bson';
import type { TailSource } from '../cursors';
import { MongoCommandError } from '../errors';
import { compileFilter, projectDocuments, wrapMingo } from '../query/matcher';
import type { Collection } from '../storage/collection';
import type { CommandContext } from './context';

/** How long an awaitData getMore without `maxTimeMS` waits for an insert (mongod's default). */
export const DEFAULT_AWAIT_DATA_MS = 1_000;

/**
 * A tailable cursor's view of a capped collection: the documents matching `filter` inserted after
 * the last one it returned, in insertion order. It ends (as on mongod) when the collection is
 * dropped or replaced.
 */
export function tailSource(
  engine: CommandContext['engine'],
  coll: Collection,
  options: { filter: Document; projection?: Document; awaitData: boolean; afterRecordId: number },
): TailSource {
  const query = compileFilter(options.filter);
  let position = options.afterRecordId;
  const current = (): Collection | undefined => {
    const now = engine.getCollection(coll.dbName, coll.name);
    return now === coll ? coll : undefined;
  };
  return {
    awaitData: options.awaitData,
    next(batchSize) {
      if (!current()) return { batch: [], lost: true };
      const { entries, lost } = coll.cappedAfter(position);
      if (lost) return { batch: [], lost };
      const limit = batchSize && batchSize > 0 ? batchSize : Number.MAX_SAFE_INTEGER;
      const matched: Document[] = [];
      for (const { recordId, doc } of entries) {
        if (matched.length >= limit) break;
        position = recordId;
        if (wrapMingo(() => query.test(doc))) matched.push(doc);
      }
      return { batch: projectDocuments(matched, options.projection, options.filter), lost: false };
    },
    onData: (listener) => coll.onInsert(listener),
  };
}

/** Refuses `tailable`/`awaitData` where mongod does; true when the find is tailable. */
export function checkTailableOptions(cmd: Document, coll: Collection | undefined): boolean {
  const tailable = cmd.tailable === true;
  if (cmd.awaitData === true && !tailable)
    throw new MongoCommandError('FailedToParse', 'Cannot set awaitData without tailable');
  if (!tailable) return false;
  if (cmd.sort && Object.keys(cmd.sort as Document).some((key) => key !== '$natural'))
    throw new MongoCommandError(
      'BadValue',
      'cannot use tailable option with a sort other than {$natural: 1}',
    );
  if (coll && !coll.capped)
    throw new MongoCommandError(
      'BadValue',
      `error processing query: ${coll.ns} tailable cursor requested on non capped collection`,
    );
  return true;
}

/**
 * The first batch of a tailable find: what matches now (up to batchSize), and a cursor left open
 * at the end of the collection. As on mongod, a query that matches nothing yet returns a dead cursor
 * (id 0): tail a collection that holds at least one document.
 */
export function tailableFind(
  cmd: Document,
  ctx: CommandContext,
  coll: Collection | undefined,
  ns: string,
  batchSize: number | undefined,
): Document {
  if (!coll) return { cursor: { firstBatch: [], id: Long.ZERO, ns }, ok: 1 };
  const filter = (cmd.filter as Document | undefined) ?? {};
  const projection = cmd.projection as Document | undefined;
  const source = tailSource(ctx.engine, coll, {
    filter,
    ...(projection ? { projection } : {}),
    awaitData: cmd.awaitData === true,
    afterRecordId: 0,
  });
  const { batch } = source.next(batchSize === undefined ? 101 : batchSize);
  if (batch.length === 0 && batchSize !== 0)
    return { cursor: { firstBatch: [], id: Long.ZERO, ns }, ok: 1 };
  const id = ctx.cursors.openTailable(ns, source, ctx.connectionId);
  return { cursor: { firstBatch: batch, id, ns }, ok: 1 };
}

/**
 * getMore on a tailable cursor: what was inserted since its last batch; with awaitData and nothing
 * new, waits until an insert (or `maxTimeMS`, default 1 s) and answers an empty batch on timeout. A
 * cursor killed while it waits (killCursors, its connection closing, the server stopping) answers
 * CursorKilled.
 */
export function tailableGetMore(
  cmd: Document,
  ctx: CommandContext,
  id: number,
  ns: string | undefined,
  batchSize: number | undefined,
): Document | Promise<Document> {
  const cursor = ctx.cursors.tailable(id, ns);
  if (!cursor) throw new MongoCommandError('CursorNotFound', `cursor id ${id} not found`);
  cursor.touch(ctx.connectionId);
  const reply = (): Document => {
    const { batch, lost } = cursor.tail.next(batchSize);
    if (lost) {
      ctx.cursors.kill(id);
      throw new MongoCommandError(
        'CappedPositionLost',
        `CollectionScan died due to position in capped collection being deleted (cursor ${id} on ${cursor.ns})`,
      );
    }
    return { cursor: { nextBatch: batch, id: Long.fromNumber(id), ns: cursor.ns }, ok: 1 };
  };
  const first = reply();
  if (!cursor.tail.awaitData || (first.cursor as { nextBatch: Document[] }).nextBatch.length > 0)
    return first;
  const rawWait: unknown = cmd.maxTimeMS;
  const waitMs =
    typeof rawWait === 'number'
      ? rawWait
      : rawWait instanceof Long
        ? rawWait.toNumber()
        : DEFAULT_AWAIT_DATA_MS;
  if (!Number.isFinite(waitMs) || waitMs < 0)
    throw new MongoCommandError(
      'BadValue',
      `maxTimeMS must be a non-negative number: ${String(rawWait)}`,
    );
  return new Promise<Document>((resolve) => {
    let settled = false;
    const finish = (killed: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopListening();
      endWait();
      if (killed) {
        resolve(
          new MongoCommandError(
            'CursorKilled',
            `cursor id ${id} was killed while it waited`,
          ).toReply(),
        );
        return;
      }
      try {
        resolve(reply());
      } catch (error) {
        resolve((error as MongoCommandError).toReply());
      }
    };
    const timer = setTimeout(() => finish(false), waitMs);
    // An insert is followed by more in the same tick (insertMany): answer after them.
    const stopListening = cursor.tail.onData(() => setImmediate(() => finish(false)));
    const endWait = ctx.cursors.waiting(id, () => finish(true));
  });
}
