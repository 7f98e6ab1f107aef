import fs from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { ConflictError, DomainError, NotFoundError } from '../../errors/domain-errors';
import { createServiceMetrics, type ServiceMetrics } from '../../metrics/service-metrics';
import { createHttpService, type HttpService } from '../../server/http-service';
import { mediaTypeOf } from '../mime-types';
import { objectKeyProblem } from '../object-key';
import { ObjectExistsError, ObjectTooLargeError } from '../storage-errors';
import { FinalizationNotRecordedError, type LocalDiskStorage } from './local-disk-storage';
import { UPLOAD_QUERY, verifyUploadGrant } from './upload-signature';

export interface StorageRouterOptions {
  storage: LocalDiskStorage;
  logger: Logger;
  /** Origins allowed to PUT and GET from a browser: `*` (the default; URLs are signed anyway) or a list. */
  corsOrigins?: '*' | readonly string[];
  /** How much of a rejected body is read and thrown away so the client can read the error (default 8 MiB). */
  discardLimitBytes?: number;
  /**
   * Keys under these prefixes are never served over HTTP (GET/HEAD answer 404, as for a missing
   * object): uploaded originals, which only the worker reads, through the Storage interface. Default
   * {@link PRIVATE_KEY_PREFIXES}.
   */
  privateKeyPrefixes?: readonly string[];
}

/** Uploaded originals (`uploads/<songId>/original.<ext>`): stored, never served; only published media is. */
export const PRIVATE_KEY_PREFIXES: readonly string[] = ['uploads/'];

export interface LocalStorageServerOptions extends StorageRouterOptions {
  host?: string;
  /** 0 = a free port. */
  port?: number;
  metrics?: ServiceMetrics;
  shutdownTimeoutMs?: number;
}

export interface RunningLocalStorageServer {
  /** The address it listens on, e.g. `http://127.0.0.1:4010`. */
  url: string;
  service: HttpService;
  stop(): Promise<void>;
}

/** Headers a browser script on another origin may read (Range playback needs the length and range). */
const EXPOSED_HEADERS =
  'Content-Length, Content-Range, Content-Type, Accept-Ranges, ETag, Last-Modified, x-request-id';
const DEFAULT_ALLOWED_HEADERS =
  'content-type, range, if-none-match, if-modified-since, x-request-id';

type ErrorCode =
  | 'INVALID_KEY'
  | 'MISSING_SIGNATURE'
  | 'SIGNATURE_INVALID'
  | 'URL_EXPIRED'
  | 'CONTENT_TYPE_MISMATCH'
  | 'TOO_LARGE'
  | 'INCOMPLETE_BODY'
  | 'KEY_CONFLICT'
  | 'ALREADY_UPLOADED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'INTERNAL';

function sendError(res: Response, status: number, code: ErrorCode, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).json({ error: { code, message } });
}

/** `/objects/<percent-encoded key>` → the key, or an error message. */
function keyFromRequest(req: Request): { key: string } | { problem: string } {
  const rawPath = (req.url.split('?')[0] ?? '').replace(/^\/+/, '');
  let key: string;
  try {
    key = decodeURIComponent(rawPath);
  } catch {
    return { problem: 'the object key is not valid percent-encoding' };
  }
  const problem = objectKeyProblem(key);
  if (problem) return { problem: `invalid object key ${JSON.stringify(key)}: ${problem}` };
  if (key.endsWith('/'))
    return { problem: `invalid object key ${JSON.stringify(key)}: key must not end with "/"` };
  return { key };
}

/**
 * After an early error answer to a PUT, reads and drops the rest of the body (up to a limit) so
 * the client sees the answer instead of a reset connection; past the limit the socket is cut.
 */
function discardRestOfBody(req: IncomingMessage, res: Response, limitBytes: number): void {
  if (req.complete) return;
  res.setHeader('connection', 'close');
  let discarded = 0;
  const cut = setTimeout(() => req.socket.destroy(), 5_000);
  cut.unref();
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limitBytes) req.socket.destroy();
  });
  req.once('end', () => clearTimeout(cut));
  req.once('close', () => clearTimeout(cut));
  req.resume();
}

function firstQueryValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/**
 * The `/objects/*` routes: signed PUT uploads, GET/HEAD reads with Range support, CORS. Mount it at
 * `/objects` in any express app (createLocalStorageServer does).
 */
