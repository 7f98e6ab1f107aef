import type { Document } from 'bson';
import { MongoCommandError } from '../errors';
import { Collection, type CollectionOptions } from './collection';

/** Validates a database name the way mongod does. */
export function validateDbName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > 63 ||
    /[/\\. "$\0]/.test(name)
  ) {
    throw new MongoCommandError('InvalidNamespace', `Invalid database name: '${String(name)}'`);
  }
  return name;
}

/** Validates a collection name the way mongod does. */
export function validateCollectionName(dbName: string, name: unknown): string {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.includes('\0') ||
    name.includes('$') ||
    name.startsWith('.')
  ) {
    throw new MongoCommandError(
      'InvalidNamespace',
      `Invalid collection name: ${dbName}.${String(name)}`,
    );
  }
  return name;
}

/** All databases, each a map of collection name to Collection. Databases without collections do not exist. */
export class StorageEngine {
  readonly databases = new Map<string, Map<string, Collection>>();

  getCollection(dbName: string, name: string): Collection | undefined {
    return this.databases.get(dbName)?.get(name);
  }

  /** Returns the collection, creating it (and its database) implicitly if needed. */
  ensureCollection(dbName: string, name: string): Collection {
    const existing = this.getCollection(dbName, name);
    if (existing) return existing;
    return this.createCollection(dbName, name, {});
  }

  createCollection(dbName: string, name: string, options: CollectionOptions): Collection {
    validateDbName(dbName);
    validateCollectionName(dbName, name);
    let db = this.databases.get(dbName);
    if (!db) {
      db = new Map();
      this.databases.set(dbName, db);
    }
    if (db.has(name)) {
      throw new MongoCommandError(
        'NamespaceExists',
        `Collection ${dbName}.${name} already exists.`,
      );
    }
    const coll = new Collection(dbName, name, options);
    db.set(name, coll);
    return coll;
  }

  /** Adds an already built collection (used when loading from disk). */
  attach(coll: Collection): void {
    let db = this.databases.get(coll.dbName);
    if (!db) {
      db = new Map();
      this.databases.set(coll.dbName, db);
    }
    db.set(coll.name, coll);
  }

  dropCollection(dbName: string, name: string): boolean {
    const db = this.databases.get(dbName);
    if (!db?.delete(name)) return false;
    if (db.size === 0) this.databases.delete(dbName);
    return true;
  }

  dropDatabase(dbName: string): void {
    this.databases.delete(dbName);
  }

  listCollections(dbName: string): Collection[] {
    return [...(this.databases.get(dbName)?.values() ?? [])];
  }

  allCollections(): Collection[] {
    const out: Collection[] = [];
    for (const db of this.databases.values()) out.push(...db.values());
    return out;
  }

  rename(fromDb: string, from: string, toDb: string, to: string, dropTarget: boolean): void {
    const source = this.getCollection(fromDb, from);
    if (!source) {
      throw new MongoCommandError(
        'NamespaceNotFound',
        `Source collection ${fromDb}.${from} does not exist`,
      );
    }
    validateDbName(toDb);
    validateCollectionName(toDb, to);
    if (this.getCollection(toDb, to)) {
      if (!dropTarget) throw new MongoCommandError('NamespaceExists', 'target namespace exists');
      this.dropCollection(toDb, to);
    }
    this.dropCollection(fromDb, from);
    const moved = new Collection(toDb, to, source.options, source.uuid);
    for (const spec of source.indexSpecs().slice(1)) moved.createIndex(spec as Document);
    for (const doc of source.docs.values()) moved.insert(doc);
    this.attach(moved);
  }
}
