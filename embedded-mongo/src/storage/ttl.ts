import type { StorageEngine } from './engine';
import { valuesAtPath } from './values';

/** Removes documents whose TTL-indexed date field is older than expireAfterSeconds. Returns how many. */
export function sweepExpired(engine: StorageEngine, now = Date.now()): number {
  let removed = 0;
  for (const coll of engine.allCollections()) {
    for (const index of coll.secondaryIndexes()) {
      const seconds = index.spec.expireAfterSeconds;
      if (typeof seconds !== 'number' || index.fields.length !== 1) continue;
      const field = index.fields[0] as string;
      const expired: string[] = [];
      for (const [id, doc] of coll.docs) {
        const dates = valuesAtPath(doc, field)
          .flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]))
          .filter((v): v is Date => v instanceof Date);
        if (dates.length === 0) continue;
        const earliest = Math.min(...dates.map((d) => d.getTime()));
        if (earliest + seconds * 1000 <= now) expired.push(id);
      }
      for (const id of expired) if (coll.remove(id)) removed += 1;
    }
  }
  return removed;
}
