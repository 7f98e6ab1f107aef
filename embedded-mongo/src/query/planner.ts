import type { Document } from 'bson';
import { Collection } from '../storage/collection';
import type { CollectionIndex } from '../storage/collection-index';
import { isPlainObject } from '../storage/values';

export type PlanStage = 'IDHACK' | 'IXSCAN' | 'COLLSCAN';

export interface Plan {
  stage: PlanStage;
  index?: CollectionIndex;
  /** Candidate [id, doc] pairs; the full filter still has to be applied to them. */
  candidates: Array<[string, Document]> | Map<string, Document>;
  keysExamined: number;
}

/** Values a field condition is equal to, if it is a pure equality / $in (else undefined). */
function equalityValues(cond: unknown): unknown[] | undefined {
  if (cond instanceof RegExp || Array.isArray(cond)) return undefined;
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    if (keys.length === 0 || !keys.some((k) => k.startsWith('$'))) return [cond];
    if (keys.length !== 1) return undefined;
    if (keys[0] === '$eq') {
      const v: unknown = cond.$eq;
      return v instanceof RegExp || Array.isArray(v) ? undefined : [v];
    }
    if (keys[0] === '$in' && Array.isArray(cond.$in)) {
      const vals = cond.$in as unknown[];
      if (
        vals.some(
          (v) =>
            v instanceof RegExp ||
            Array.isArray(v) ||
            (isPlainObject(v) && Object.keys(v).some((k) => k.startsWith('$'))),
        )
      )
        return undefined;
      return vals;
    }
    return undefined;
  }
  return [cond];
}

/** Collects field -> equality values from the top level of a filter and of its $and clauses. */
function equalityConditions(
  filter: Document,
  out = new Map<string, unknown[]>(),
): Map<string, unknown[]> {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const clause of cond) if (isPlainObject(clause)) equalityConditions(clause, out);
      continue;
    }
    if (field.startsWith('$')) continue;
    const values = equalityValues(cond);
    if (values && !out.has(field)) out.set(field, values);
  }
  return out;
}

/** Chooses how to find the documents matching filter: by _id, through an index, or by a scan. */
export function planQuery(
  coll: Collection,
  filter: Document,
  options: { collation?: Document } = {},
): Plan {
  const collationInsensitive =
    options.collation !== undefined && Number(options.collation.strength ?? 3) < 3;
  const conditions = equalityConditions(filter);
  const ids = conditions.get('_id');
  if (ids && !(collationInsensitive && ids.some((v) => typeof v === 'string'))) {
    const candidates: Array<[string, Document]> = [];
    const seen = new Set<string>();
    for (const value of ids) {
      const id = Collection.idKey(value);
      if (seen.has(id)) continue;
      seen.add(id);
      const doc = coll.docs.get(id);
      if (doc) candidates.push([id, doc]);
    }
    return { stage: 'IDHACK', candidates, keysExamined: ids.length };
  }
  let best: { index: CollectionIndex; values: unknown[] } | undefined;
  for (const index of coll.secondaryIndexes()) {
    if (index.isText || index.isPartial) continue;
    const first = index.fields[0] as string;
    const values = conditions.get(first);
    if (!values) continue;
    if (index.sparse && values.some((v) => v === null || v === undefined)) continue;
    if (collationInsensitive && values.some((v) => typeof v === 'string')) continue;
    if (
      !best ||
      (index.unique && !best.index.unique) ||
      index.fields.length < best.index.fields.length
    ) {
      best = { index, values };
    }
  }
  if (best) {
    const candidates: Array<[string, Document]> = [];
    for (const id of best.index.lookupPrefix(best.values)) {
      const doc = coll.docs.get(id);
      if (doc) candidates.push([id, doc]);
    }
    return { stage: 'IXSCAN', index: best.index, candidates, keysExamined: candidates.length };
  }
  return { stage: 'COLLSCAN', candidates: coll.docs, keysExamined: 0 };
}
