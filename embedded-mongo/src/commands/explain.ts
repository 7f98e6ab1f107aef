import type { Document } from 'bson';
import { MongoCommandError } from '../errors';
import { matchDocuments } from '../query/matcher';
import type { Plan } from '../query/planner';
import { isPlainObject } from '../storage/values';
import { SERVER_VERSION } from './handshake';
import {
  collectionNameOf,
  optionalDocument,
  type CommandContext,
  type CommandHandler,
} from './context';

/** The winningPlan document for a plan, in mongod's classic-engine shape. */
export function winningPlan(plan: Plan, filter: Document): Document {
  if (plan.stage === 'IDHACK') return { stage: 'IDHACK' };
  if (plan.stage === 'IXSCAN' && plan.index) {
    return {
      stage: 'FETCH',
      filter,
      inputStage: {
        stage: 'IXSCAN',
        keyPattern: plan.index.spec.key,
        indexName: plan.index.name,
        isMultiKey: false,
        isUnique: plan.index.unique,
        isSparse: plan.index.sparse,
        isPartial: plan.index.isPartial,
        direction: 'forward',
      },
    };
  }
  return { stage: 'COLLSCAN', filter, direction: 'forward' };
}

/** Explains a query over one collection: { queryPlanner, executionStats? }. */
export function explainQuery(
  ctx: CommandContext,
  collName: string,
  filter: Document,
  verbosity: string,
  extra: { sort?: Document; limit?: number; skip?: number } = {},
): Document {
  const coll = ctx.engine.getCollection(ctx.dbName, collName);
  const ns = `${ctx.dbName}.${collName}`;
  const started = Date.now();
  const result = coll ? matchDocuments(coll, { filter, ...extra }) : undefined;
  const plan = result?.plan ?? { stage: 'COLLSCAN' as const, candidates: [], keysExamined: 0 };
  const explained: Document = {
    queryPlanner: {
      namespace: ns,
      parsedQuery: filter,
      winningPlan: coll ? winningPlan(plan, filter) : { stage: 'EOF' },
      rejectedPlans: [],
    },
  };
  if (verbosity !== 'queryPlanner') {
    explained.executionStats = {
      executionSuccess: true,
      nReturned: result?.matches.length ?? 0,
      executionTimeMillis: Date.now() - started,
      totalKeysExamined: plan.keysExamined,
      totalDocsExamined: result?.docsExamined ?? 0,
    };
  }
  return explained;
}

export function serverInfo(ctx: CommandContext): Document {
  return { host: ctx.host, port: ctx.port, version: SERVER_VERSION, gitVersion: 'embedded' };
}

export const explain: CommandHandler = (cmd, ctx) => {
  const inner = optionalDocument(cmd, 'explain');
  if (!inner || !isPlainObject(inner))
    throw new MongoCommandError('BadValue', 'explain command requires a nested object');
  const verbosity = typeof cmd.verbosity === 'string' ? cmd.verbosity : 'allPlansExecution';
  const kind = Object.keys(inner)[0];
  const collName = collectionNameOf(inner, ctx);
  let filter: Document = {};
  const extra: { sort?: Document; limit?: number; skip?: number } = {};
  switch (kind) {
    case 'find':
      filter = (inner.filter as Document | undefined) ?? {};
      if (inner.sort) extra.sort = inner.sort as Document;
      if (typeof inner.limit === 'number') extra.limit = Math.abs(inner.limit);
      if (typeof inner.skip === 'number') extra.skip = inner.skip;
      break;
    case 'count':
    case 'distinct':
      filter = (inner.query as Document | undefined) ?? {};
      break;
    case 'findAndModify':
      filter = (inner.query as Document | undefined) ?? {};
      break;
    case 'update':
      filter = ((inner.updates as Document[] | undefined)?.[0]?.q as Document | undefined) ?? {};
      break;
    case 'delete':
      filter = ((inner.deletes as Document[] | undefined)?.[0]?.q as Document | undefined) ?? {};
      break;
    case 'aggregate': {
      const first = (inner.pipeline as Document[] | undefined)?.[0];
      filter = (first?.$match as Document | undefined) ?? {};
      break;
    }
    default:
      throw new MongoCommandError(
        'CommandNotFound',
        `Explain failed due to unknown command: ${String(kind)}`,
      );
  }
  return {
    explainVersion: '1',
    ...explainQuery(ctx, collName, filter, verbosity, extra),
    command: inner,
    serverInfo: serverInfo(ctx),
    ok: 1,
  };
};
