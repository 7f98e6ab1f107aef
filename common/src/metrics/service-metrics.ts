import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { OperationNameLabels, type OperationNameLabelsOptions } from './operation-name-labels';

/** Prometheus metrics of one service: process defaults, HTTP requests, GraphQL operations. */
export interface ServiceMetrics {
  registry: Registry;
  /** Counts and times every HTTP request by route, method and status. */
  httpMiddleware: RequestHandler;
  /** Counts and times every GraphQL operation by operation name, type and outcome. */
  apolloPlugin: ApolloServerPlugin;
  /** The bounded `operation` label; add the names of known operations (e.g. a persisted-documents manifest). */
  operationNames: OperationNameLabels;
}

export interface ServiceMetricsOptions {
  /** Bounds of the `operation` label (default: 200 names besides the known ones). */
  operationNames?: OperationNameLabelsOptions;
}

const LATENCY_BUCKETS_SECONDS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

export function createServiceMetrics(
  service: string,
  options: ServiceMetricsOptions = {},
): ServiceMetrics {
  const operationNames = new OperationNameLabels(options.operationNames);
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route, method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and method',
    labelNames: ['route', 'method'] as const,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [registry],
  });
  const operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by operation name (known names; the rest are "other"), type and outcome (ok or error)',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [registry],
  });
  const operationDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operation latency by operation name and type',
    labelNames: ['operation', 'type'] as const,
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [registry],
  });

  const httpMiddleware: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // The path only for the fixed routes; anything else is one label so cardinality stays bounded.
      // originalUrl: a mounted handler (app.use('/graphql', …)) rewrites req.url/req.path for its chain.
      const path = req.originalUrl.split('?')[0] ?? '';
      const route = ['/graphql', '/healthz', '/readyz', '/metrics'].includes(path) ? path : 'other';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
      httpDuration.observe({ route, method: req.method }, seconds);
    });
    next();
  };

  const apolloPlugin: ApolloServerPlugin = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, operation, errors, response }) {
          // The client chose the name: only a bounded set becomes a label (see OperationNameLabels).
          const operationLabel = operationNames.label(operationName);
          const type = operation?.operation ?? 'unknown';
          const body = response.body;
          const hasErrors =
            (errors?.length ?? 0) > 0 ||
            (body.kind === 'single' && (body.singleResult.errors?.length ?? 0) > 0);
          operations.inc({ operation: operationLabel, type, outcome: hasErrors ? 'error' : 'ok' });
          operationDuration.observe(
            { operation: operationLabel, type },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
        },
      };
    },
  };

  return { registry, httpMiddleware, apolloPlugin, operationNames };
}
