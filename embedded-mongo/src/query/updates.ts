import type { Document } from 'bson';
import { update as mingoUpdate } from 'mingo';
import { Aggregator } from 'mingo/aggregator';
import { setValue } from 'mingo/util';
import { MongoCommandError } from '../errors';
import { canonicalKey, cloneValue, formatValue, isPlainObject } from '../storage/values';
import { mingoOptions, wrapMingo } from './matcher';
import { validateOperatorUpdate } from './update-validation';

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$bit',
  '$currentDate',
  '$setOnInsert',
]);

const PIPELINE_UPDATE_STAGES = new Set([
  '$addFields',
  '$set',
  '$project',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
]);

export type UpdateKind = 'operators' | 'replacement' | 'pipeline';

/** Classifies and validates an update document (operators, replacement, or aggregation pipeline). */
export function classifyUpdate(update: unknown): UpdateKind {
  if (Array.isArray(update)) {
    for (const stage of update) {
      const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
      if (!name || !PIPELINE_UPDATE_STAGES.has(name)) {
        throw new MongoCommandError('BadValue', `Invalid update pipeline stage: ${String(name)}`);
      }
    }
    return 'pipeline';
  }
  if (!isPlainObject(update))
    throw new MongoCommandError(
      'FailedToParse',
      'Update argument must be either an object or an array',
    );
  const keys = Object.keys(update);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length === 0) return 'replacement';
  if (ops.length !== keys.length) {
    const field = keys.find((k) => !k.startsWith('$')) as string;
    throw new MongoCommandError(
      'FailedToParse',
      `Unknown modifier: ${field}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  for (const op of ops) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw new MongoCommandError(
        'FailedToParse',
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(update[op])) {
      throw new MongoCommandError(
        'FailedToParse',
        `Modifiers operate on fields but we found type ${typeof update[op]} instead. For example: {$mod: {<field>: ...}} not {${op}: ${String(update[op])}}`,
      );
    }
  }
  return 'operators';
}

function immutableIdError(id: unknown): MongoCommandError {
  return new MongoCommandError(
    'ImmutableField',
    `Plan executor error during update :: caused by :: After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(id)}`,
  );
}

export interface ApplyOptions {
  arrayFilters?: Document[];
  filter?: Document;
  isInsert?: boolean;
}

/** Applies an update to a copy of doc. Returns the new document and whether anything changed. */
export function applyUpdate(
  doc: Document,
  update: unknown,
  options: ApplyOptions = {},
): { doc: Document; changed: boolean } {
  const kind = classifyUpdate(update);
  const before = canonicalKey(doc);
  let next: Document;
  if (kind === 'replacement') {
    const replacement = update as Document;
    if (
      replacement._id !== undefined &&
      doc._id !== undefined &&
      canonicalKey(replacement._id) !== canonicalKey(doc._id)
    ) {
      throw immutableIdError(replacement._id);
    }
    next =
      doc._id === undefined
        ? cloneValue(replacement)
        : { _id: doc._id, ...cloneValue(replacement) };
    if (replacement._id !== undefined) next._id = doc._id ?? replacement._id;
  } else if (kind === 'pipeline') {
    const out = wrapMingo(() =>
      new Aggregator(update as Document[], { ...mingoOptions(), processingMode: 1 }).run([
        cloneValue(doc),
      ]),
    );
    next = (out[0] as Document | undefined) ?? {};
    if (doc._id !== undefined) {
      if (next._id === undefined) next = { _id: doc._id, ...next };
      else if (canonicalKey(next._id) !== canonicalKey(doc._id)) throw immutableIdError(next._id);
    }
  } else {
    const modifier: Document = { ...(update as Document) };
    const onInsert = modifier.$setOnInsert as Document | undefined;
    delete modifier.$setOnInsert;
    if (options.isInsert && onInsert)
      modifier.$set = { ...((modifier.$set as Document | undefined) ?? {}), ...onInsert };
    next = cloneValue(doc);
    if (Object.keys(modifier).length > 0) {
      for (const [op, fields] of Object.entries(modifier)) {
        for (const field of Object.keys(fields as Document)) {
          if (field !== '_id' && !field.startsWith('_id.')) continue;
          const same =
            op === '$set' &&
            field === '_id' &&
            (doc._id === undefined ||
              canonicalKey((fields as Document)[field]) === canonicalKey(doc._id));
          if (same && doc._id !== undefined) {
            const rest = { ...(fields as Document) };
            delete rest._id;
            modifier[op] = rest;
            continue;
          }
          if (doc._id !== undefined) {
            throw new MongoCommandError(
              'ImmutableField',
              "Performing an update on the path '_id' would modify the immutable field '_id'",
            );
          }
        }
      }
      validateOperatorUpdate(next, modifier);
      wrapMingo(() =>
        mingoUpdate(next, modifier, options.arrayFilters ?? [], options.filter, {
          cloneMode: 'deep',
        }),
      );
    }
  }
  return { doc: next, changed: canonicalKey(next) !== before };
}

/** The document an upsert starts from: the equality fields of its filter. */
export function seedFromFilter(filter: Document, seed: Document = {}): Document {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const clause of cond) if (isPlainObject(clause)) seedFromFilter(clause, seed);
      continue;
    }
    if (field.startsWith('$')) continue;
    if (isPlainObject(cond)) {
      const keys = Object.keys(cond);
      if (keys.some((k) => k.startsWith('$'))) {
        if (keys.length === 1 && keys[0] === '$eq') setValue(seed, field, cloneValue(cond.$eq));
        continue;
      }
    }
    if (cond instanceof RegExp) continue;
    setValue(seed, field, cloneValue(cond));
  }
  return seed;
}

/** Builds the document an upsert inserts. */
export function buildUpsertDocument(
  filter: Document,
  update: unknown,
  arrayFilters?: Document[],
): Document {
  const kind = classifyUpdate(update);
  const seed = seedFromFilter(filter);
  if (kind === 'replacement') {
    const replacement = cloneValue(update as Document);
    const id = replacement._id ?? seed._id;
    delete replacement._id;
    return id === undefined ? replacement : { _id: id, ...replacement };
  }
  const applied = applyUpdate(seed, update, {
    isInsert: true,
    ...(arrayFilters ? { arrayFilters } : {}),
  }).doc;
  if (applied._id !== undefined) {
    const { _id, ...rest } = applied;
    return { _id, ...rest };
  }
  return applied;
}
