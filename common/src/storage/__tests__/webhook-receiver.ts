import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPush {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A test HTTP server standing in for a Pub/Sub push endpoint: records every POST. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedPush[];
  /** Resolves when `count` requests in all have arrived. */
  waitFor(count: number): Promise<ReceivedPush[]>;
  /** Status codes to answer with, in order; 204 once they are used up. */
  respondWith(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedPush[] = [];
  const statuses: number[] = [];
  const waiters: Array<{ count: number; resolve: (value: ReceivedPush[]) => void }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = statuses.shift() ?? 204;
      res.end();
      for (const waiter of [...waiters]) {
        if (received.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve([...received]);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/push`,
    received,
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve([...received])
        : new Promise((resolve) => waiters.push({ count, resolve })),
    respondWith: (...codes) => statuses.push(...codes),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
