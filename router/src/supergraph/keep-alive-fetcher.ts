import http from 'node:http';
import https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

/** Response headers, lower-cased (what the gateway reads: content-type, cache-control). */
class SubgraphResponseHeaders implements FetcherHeaders {
  private readonly map = new Map<string, string>();
  constructor(raw: http.IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined) this.map.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.map.get(key);
    this.map.set(key, existing === undefined ? value : `${existing}, ${value}`);
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/** A fully read subgraph response: what the gateway needs of a fetch `Response`, without undici's cost. */
class SubgraphResponse implements FetcherResponse {
  bodyUsed = false;
  readonly redirected = false;
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: FetcherHeaders,
    private readonly body: Buffer,
  ) {}
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  private consume(): Buffer {
    if (this.bodyUsed) throw new TypeError('body used already');
    this.bodyUsed = true;
    return this.body;
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const body = this.consume();
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  }
  async text(): Promise<string> {
    return this.consume().toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
  clone(): FetcherResponse {
    return new SubgraphResponse(this.url, this.status, this.statusText, this.headers, this.body);
  }
}

export interface KeepAliveFetcher {
  fetcher: Fetcher;
  /** Closes pooled sockets (on stop). */
  destroy(): void;
}

/**
 * The gateway's fetcher for subgraph calls: `node:http` over keep-alive agents, so each subgraph
 * gets a pool of reused connections instead of a TCP handshake per call. Bodies are small JSON
 * documents, read whole and handed back as a minimal fetch-like response (building a WHATWG
 * `Response` per call through undici cost more than the call itself).
 */
export function createKeepAliveFetcher(options: {
  timeoutMs: number;
  maxSockets?: number;
}): KeepAliveFetcher {
  const agentOptions = {
    keepAlive: true,
    keepAliveMsecs: 1_000,
    maxSockets: options.maxSockets ?? 128,
    maxFreeSockets: 32,
  };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);

  const fetcher: Fetcher = (url, init = {}) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      const request = (secure ? https : http).request(
        target,
        {
          method: init.method ?? 'GET',
          headers: init.headers ?? {},
          agent: secure ? httpsAgent : httpAgent,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            resolve(
              new SubgraphResponse(
                url,
                response.statusCode ?? 502,
                response.statusMessage ?? '',
                new SubgraphResponseHeaders(response.headers),
                chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
              ),
            );
          });
        },
      );
      request.setTimeout(options.timeoutMs, () => {
        request.destroy(
          new Error(`subgraph request to ${target.origin} timed out after ${options.timeoutMs} ms`),
        );
      });
      request.on('error', reject);
      request.end(init.body);
    });

  return {
    fetcher,
    destroy: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
