import { calculateObjectSize, Long, type Document } from 'bson';

interface OpenCursor {
  id: number;
  ns: string;
  docs: Document[];
  position: number;
  lastUsed: number;
}

/** Open server-side cursors (ids are int64 on the wire). Idle cursors expire. */
export class CursorRegistry {
  private readonly cursors = new Map<number, OpenCursor>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly idleTimeoutMs = 10 * 60 * 1000) {
    this.timer = setInterval(() => this.expire(), Math.min(idleTimeoutMs, 60_000));
    this.timer.unref();
  }

  /** Registers the rest of a result set; returns the cursor id. */
  open(ns: string, docs: Document[], position: number): Long {
    let id = 0;
    while (id === 0 || this.cursors.has(id))
      id = Math.floor(Math.random() * Number.MAX_SAFE_INTEGER);
    this.cursors.set(id, { id, ns, docs, position, lastUsed: Date.now() });
    return Long.fromNumber(id);
  }

  /** Takes the next batch; returns undefined if the cursor does not exist. */
  next(
    id: number,
    ns: string | undefined,
    batchSize: number | undefined,
  ): { batch: Document[]; exhausted: boolean; ns: string } | undefined {
    const cursor = this.cursors.get(id);
    if (!cursor || (ns !== undefined && cursor.ns !== ns)) return undefined;
    const size = batchSize && batchSize > 0 ? batchSize : cursor.docs.length;
    const batch = takeBatch(cursor.docs, cursor.position, size);
    cursor.position += batch.length;
    cursor.lastUsed = Date.now();
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) this.cursors.delete(id);
    return { batch, exhausted, ns: cursor.ns };
  }

  kill(id: number): boolean {
    return this.cursors.delete(id);
  }

  get size(): number {
    return this.cursors.size;
  }

  expire(now = Date.now()): void {
    for (const [id, cursor] of this.cursors)
      if (now - cursor.lastUsed > this.idleTimeoutMs) this.cursors.delete(id);
  }

  close(): void {
    clearInterval(this.timer);
    this.cursors.clear();
  }
}

const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;

/** Takes up to count documents from position, stopping before a batch would exceed ~16 MiB. */
export function takeBatch(docs: Document[], position: number, count: number): Document[] {
  const end = Math.min(docs.length, position + count);
  const slice = docs.slice(position, end);
  let bytes = 0;
  for (let i = 0; i < slice.length; i += 1) {
    bytes += calculateObjectSize(slice[i] as Document);
    if (bytes > MAX_BATCH_BYTES) return slice.slice(0, Math.max(1, i));
  }
  return slice;
}