export function createStorageRouter(options: StorageRouterOptions): Router {
  const {
    storage,
    logger,
    corsOrigins = '*',
    discardLimitBytes = 8 * 1024 * 1024,
    privateKeyPrefixes = PRIVATE_KEY_PREFIXES,
  } = options;
  // Case-insensitively: on a case-insensitive disk (macOS) `UPLOADS/…` is the same file.
  const isPrivate = (key: string) =>
    privateKeyPrefixes.some((prefix) => key.toLowerCase().startsWith(prefix.toLowerCase()));
  const router = express.Router();

  router.use((req, res, next) => {
    // Browsers must take the stored content type as it is, never sniff an upload into HTML or script.
    res.setHeader('x-content-type-options', 'nosniff');
    const origin = req.header('origin');
    if (origin) {
      if (corsOrigins === '*') {
        res.setHeader('access-control-allow-origin', '*');
      } else if (corsOrigins.includes(origin)) {
        res.setHeader('access-control-allow-origin', origin);
        res.vary('Origin');
      }
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    }
    if (req.method === 'OPTIONS') {
      const requested = req.header('access-control-request-headers');
      res.setHeader('access-control-allow-methods', 'GET, HEAD, PUT, OPTIONS');
      res.setHeader(
        'access-control-allow-headers',
        requested && /^[\w\s,-]+$/.test(requested) ? requested : DEFAULT_ALLOWED_HEADERS,
      );
      res.setHeader('access-control-max-age', '600');
      res.vary('Access-Control-Request-Headers');
      res.status(204).end();
      return;
    }
    next();
  });

  router.put(/.*/, async (req, res) => {
    const fail = (status: number, code: ErrorCode, message: string) => {
      discardRestOfBody(req, res, discardLimitBytes);
      sendError(res, status, code, message);
    };
    const parsed = keyFromRequest(req);
    if ('problem' in parsed) return fail(400, 'INVALID_KEY', parsed.problem);
    const { key } = parsed;

    const contentType = firstQueryValue(req.query[UPLOAD_QUERY.contentType]);
    const maxBytesText = firstQueryValue(req.query[UPLOAD_QUERY.maxBytes]);
    const expiresText = firstQueryValue(req.query[UPLOAD_QUERY.expires]);
    const signature = firstQueryValue(req.query[UPLOAD_QUERY.signature]);
    if (!contentType || !maxBytesText || !expiresText || !signature) {
      return fail(
        403,
        'MISSING_SIGNATURE',
        'this URL is not a signed upload URL (signature parameters missing)',
      );
    }
    const maxBytes = /^\d{1,15}$/.test(maxBytesText) ? Number(maxBytesText) : NaN;
    const expiresAt = /^\d{1,12}$/.test(expiresText) ? Number(expiresText) : NaN;
    const check =
      Number.isNaN(maxBytes) || Number.isNaN(expiresAt)
        ? ({ ok: false, reason: 'invalid-signature' } as const)
        : verifyUploadGrant(
            { method: 'PUT', key, contentType, maxBytes, expiresAt },
            signature,
            storage.signingSecret,
            storage.currentTime(),
          );
    if (!check.ok) {
      return check.reason === 'expired'
        ? fail(
            403,
            'URL_EXPIRED',
            `the upload URL expired at ${new Date(expiresAt * 1000).toISOString()}`,
          )
        : fail(
            403,
            'SIGNATURE_INVALID',
            'the upload URL signature does not match (URL altered or signed with another secret)',
          );
    }

    const sentType = req.header('content-type');
    if (!sentType || mediaTypeOf(sentType) !== mediaTypeOf(contentType)) {
      return fail(
        415,
        'CONTENT_TYPE_MISMATCH',
        `this upload URL only accepts content-type ${contentType} (got ${sentType ?? 'none'})`,
      );
    }
    const declared = req.header('content-length');
    if (declared !== undefined && Number(declared) > maxBytes) {
      return fail(
        413,
        'TOO_LARGE',
        `the body (${declared} bytes) is larger than the ${maxBytes} bytes this upload allows`,
      );
    }

    try {
      // One upload per signed URL: a second PUT (a replayed URL) never replaces the object.
      const stored = await storage.receive(key, req, { contentType, maxBytes, once: true });
      res.status(200).json({
        key: stored.key,
        size: stored.size,
        contentType: stored.contentType,
        updatedAt: stored.updatedAt,
      });
    } catch (error) {
      if (error instanceof ObjectTooLargeError) {
        return fail(
          413,
          'TOO_LARGE',
          `the body is larger than the ${maxBytes} bytes this upload allows`,
        );
      }
      if (error instanceof ObjectExistsError) return fail(409, 'ALREADY_UPLOADED', error.message);
      if (error instanceof ConflictError) return fail(409, 'KEY_CONFLICT', error.message);
      if (error instanceof FinalizationNotRecordedError) {
        return fail(
          500,
          'INTERNAL',
          'the upload arrived but could not be announced for processing; please send it again',
        );
      }
      if (req.destroyed || !req.complete) {
        logger.info({ key }, 'upload aborted by the client before it was complete; nothing kept');
        return fail(
          400,
          'INCOMPLETE_BODY',
          'the upload ended before the whole body arrived; nothing was kept',
        );
      }
      logger.error({ err: error, key }, 'upload failed');
      return fail(500, 'INTERNAL', 'the upload failed; nothing was kept');
    }
  });

  router.get(/.*/, async (req, res) => {
    // Express routes HEAD to GET handlers; sendFile answers HEAD without a body.
    const parsed = keyFromRequest(req);
    if ('problem' in parsed) return sendError(res, 400, 'INVALID_KEY', parsed.problem);
    let file;
    try {
      file = isPrivate(parsed.key) ? null : await storage.openObject(parsed.key);
    } catch (error) {
      if (error instanceof DomainError) return sendError(res, 400, 'INVALID_KEY', error.message);
      throw error;
    }
    if (!file)
      return sendError(res, 404, 'NOT_FOUND', new NotFoundError('Object', parsed.key).message);
    res.setHeader('content-type', file.contentType);
    if (file.cacheControl) res.setHeader('cache-control', file.cacheControl);
    res.sendFile(
      file.path,
      { dotfiles: 'allow', acceptRanges: true, etag: true, lastModified: true },
      (error?: Error) => {
        if (!error || res.headersSent) return;
        const status = (error as Error & { status?: number }).status;
        if (status === 404)
          sendError(res, 404, 'NOT_FOUND', new NotFoundError('Object', parsed.key).message);
        else if (status === 412 || status === 416) res.status(status).end();
        else {
          logger.error({ err: error, key: parsed.key }, 'read failed');
          sendError(res, 500, 'INTERNAL', 'the read failed');
        }
      },
    );
  });

  router.all(/.*/, (req, res) => {
    res.setHeader('allow', 'GET, HEAD, PUT, OPTIONS');
    sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported on objects`);
  });

  return router;
}

/**
 * The storage HTTP server for the local adapter: `/objects/*` (see createStorageRouter) plus the
 * shared `/healthz`, `/readyz` (the storage directory is writable) and `/metrics`, graceful stop.
 */
export function createLocalStorageServer(options: LocalStorageServerOptions): HttpService {
  const service = createHttpService({
    name: 'storage',
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 4010,
    logger: options.logger,
    metrics: options.metrics ?? createServiceMetrics('storage'),
    shutdownTimeoutMs: options.shutdownTimeoutMs,
    readinessChecks: [
      {
        name: 'storage-directory',
        check: async () => {
          await fs.mkdir(options.storage.rootDir, { recursive: true });
          await fs.access(options.storage.rootDir, fs.constants.W_OK);
          return true;
        },
      },
    ],
  });
  service.app.use('/objects', createStorageRouter(options));
  service.onStop(() => options.storage.close());
  return service;
}

/**
 * Builds and starts the storage server. With `port: 0` (a free port) the storage's URLs are pointed
 * at the address it got, so signed upload and read URLs reach it.
 */
export async function startLocalStorageServer(
  options: LocalStorageServerOptions,
): Promise<RunningLocalStorageServer> {
  const service = createLocalStorageServer(options);
  const url = await service.listen();
  if (options.port === 0) options.storage.setPublicUrl(url);
  options.logger.info({ url, rootDir: options.storage.rootDir }, 'storage server listening');
  return { url, service, stop: () => service.stop() };
}
