import { deserialize, serialize, UUID, type Document } from 'bson';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  existsSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { tagValues } from './value-identity';
import { Collection } from './collection';
import type { StorageEngine } from './engine';

const SUFFIX = '.bson';

/**
 * Snapshot persistence: one file per collection at DIR/<db>/<collection>.bson holding a metadata
 * document (options, uuid, index specs) followed by every document. Files are written to a temp
 * name and renamed, so a crash leaves either the old or the new snapshot.
 */
export class SnapshotStore {
  private readonly written = new Map<string, { uuid: string; version: number }>();

  constructor(private readonly dir: string) {}

  load(engine: StorageEngine): number {
    mkdirSync(this.dir, { recursive: true });
    let loaded = 0;
    for (const dbEntry of readdirSync(this.dir)) {
      const dbDir = join(this.dir, dbEntry);
      if (!statSync(dbDir).isDirectory()) continue;
      const dbName = decodeURIComponent(dbEntry);
      for (const file of readdirSync(dbDir)) {
        if (!file.endsWith(SUFFIX)) continue;
        const coll = this.readCollection(dbName, join(dbDir, file));
        engine.attach(coll);
        this.written.set(coll.ns, { uuid: coll.uuid.toHexString(), version: coll.version });
        loaded += 1;
      }
    }
    return loaded;
  }

  private readCollection(dbName: string, path: string): Collection {
    const buf = readFileSync(path);
    const docs: Document[] = [];
    let offset = 0;
    while (offset + 4 <= buf.length) {
      const size = buf.readInt32LE(offset);
      const doc = deserialize(buf.subarray(offset, offset + size));
      tagValues(doc);
      docs.push(doc);
      offset += size;
    }
    const meta = docs.shift() ?? {};
    const uuid = typeof meta.uuid === 'string' ? new UUID(meta.uuid) : undefined;
    const coll = new Collection(
      dbName,
      String(meta.name),
      (meta.options as Document | undefined) ?? {},
      uuid,
    );
    for (const spec of (meta.indexes as Document[] | undefined) ?? []) coll.createIndex(spec);
    for (const doc of docs) coll.insert(doc);
    return coll;
  }

  /** Writes every collection changed since the last save; removes files of dropped collections. */
  save(engine: StorageEngine): number {
    mkdirSync(this.dir, { recursive: true });
    let saved = 0;
    const live = new Set<string>();
    for (const coll of engine.allCollections()) {
      const path = this.pathFor(coll.dbName, coll.name);
      live.add(path);
      const prev = this.written.get(coll.ns);
      const uuid = coll.uuid.toHexString();
      if (prev && prev.uuid === uuid && prev.version === coll.version && existsSync(path)) continue;
      this.writeCollection(coll, path);
      this.written.set(coll.ns, { uuid, version: coll.version });
      saved += 1;
    }
    for (const dbEntry of readdirSync(this.dir)) {
      const dbDir = join(this.dir, dbEntry);
      if (!statSync(dbDir).isDirectory()) continue;
      for (const file of readdirSync(dbDir)) {
        const path = join(dbDir, file);
        if (file.endsWith(SUFFIX) && !live.has(path)) {
          rmSync(path, { force: true });
          this.written.delete(
            `${decodeURIComponent(dbEntry)}.${decodeURIComponent(file.slice(0, -SUFFIX.length))}`,
          );
        }
      }
      if (readdirSync(dbDir).length === 0) rmSync(dbDir, { recursive: true, force: true });
    }
    return saved;
  }

  private pathFor(dbName: string, collName: string): string {
    return join(this.dir, encodeURIComponent(dbName), `${encodeURIComponent(collName)}${SUFFIX}`);
  }

  private writeCollection(coll: Collection, path: string): void {
    mkdirSync(join(this.dir, encodeURIComponent(coll.dbName)), { recursive: true });
    const parts: Uint8Array[] = [
      serialize({
        name: coll.name,
        options: coll.options,
        uuid: coll.uuid.toHexString(),
        indexes: coll.indexSpecs().slice(1),
      }),
    ];
    for (const doc of coll.docs.values()) parts.push(serialize(doc));
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, Buffer.concat(parts));
    renameSync(tmp, path);
  }
}
