import { calculateObjectSize, ObjectId, UUID, type Document } from 'bson';
import { MongoCommandError } from '../errors';
import { CollectionIndex, defaultIndexName, type IndexSpec } from './collection-index';
import { canonicalKey, isPlainObject } from './values';

export const ID_INDEX_NAME = '_id_';

/** Options a collection was created with (as listCollections shows them). */
export type CollectionOptions = Document;

const INDEX_OPTION_KEYS_IGNORED = new Set(['v', 'ns', 'background', 'key', 'name']);

function sameKey(a: Document, b: Document): boolean {
  const ka = Object.entries(a);
  const kb = Object.entries(b);
  return (
    ka.length === kb.length &&
    ka.every(([k, v], i) => kb[i]?.[0] === k && String(kb[i]?.[1]) === String(v))
  );
}

function comparableOptions(spec: Document): string {
  const out: Document = {};
  for (const key of Object.keys(spec).sort()) {
    if (INDEX_OPTION_KEYS_IGNORED.has(key)) continue;
    const value: unknown = spec[key];
    if (key === 'unique' || key === 'sparse') {
      if (value) out[key] = true;
      continue;
    }
    out[key] = value;
  }
  return JSON.stringify(out);
}

/** The limits of a capped collection (`create` with `capped: true, size, max`). */
export interface CappedLimits {
  /** Bytes of documents kept at most. */
  size: number;
  /** Documents kept at most (unlimited when absent). */
  max?: number;
}

