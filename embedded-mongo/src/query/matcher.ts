import type { Document } from 'bson';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { MongoCommandError } from '../errors';
import type { Collection } from '../storage/collection';
import { isPlainObject } from '../storage/values';
import { ENGINE_CONTEXT } from './mingo-context';
import { planQuery, type Plan } from './planner';
import { sortBySpec } from './sort';

function containsText(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsText);
  if (!isPlainObject(value)) return false;
  return Object.entries(value).some(([k, v]) => k === '$text' || containsText(v));
}

/** mingo options for a request (collation, $lookup resolution). */
export function mingoOptions(
  extra: { collation?: Document; collectionResolver?: (name: string) => Document[] } = {},
): Partial<Options> {
  const options: { -readonly [K in keyof Options]?: Options[K] } = {
    idKey: '_id',
    useStrictMode: true,
    context: ENGINE_CONTEXT,
  };
  if (
    extra.collation &&
    typeof extra.collation.locale === 'string' &&
    extra.collation.locale !== 'simple'
  ) {
    options.collation = extra.collation as unknown as Options['collation'];
  }
  if (extra.collectionResolver) options.collectionResolver = extra.collectionResolver;
  return options;
}

/** Wraps mingo errors (unknown operators, bad arguments) into BadValue command errors. */
export function wrapMingo<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof MongoCommandError) throw err;
    throw new MongoCommandError('BadValue', (err as Error).message);
  }
}

/** Compiles a filter into a mingo Query, refusing $text which the engine does not implement. */
export function compileFilter(filter: Document, collation?: Document): Query {
  if (containsText(filter)) {
    throw new MongoCommandError(
      'NotImplemented',
      '$text queries are not supported by the embedded engine',
    );
  }
  return wrapMingo(() => new Query(filter, mingoOptions(collation ? { collation } : {})));
}

export interface FindSpec {
  filter?: Document;
  sort?: Document;
  skip?: number;
  limit?: number;
  projection?: Document;
  collation?: Document;
}

export interface MatchResult {
  plan: Plan;
  /** [id, doc] pairs in result order (before projection). */
  matches: Array<[string, Document]>;
  docsExamined: number;
}

/** Finds the matching [id, doc] pairs using the best plan; applies sort, skip and limit. */
export function matchDocuments(coll: Collection, spec: FindSpec): MatchResult {
  const filter = spec.filter ?? {};
  const plan = planQuery(coll, filter, spec.collation ? { collation: spec.collation } : {});
  const query = compileFilter(filter, spec.collation);
  const sortSpec = spec.sort && Object.keys(spec.sort).length > 0 ? { ...spec.sort } : undefined;
  let reverse = false;
  if (sortSpec && '$natural' in sortSpec) {
    reverse = Number(sortSpec.$natural) < 0;
    delete sortSpec.$natural;
  }
  const sorted = sortSpec && Object.keys(sortSpec).length > 0 ? sortSpec : undefined;
  const skip = Math.max(0, spec.skip ?? 0);
  const limit = Math.abs(spec.limit ?? 0);
  const stopAfter = !sorted && !reverse && limit > 0 ? skip + limit : Infinity;
  let matches: Array<[string, Document]> = [];
  let docsExamined = 0;
  for (const [id, doc] of plan.candidates) {
    docsExamined += 1;
    if (query.test(doc)) {
      matches.push([id, doc]);
      if (matches.length >= stopAfter) break;
    }
  }
  if (reverse) matches.reverse();
  if (sorted) {
    matches = sortBySpec(matches, ([, doc]) => doc, sorted, spec.collation);
  }
  if (skip > 0 || limit > 0) matches = matches.slice(skip, limit > 0 ? skip + limit : undefined);
  return { plan, matches, docsExamined };
}

/** Applies a find projection to documents (returns new objects; stored docs are untouched). */
export function projectDocuments(
  docs: Document[],
  projection: Document | undefined,
  filter: Document = {},
): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  return wrapMingo(
    () => new Query(filter, mingoOptions()).find(docs, projection).all() as Document[],
  );
}
