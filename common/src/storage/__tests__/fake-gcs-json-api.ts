import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CRC32C } from '@google-cloud/storage';

interface FakeObject {
  body: Buffer;
  contentType: string;
  cacheControl?: string;
  updated: string;
}

function crc32cOf(body: Buffer): string {
  const crc = new CRC32C();
  crc.update(body);
  return crc.toString();
}

/**
 * The few Cloud Storage JSON API calls GcsStorage makes (multipart upload, get metadata, download,
 * list, delete), in memory, so the adapter's own logic is tested offline. Not an emulator: no
 * signatures, no policies.
 */
export async function startFakeGcsJsonApi(bucket: string) {
  const objects = new Map<string, FakeObject>();
  const requests: string[] = [];
  const resource = (name: string, object: FakeObject) => ({
    kind: 'storage#object',
    bucket,
    name,
    size: String(object.body.length),
    contentType: object.contentType,
    ...(object.cacheControl ? { cacheControl: object.cacheControl } : {}),
    updated: object.updated,
    timeCreated: object.updated,
    // The client checks these against what it sent.
    md5Hash: createHash('md5').update(object.body).digest('base64'),
    crc32c: crc32cOf(object.body),
  });
  const notFound = (res: http.ServerResponse) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: { code: 404, message: 'No such object', errors: [{ reason: 'notFound' }] },
      }),
    );
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      requests.push(`${req.method} ${url.pathname}`);
      const body = Buffer.concat(chunks);
      const objectPath = `/storage/v1/b/${bucket}/o/`;
      if (
        req.method === 'POST' &&
        url.pathname === `/upload/storage/v1/b/${bucket}/o` &&
        url.searchParams.get('uploadType') === 'multipart'
      ) {
        const boundary = /boundary="?([^";]+)"?/.exec(req.headers['content-type'] ?? '')?.[1] ?? '';
        const parts = body
          .toString('latin1')
          .split(`--${boundary}`)
          .slice(1, -1)
          .map((part) => part.slice(part.indexOf('\r\n\r\n') + 4, -2));
        const metadata = JSON.parse(parts[0] ?? '{}') as {
          name?: string;
          contentType?: string;
          cacheControl?: string;
        };
        const name = url.searchParams.get('name') ?? metadata.name ?? '';
        const object: FakeObject = {
          body: Buffer.from(parts[1] ?? '', 'latin1'),
          contentType: metadata.contentType ?? 'application/octet-stream',
          ...(metadata.cacheControl ? { cacheControl: metadata.cacheControl } : {}),
          updated: new Date().toISOString(),
        };
        objects.set(name, object);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(resource(name, object)));
        return;
      }
      if (url.pathname === `/storage/v1/b/${bucket}/o` && req.method === 'GET') {
        const prefix = url.searchParams.get('prefix') ?? '';
        const items = [...objects.entries()]
          .filter(([name]) => name.startsWith(prefix))
          .map(([name, object]) => resource(name, object));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'storage#objects', items }));
        return;
      }
      if (url.pathname.startsWith(objectPath)) {
        const name = decodeURIComponent(url.pathname.slice(objectPath.length));
        const object = objects.get(name);
        if (!object) return notFound(res);
        if (req.method === 'DELETE') {
          objects.delete(name);
          res.writeHead(204);
          res.end();
          return;
        }
        if (url.searchParams.get('alt') === 'media') {
          res.writeHead(200, {
            'content-type': object.contentType,
            'content-length': object.body.length,
          });
          res.end(object.body);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(resource(name, object)));
        return;
      }
      res.writeHead(501, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { code: 501, message: `fake does not implement ${req.method} ${url.pathname}` },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
