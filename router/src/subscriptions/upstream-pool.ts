// Upstream graphql-ws connections to subgraphs. One socket per (subgraph URL, caller identity and
// address), multiplexing that caller's subscriptions to that subgraph (graphql-ws carries many
// operations over one socket); it is opened on the first subscription, with a freshly signed
// identity token in connectionParams, and closed as soon as the last one ends.
import { IDENTITY_HEADER } from '@groovy/common/identity';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface UpstreamPoolOptions {
  /** Most bytes one upstream message may have (ws closes the socket with 1009 beyond). */
  maxPayloadBytes: number;
  /** How long the subgraph may take to acknowledge the connection. */
  connectionAckWaitTimeoutMs: number;
  /** graphql-ws pings every this many ms, so a dead subgraph socket is noticed. */
  keepAliveMs: number;
  /** An upstream socket opened (+1) or closed (−1). */
  onSocketCount?(subgraph: string, delta: 1 | -1): void;
  /**
   * New subscriptions join a shared socket only while it is younger than this (default 30 s).
   * Subgraphs check the identity token signed at connect (60 s TTL) and refuse new subscriptions
   * on a socket whose token has expired; older sockets keep their running subscriptions and close
   * with the last one, while new subscriptions get a fresh socket with a freshly signed token.
   */
  maxReuseMs?: number;
  /** The clock (tests). */
  now?(): number;
}

/** A subgraph endpoint as the planner names it. */
export interface UpstreamTarget {
  name: string;
  url: string;
}

/** One subscription's hold on a shared upstream client; `release` exactly once. */
export interface UpstreamLease {
  client: Client;
  release(): void;
}

interface PoolEntry {
  key: string;
  client: Client;
  leases: number;
  disposed: boolean;
  openedAt: number;
}

const DEFAULT_MAX_REUSE_MS = 30_000;

/** `http(s)://host/graphql` → `ws(s)://host/graphql`: subgraphs serve graphql-ws on their HTTP path. */
export function webSocketUrlOf(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export class UpstreamPool {
  /** The socket new subscriptions join, per key. */
  private readonly entries = new Map<string, PoolEntry>();
  /** Every client not yet disposed, including ones too old to join that still carry subscriptions. */
  private readonly live = new Set<PoolEntry>();

  constructor(private readonly options: UpstreamPoolOptions) {}

  /**
   * The shared client for `target` and `identityKey` (who the caller is and from where); `token`
   * signs the `x-groovy-identity` sent at each connect.
   */
  acquire(
    target: UpstreamTarget,
    identityKey: string,
    token: () => Promise<string>,
  ): UpstreamLease {
    const key = `${target.name}\u0000${target.url}\u0000${identityKey}`;
    let entry = this.entries.get(key);
    const now = this.options.now?.() ?? Date.now();
    const maxReuseMs = this.options.maxReuseMs ?? DEFAULT_MAX_REUSE_MS;
    if (!entry || entry.disposed || now - entry.openedAt >= maxReuseMs) {
      // Too old to join (its identity token may have expired at the subgraph): leave it to its
      // running subscriptions (it closes with their last release) and open a fresh one.
      entry = this.open(key, target, token);
      this.entries.set(key, entry);
      this.live.add(entry);
    }
    const held = entry;
    held.leases += 1;
    let released = false;
    return {
      client: held.client,
      release: () => {
        if (released) return;
        released = true;
        held.leases -= 1;
        if (held.leases === 0) void this.dispose(held);
      },
    };
  }

  /** Upstream clients open now (each is at most one socket). */
  size(): number {
    return this.live.size;
  }

  /** Closes every upstream socket (their subscriptions end). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.live].map((entry) => this.dispose(entry)));
  }

  private open(key: string, target: UpstreamTarget, token: () => Promise<string>): PoolEntry {
    const { onSocketCount } = this.options;
    const maxPayload = this.options.maxPayloadBytes;
    // ws's options (maxPayload) through a subclass, since graphql-ws constructs the socket itself.
    class LimitedWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { maxPayload });
      }
    }
    let connected = false;
    const entry: PoolEntry = {
      key,
      leases: 0,
      disposed: false,
      openedAt: this.options.now?.() ?? Date.now(),
      client: createClient({
        url: webSocketUrlOf(target.url),
        webSocketImpl: LimitedWebSocket,
        lazy: true,
        lazyCloseTimeout: 0,
        retryAttempts: 0,
        keepAlive: this.options.keepAliveMs,
        connectionAckWaitTimeout: this.options.connectionAckWaitTimeoutMs,
        connectionParams: async () => ({ [IDENTITY_HEADER]: await token() }),
        on: {
          connected: () => {
            connected = true;
            onSocketCount?.(target.name, 1);
          },
          closed: () => {
            if (connected) onSocketCount?.(target.name, -1);
            connected = false;
            // A socket that went away is not reused: the next subscription opens a fresh one.
            if (this.entries.get(key) === entry) this.entries.delete(key);
            this.live.delete(entry);
            entry.disposed = true;
          },
        },
      }),
    };
    return entry;
  }

  private async dispose(entry: PoolEntry): Promise<void> {
    if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
    this.live.delete(entry);
    entry.disposed = true;
    await entry.client.dispose();
  }
}