function positiveNumber(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : (value as { toNumber?: () => number })?.toNumber?.();
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** The capped limits in `create` options (undefined for an ordinary collection). */
export function cappedLimitsOf(options: CollectionOptions): CappedLimits | undefined {
  if (options.capped !== true) return undefined;
  const size = positiveNumber(options.size);
  if (size === undefined) return { size: Number.MAX_SAFE_INTEGER };
  const max = positiveNumber(options.max);
  return max === undefined ? { size } : { size, max };
}

/** One collection: documents by canonical _id plus its indexes, enforcing uniqueness on every write. */
export class Collection {
  readonly dbName: string;
  name: string;
  readonly options: CollectionOptions;
  readonly uuid: UUID;
  readonly docs = new Map<string, Document>();
  private readonly indexes = new Map<string, CollectionIndex>();
  /** Incremented on every change; persistence compares it to what it last wrote. */
  version = 0;
  /** Capped collections: the byte and document limits (oldest documents are removed past them). */
  readonly capped: CappedLimits | undefined;
  /** Capped collections: documents in insertion order with their record ids (oldest first). */
  private readonly records: Array<{ recordId: number; key: string }> = [];
  /** Capped collections: the record id of each document (its place in insertion order). */
  private readonly recordIdOf = new Map<string, number>();
  private lastRecordId = 0;
  private cappedBytes = 0;
  /** Told after every insert (tailable cursors waiting for data). */
  private readonly insertListeners = new Set<() => void>();

  constructor(dbName: string, name: string, options: CollectionOptions = {}, uuid?: UUID) {
    this.dbName = dbName;
    this.name = name;
    this.options = options;
    this.uuid = uuid ?? new UUID();
    this.capped = cappedLimitsOf(options);
  }

  /** Calls `listener` after each insert until the returned function is called. */
  onInsert(listener: () => void): () => void {
    this.insertListeners.add(listener);
    return () => this.insertListeners.delete(listener);
  }

  /**
   * Capped collections: the documents inserted after `afterRecordId`, oldest first, with their record
   * ids. `lost` when the document at `afterRecordId` was removed to make room (the reader fell behind).
   */
  cappedAfter(afterRecordId: number): {
    entries: Array<{ recordId: number; doc: Document }>;
    lost: boolean;
  } {
    const oldest = this.records[0]?.recordId;
    const lost =
      afterRecordId > 0 &&
      (oldest === undefined ? afterRecordId < this.lastRecordId : afterRecordId < oldest - 1);
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.records[mid]!.recordId <= afterRecordId) low = mid + 1;
      else high = mid;
    }
    const entries: Array<{ recordId: number; doc: Document }> = [];
    for (let i = low; i < this.records.length; i += 1) {
      const { recordId, key } = this.records[i]!;
      const doc = this.docs.get(key);
      if (doc && this.recordIdOf.get(key) === recordId) entries.push({ recordId, doc });
    }
    return { entries, lost };
  }

  /** The record id of the newest document (capped collections; 0 before the first insert). */
  get newestRecordId(): number {
    return this.lastRecordId;
  }

  get ns(): string {
    return `${this.dbName}.${this.name}`;
  }

  /** All secondary indexes (the _id index is the document map itself). */
  secondaryIndexes(): CollectionIndex[] {
    return [...this.indexes.values()];
  }

  getIndex(name: string): CollectionIndex | undefined {
    return this.indexes.get(name);
  }

  indexSpecs(): IndexSpec[] {
    return [
      { v: 2, key: { _id: 1 }, name: ID_INDEX_NAME },
      ...this.secondaryIndexes().map((i) => i.spec),
    ];
  }

  static idKey(id: unknown): string {
    return canonicalKey(id);
  }

  /** Validates and inserts a document (adding an ObjectId _id first if missing). Returns the stored doc. */
  insert(input: Document): Document {
    let doc = input;
    if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
    else if (Object.keys(doc)[0] !== '_id') {
      const { _id, ...rest } = doc;
      doc = { _id, ...rest };
    }
    if (Array.isArray(doc._id))
      throw new MongoCommandError('BadValue', "can't use an array for _id");
    if (doc._id instanceof RegExp)
      throw new MongoCommandError('BadValue', "can't use a regex for _id");
    const id = Collection.idKey(doc._id);
    if (this.docs.has(id)) throw this.idDuplicate(doc._id);
    for (const index of this.indexes.values()) index.checkUnique(doc, id, this.ns);
    if (this.capped && calculateObjectSize(doc) > this.capped.size)
      throw new MongoCommandError(
        'BadValue',
        `document is larger than the capped collection ${this.ns} (${this.capped.size} bytes)`,
      );
    this.docs.set(id, doc);
    for (const index of this.indexes.values()) index.add(doc, id);
    this.version += 1;
    if (this.capped) this.appendRecord(id, doc);
    for (const listener of [...this.insertListeners]) listener();
    return doc;
  }

  /** Capped collections: records the new document's place and removes the oldest past the limits. */
  private appendRecord(key: string, doc: Document): void {
    const limits = this.capped!;
    this.lastRecordId += 1;
    this.records.push({ recordId: this.lastRecordId, key });
    this.recordIdOf.set(key, this.lastRecordId);
    this.cappedBytes += calculateObjectSize(doc);
    while (
      this.records.length > 1 &&
      (this.cappedBytes > limits.size || (limits.max !== undefined && this.docs.size > limits.max))
    ) {
      const oldest = this.records.shift()!;
      if (this.recordIdOf.get(oldest.key) === oldest.recordId) this.remove(oldest.key);
    }
  }

  /** Replaces the stored document with id by next (same _id). Leaves it unchanged if an index objects. */
  replace(id: string, next: Document): void {
    const prev = this.docs.get(id);
    if (!prev) return;
    for (const index of this.indexes.values()) index.checkUnique(next, id, this.ns);
    for (const index of this.indexes.values()) index.remove(prev, id);
    this.docs.set(id, next);
    for (const index of this.indexes.values()) index.add(next, id);
    if (this.capped) this.cappedBytes += calculateObjectSize(next) - calculateObjectSize(prev);
    this.version += 1;
  }

  remove(id: string): Document | undefined {
    const prev = this.docs.get(id);
    if (!prev) return undefined;
    for (const index of this.indexes.values()) index.remove(prev, id);
    this.docs.delete(id);
    if (this.capped) {
      this.recordIdOf.delete(id);
      this.cappedBytes -= calculateObjectSize(prev);
    }
    this.version += 1;
    return prev;
  }

  clear(): void {
    this.docs.clear();
    for (const index of this.indexes.values()) index.clear();
    this.records.length = 0;
    this.recordIdOf.clear();
    this.cappedBytes = 0;
    this.version += 1;
  }

  private idDuplicate(idValue: unknown): MongoCommandError {
    const fake = new CollectionIndex({ v: 2, key: { _id: 1 }, name: ID_INDEX_NAME, unique: true });
    return fake.duplicateError({ values: [idValue] }, this.ns);
  }

  /**
   * Creates an index. Returns false if an identical index already existed.
   * Throws IndexOptionsConflict / IndexKeySpecsConflict / DuplicateKey like mongod.
   */
  createIndex(raw: Document): boolean {
    const key: unknown = raw.key;
    if (!isPlainObject(key) || Object.keys(key).length === 0) {
      throw new MongoCommandError(
        'FailedToParse',
        'The index spec must have a non-empty key document',
      );
    }
    for (const [field, dir] of Object.entries(key)) {
      const ok =
        dir === 1 ||
        dir === -1 ||
        typeof dir === 'string' ||
        (typeof dir === 'number' && dir !== 0);
      if (!ok || field === '') {
        throw new MongoCommandError(
          'BadValue',
          `Values in the index key pattern can't be 0 or empty: ${field}`,
        );
      }
    }
    const name = typeof raw.name === 'string' ? raw.name : defaultIndexName(key);
    const spec: IndexSpec = {
      ...(raw as Partial<IndexSpec>),
      v: 2,
      key: key as IndexSpec['key'],
      name,
    };
    delete spec.ns;
    delete spec.background;
    if (name === ID_INDEX_NAME || sameKey(key, { _id: 1 })) {
      if (sameKey(key, { _id: 1 }) && (name === ID_INDEX_NAME || raw.name === undefined))
        return false;
      throw new MongoCommandError('BadValue', 'The _id index cannot be redefined');
    }
    const byName = this.indexes.get(name);
    if (byName) {
      if (!sameKey(byName.spec.key, key)) {
        throw new MongoCommandError(
          'IndexKeySpecsConflict',
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(byName.spec)}`,
        );
      }
      if (comparableOptions(byName.spec) !== comparableOptions(spec)) {
        throw new MongoCommandError(
          'IndexOptionsConflict',
          `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(byName.spec)}`,
        );
      }
      return false;
    }
    for (const existing of this.indexes.values()) {
      if (
        sameKey(existing.spec.key, key) &&
        JSON.stringify(existing.spec.partialFilterExpression) ===
          JSON.stringify(spec.partialFilterExpression)
      ) {
        throw new MongoCommandError(
          'IndexOptionsConflict',
          `Index already exists with a different name: ${existing.name}`,
        );
      }
    }
    const index = new CollectionIndex(spec);
    for (const [id, doc] of this.docs) {
      index.checkUnique(doc, id, this.ns);
      index.add(doc, id);
    }
    this.indexes.set(name, index);
    this.version += 1;
    return true;
  }

  dropIndex(name: string): void {
    if (name === ID_INDEX_NAME)
      throw new MongoCommandError('InvalidOptions', 'cannot drop _id index');
    if (!this.indexes.delete(name)) {
      throw new MongoCommandError('IndexNotFound', `index not found with name [${name}]`);
    }
    this.version += 1;
  }

  findIndexNameByKey(key: Document): string | undefined {
    if (sameKey(key, { _id: 1 })) return ID_INDEX_NAME;
    for (const index of this.indexes.values()) if (sameKey(index.spec.key, key)) return index.name;
    return undefined;
  }

  dropAllIndexes(): void {
    this.indexes.clear();
    this.version += 1;
  }
}
