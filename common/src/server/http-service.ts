import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { requestScope } from '../logging/logger';
import type { ServiceMetrics } from '../metrics/service-metrics';

/** A dependency `/readyz` checks; the service is ready only when every check passes. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean>;
}

export interface HttpServiceOptions {
  name: string;
  host: string;
  port: number;
  logger: Logger;
  metrics: ServiceMetrics;
  /** What `/readyz` checks: a fixed list, or a function asked on every request (for lists that change). */
  readinessChecks?: ReadinessCheck[] | (() => readonly ReadinessCheck[]);
  /** Longest an orderly stop may take before connections are cut. */
  shutdownTimeoutMs?: number;
  /**
   * Serve `/metrics` and `/readyz` on this port only (0 = a free port), so they are not public
   * beside the API; `/healthz` stays on both. Unset: everything on `port`.
   */
  internalPort?: number;
  /** The interface of the internal port (default `host`). */
  internalHost?: string;
}

/** The HTTP shell every service shares: request ids, `/healthz`, `/readyz`, `/metrics`, graceful stop. */
export interface HttpService {
  /** Routes go here; call `finish()` after the last one to add the JSON 404 and error handlers. */
  app: Express;
  httpServer: http.Server;
  /** Starts listening (adding the JSON 404 and error handlers last); resolves with the base URL. */
  listen(): Promise<string>;
  /** With `internalPort`: the base URL of `/metrics` and `/readyz` once listening. */
  internalBaseUrl(): string | undefined;
  /** Runs on stop, after the listener closed and in-flight requests finished, last added first. */
  onStop(cleanup: () => Promise<void>): void;
  /**
   * Runs first on stop, while in-flight requests finish: for long-lived connections the listener
   * would otherwise wait for (WebSockets), so they are closed before anything they use is.
   */
  onClosing(cleanup: () => Promise<void>): void;
  /** Stops accepting, finishes in-flight requests, runs the cleanups. Safe to call twice. */
  stop(): Promise<void>;
}

const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

export function createHttpService(options: HttpServiceOptions): HttpService {
  const { logger, metrics, readinessChecks = [], shutdownTimeoutMs = 10_000 } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const internalApp = options.internalPort === undefined ? undefined : express();
  internalApp?.disable('x-powered-by');
  const internalServer = internalApp ? http.createServer(internalApp) : undefined;
  let internalBaseUrl: string | undefined;
  const cleanups: Array<() => Promise<void>> = [];
  const closings: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | undefined;

  app.use((req, res, next) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    requestScope.run({ requestId }, next);
  });
  app.use(metrics.httpMiddleware);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  internalApp?.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  const operational = internalApp ?? app;
  operational.get('/readyz', async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: 'stopping', service: options.name, checks: {} });
      return;
    }
    const current = typeof readinessChecks === 'function' ? readinessChecks() : readinessChecks;
    const results = await Promise.all(
      current.map(async ({ name, check }) => [name, await check().catch(() => false)] as const),
    );
    const ready = results.every(([, ok]) => ok);
    const checks = Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'ok' : 'failing']));
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', service: options.name, checks });
  });
  operational.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  async function runStop(): Promise<void> {
    logger.info('stopping: no new connections; finishing in-flight requests');
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    await Promise.all(
      closings.map((closing) =>
        closing().catch((error: unknown) => logger.error({ err: error }, 'error while closing')),
      ),
    );
    if (internalServer?.listening) {
      internalServer.close();
      internalServer.closeAllConnections();
    }
    const forced = setTimeout(() => {
      logger.warn(
        { timeoutMs: shutdownTimeoutMs },
        'stop timed out; closing remaining connections',
      );
      httpServer.closeAllConnections();
    }, shutdownTimeoutMs);
    forced.unref();
    // Keep-alive sockets that become idle after their last response are closed as they free up.
    const idleSweep = setInterval(() => httpServer.closeIdleConnections(), 50);
    idleSweep.unref();
    await closed;
    clearInterval(idleSweep);
    clearTimeout(forced);
    for (const cleanup of [...cleanups].reverse()) {
      try {
        await cleanup();
      } catch (error) {
        logger.error({ err: error }, 'error while stopping');
      }
    }
    logger.info('stopped');
  }

  let finished = false;
  /** Unknown paths and unhandled errors answer JSON, never Express's HTML page with file paths. */
  const addFinalHandlers = () => {
    if (finished) return;
    finished = true;
    app.use((req, res) => {
      res.status(404).json({ error: 'not found', path: req.path });
    });
    app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) {
        next(error);
        return;
      }
      const status = httpStatusOf(error);
      if (status >= 500) logger.error({ err: error }, 'unhandled error in an HTTP route');
      res
        .status(status)
        .json({ error: status >= 500 ? 'internal server error' : (error as Error).message });
    });
  };

  return {
    app,
    httpServer,
    listen: async () => {
      addFinalHandlers();
      if (internalApp && internalServer) {
        internalApp.use((req, res) => {
          res.status(404).json({ error: 'not found', path: req.path });
        });
        internalBaseUrl = await listenOn(
          internalServer,
          options.internalPort ?? 0,
          options.internalHost ?? options.host,
        );
      }
      try {
        return await listenOn(httpServer, options.port, options.host);
      } catch (error) {
        internalServer?.close();
        throw error;
      }
    },
    internalBaseUrl: () => internalBaseUrl,
    onStop: (cleanup) => {
      cleanups.push(cleanup);
    },
    onClosing: (cleanup) => {
      closings.push(cleanup);
    },
    stop: () => {
      stopping ??= runStop();
      return stopping;
    },
  };
}

/** Listens on `port` of `host`; resolves with the base URL (`http://host:port`). */
function listenOn(server: http.Server, port: number, host: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { port: bound } = server.address() as AddressInfo;
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${bound}`);
    });
  });
}

/** The status an error carries (body-parser sets `status`, e.g. 413 or 400), else 500. */
function httpStatusOf(error: unknown): number {
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
