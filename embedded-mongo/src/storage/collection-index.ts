import type { Document } from 'bson';
import { Query } from 'mingo';
import { MongoCommandError } from '../errors';
import { canonicalKey, formatValue, valuesAtPath } from './values';

/** An index definition as listIndexes reports it. */
export interface IndexSpec {
  v: number;
  key: Record<string, number | string>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

/** Default index name for a key pattern: { a: 1, b: -1 } -> "a_1_b_-1". */
export function defaultIndexName(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([field, dir]) => `${field}_${String(dir)}`)
    .join('_');
}

interface IndexEntry {
  /** Canonical compound key. */
  full: string;
  /** Canonical key of the first field only (for prefix lookups). */
  prefix: string;
  /** The raw values, for error messages. */
  values: unknown[];
}

/**
 * A secondary (or _id) index: canonical key string -> set of document ids. A second map on the
 * first key field lets compound indexes serve equality lookups on their prefix.
 */
export class CollectionIndex {
  readonly spec: IndexSpec;
  readonly fields: string[];
  readonly isText: boolean;
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byPrefix = new Map<string, Set<string>>();
  private readonly partial: Query | undefined;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.isText = Object.values(spec.key).some((v) => v === 'text');
    this.partial = spec.partialFilterExpression
      ? new Query(spec.partialFilterExpression, {})
      : undefined;
  }

  get name(): string {
    return this.spec.name;
  }

  get unique(): boolean {
    return this.spec.unique === true;
  }

  get sparse(): boolean {
    return this.spec.sparse === true;
  }

  get isPartial(): boolean {
    return this.partial !== undefined;
  }

  /** The index entries a document produces (several for multikey fields); none if excluded. */
  entriesFor(doc: Document): IndexEntry[] {
    if (this.isText) return [];
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.fields.map((field) => {
      const raw = valuesAtPath(doc, field);
      const flat: unknown[] = [];
      for (const v of raw) {
        if (Array.isArray(v)) {
          if (v.length === 0) flat.push(undefined);
          else flat.push(...(v as unknown[]));
        } else flat.push(v);
      }
      return flat.length === 0 ? [undefined] : flat;
    });
    if (this.sparse && perField.every((vals) => vals.every((v) => v === undefined))) return [];
    const combos: unknown[][] = [[]];
    for (const vals of perField) {
      const next: unknown[][] = [];
      for (const combo of combos) for (const v of vals) next.push([...combo, v]);
      combos.splice(0, combos.length, ...next.slice(0, 10_000));
    }
    const seen = new Set<string>();
    const entries: IndexEntry[] = [];
    for (const values of combos) {
      const keys = values.map(canonicalKey);
      const full = keys.join('\u0001');
      if (seen.has(full)) continue;
      seen.add(full);
      entries.push({ full, prefix: keys[0] as string, values });
    }
    return entries;
  }

  /** Throws the mongod E11000 error if inserting doc (with id) would break uniqueness. */
  checkUnique(doc: Document, id: string, ns: string, ignoreIds?: Set<string>): void {
    if (!this.unique) return;
    for (const entry of this.entriesFor(doc)) {
      const holders = this.byKey.get(entry.full);
      if (!holders) continue;
      for (const holder of holders) {
        if (holder !== id && !ignoreIds?.has(holder)) throw this.duplicateError(entry, ns);
      }
    }
  }

  duplicateError(entry: { values: unknown[] }, ns: string): MongoCommandError {
    const keyValue: Document = {};
    const keyPattern: Document = {};
    this.fields.forEach((field, i) => {
      keyValue[field] = entry.values[i] ?? null;
      keyPattern[field] = this.spec.key[field];
    });
    const shown = this.fields
      .map((field, i) => `${field}: ${formatValue(entry.values[i])}`)
      .join(', ');
    return new MongoCommandError(
      'DuplicateKey',
      `E11000 duplicate key error collection: ${ns} index: ${this.name} dup key: { ${shown} }`,
      { keyPattern, keyValue },
    );
  }

  add(doc: Document, id: string): void {
    for (const entry of this.entriesFor(doc)) {
      addTo(this.byKey, entry.full, id);
      addTo(this.byPrefix, entry.prefix, id);
    }
  }

  remove(doc: Document, id: string): void {
    for (const entry of this.entriesFor(doc)) {
      removeFrom(this.byKey, entry.full, id);
      removeFrom(this.byPrefix, entry.prefix, id);
    }
  }

  clear(): void {
    this.byKey.clear();
    this.byPrefix.clear();
  }

  /** Ids whose first indexed field equals one of the given values. */
  lookupPrefix(values: unknown[]): Set<string> {
    const out = new Set<string>();
    for (const value of values) {
      const holders = this.byPrefix.get(canonicalKey(value));
      if (holders) for (const id of holders) out.add(id);
    }
    return out;
  }

  get keyCount(): number {
    return this.byKey.size;
  }
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(id);
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
