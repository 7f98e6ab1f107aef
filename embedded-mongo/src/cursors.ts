import { calculateObjectSize, Long, type Document } from 'bson';

/**
 * Where a tailable cursor (`find` with `tailable: true` on a capped collection) gets its documents:
 * it stays open at the end of the collection and returns what was inserted since.
 */
export interface TailSource {
  /** `awaitData`: a getMore with nothing to return waits for an insert (up to its `maxTimeMS`). */
  readonly awaitData: boolean;
  /** Up to `batchSize` documents inserted since the last call; `lost` when the cursor fell behind the collection's trimming. */
  next(batchSize: number | undefined): { batch: Document[]; lost: boolean };
  /** Calls `listener` on the next insert into the collection until the returned function is called. */
  onData(listener: () => void): () => void;
}

interface OpenCursor {
  id: number;
  ns: string;
  docs: Document[];
  position: number;
  lastUsed: number;
  /** Tailable cursors: where new documents come from. */
  tail?: TailSource;
  /** Tailable cursors: the connection that used it last (its close kills the cursor). */
  connectionId?: number;
  /** A getMore waiting on this cursor: told when the cursor is killed. */
  onKill?: () => void;
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
    const id = this.newId();
    this.cursors.set(id, { id, ns, docs, position, lastUsed: Date.now() });
    return Long.fromNumber(id);
  }

  private newId(): number {
    let id = 0;
    while (id === 0 || this.cursors.has(id))
      id = Math.floor(Math.random() * Number.MAX_SAFE_INTEGER);
    return id;
  }

  /** Registers a tailable cursor used by `connectionId`; returns its id. */
  openTailable(ns: string, tail: TailSource, connectionId: number): Long {
    const id = this.newId();
    this.cursors.set(id, {
      id,
      ns,
      docs: [],
      position: 0,
      lastUsed: Date.now(),
      tail,
      connectionId,
    });
    return Long.fromNumber(id);
  }

  /** A tailable cursor by id (undefined for an unknown id, another namespace or an ordinary cursor). */
  tailable(
    id: number,
    ns: string | undefined,
  ): { tail: TailSource; ns: string; touch(connectionId: number): void } | undefined {
    const cursor = this.cursors.get(id);
    if (!cursor?.tail || (ns !== undefined && cursor.ns !== ns)) return undefined;
    return {
      tail: cursor.tail,
      ns: cursor.ns,
      touch: (connectionId) => {
        cursor.lastUsed = Date.now();
        cursor.connectionId = connectionId;
      },
    };
  }

  /**
   * Marks a getMore waiting on cursor `id`: `onKill` runs if the cursor is killed meanwhile, and the
   * cursor does not expire while it waits. Returns the function that ends the wait.
   */
  waiting(id: number, onKill: () => void): () => void {
    const cursor = this.cursors.get(id);
    if (!cursor) return () => undefined;
    cursor.onKill = onKill;
    return () => {
      if (cursor.onKill === onKill) cursor.onKill = undefined;
      cursor.lastUsed = Date.now();
    };
  }

  /** Kills the tailable cursors a closed connection used last (their waiting getMores end). */
  killOwnedBy(connectionId: number): number {
    let killed = 0;
    for (const cursor of [...this.cursors.values()])
      if (cursor.tail && cursor.connectionId === connectionId && this.kill(cursor.id)) killed += 1;
    return killed;
  }

  /** Takes the next batch; returns undefined if the cursor does not exist. */
  next(
    id: number,
    ns: string | undefined,
    batchSize: number | undefined,
  ): { batch: Document[]; exhausted: boolean; ns: string } | undefined {
    const cursor = this.cursors.get(id);
    if (!cursor || cursor.tail || (ns !== undefined && cursor.ns !== ns)) return undefined;
    const size = batchSize && batchSize > 0 ? batchSize : cursor.docs.length;
    const batch = takeBatch(cursor.docs, cursor.position, size);
    cursor.position += batch.length;
    cursor.lastUsed = Date.now();
    const exhausted = cursor.position >= cursor.docs.length;
    if (exhausted) this.cursors.delete(id);
    return { batch, exhausted, ns: cursor.ns };
  }

  kill(id: number): boolean {
    const cursor = this.cursors.get(id);
    if (!cursor) return false;
    this.cursors.delete(id);
    cursor.onKill?.();
    return true;
  }

  get size(): number {
    return this.cursors.size;
  }

  expire(now = Date.now()): void {
    for (const [id, cursor] of this.cursors)
      if (!cursor.onKill && now - cursor.lastUsed > this.idleTimeoutMs) this.cursors.delete(id);
  }

  close(): void {
    clearInterval(this.timer);
    for (const id of [...this.cursors.keys()]) this.kill(id);
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
