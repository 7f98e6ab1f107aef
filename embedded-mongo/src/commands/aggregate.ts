import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { MongoCommandError } from '../errors';
import { matchDocuments, mingoOptions, wrapMingo } from '../query/matcher';
import { cloneValue, isPlainObject } from '../storage/values';
import {
  collectionNameOf,
  cursorReply,
  optionalDocument,
  type CommandContext,
  type CommandHandler,
} from './context';
import { explainQuery, serverInfo } from './explain';

const UNSUPPORTED_STAGES = new Set([
  '$merge',
  '$search',
  '$searchMeta',
  '$geoNear',
  '$changeStream',
  '$collStats',
  '$indexStats',
  '$listSessions',
  '$currentOp',
  '$planCacheStats',
]);

function stageName(stage: Document): string {
  return Object.keys(stage)[0] ?? '';
}

function runPipeline(
  ctx: CommandContext,
  input: Document[],
  pipeline: Document[],
  collation?: Document,
  variables?: Document,
): Document[] {
  const resolver = (name: string): Document[] => {
    const coll = ctx.engine.getCollection(ctx.dbName, name);
    return coll ? [...coll.docs.values()].map((d) => cloneValue(d)) : [];
  };
  return wrapMingo(() => {
    const options = {
      ...mingoOptions({ ...(collation ? { collation } : {}), collectionResolver: resolver }),
      processingMode: 1,
      ...(variables ? { variables } : {}),
    };
    return new Aggregator(pipeline, options).run(input) as Document[];
  });
}

export const aggregate: CommandHandler = (cmd, ctx) => {
  const target: unknown = cmd.aggregate;
  const pipeline: unknown = cmd.pipeline;
  if (!Array.isArray(pipeline) || !pipeline.every(isPlainObject)) {
    throw new MongoCommandError('TypeMismatch', "'pipeline' option must be specified as an array");
  }
  const stages = pipeline as Document[];
  for (const stage of stages) {
    const name = stageName(stage);
    if (UNSUPPORTED_STAGES.has(name)) {
      throw new MongoCommandError(
        'NotImplemented',
        `${name} is not supported by the embedded engine`,
      );
    }
  }
  const collation = optionalDocument(cmd, 'collation');
  const variables = optionalDocument(cmd, 'let');
  const cursorOpts = optionalDocument(cmd, 'cursor');
  if (!cursorOpts && cmd.explain !== true) {
    throw new MongoCommandError(
      'FailedToParse',
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  const batchSize = typeof cursorOpts?.batchSize === 'number' ? cursorOpts.batchSize : undefined;

  let collName: string | undefined;
  let input: Document[] = [];
  let rest = stages;
  if (target === 1 || target === 1.0) {
    if (stageName(stages[0] ?? {}) !== '$documents') {
      throw new MongoCommandError(
        'InvalidNamespace',
        "{aggregate: 1} is not valid for '$match'; a collection is required.",
      );
    }
  } else {
    collName = collectionNameOf(cmd, ctx);
    const coll = ctx.engine.getCollection(ctx.dbName, collName);
    const first = stages[0];
    const firstMatch =
      first && stageName(first) === '$match' ? (first.$match as Document) : undefined;
    if (cmd.explain === true) {
      return {
        explainVersion: '1',
        stages: [
          { $cursor: explainQuery(ctx, collName, firstMatch ?? {}, 'queryPlanner') },
          ...stages.slice(firstMatch ? 1 : 0),
        ],
        serverInfo: serverInfo(ctx),
        ok: 1,
      };
    }
    if (coll) {
      if (firstMatch && isPlainObject(firstMatch)) {
        input = matchDocuments(coll, {
          filter: firstMatch,
          ...(collation ? { collation } : {}),
        }).matches.map(([, d]) => d);
        rest = stages.slice(1);
      } else {
        input = [...coll.docs.values()];
      }
    }
  }

  const last = rest[rest.length - 1];
  let outTarget: string | undefined;
  if (last && stageName(last) === '$out') {
    const spec: unknown = last.$out;
    outTarget =
      typeof spec === 'string'
        ? spec
        : isPlainObject(spec) && typeof spec.coll === 'string'
          ? spec.coll
          : undefined;
    if (!outTarget) throw new MongoCommandError('BadValue', '$out requires a collection name');
    rest = rest.slice(0, -1);
  }
  const results = rest.length > 0 ? runPipeline(ctx, input, rest, collation, variables) : input;
  if (outTarget) {
    const out =
      ctx.engine.getCollection(ctx.dbName, outTarget) ??
      ctx.engine.ensureCollection(ctx.dbName, outTarget);
    out.clear();
    for (const doc of results) out.insert(cloneValue(doc));
    return cursorReply(ctx, `${ctx.dbName}.${collName ?? '$cmd.aggregate'}`, [], batchSize);
  }
  return cursorReply(ctx, `${ctx.dbName}.${collName ?? '$cmd.aggregate'}`, results, batchSize);
};
