import type { ServiceMetrics } from '@groovy/common/metrics';
import type { RequestHandler } from 'express';
import { Counter } from 'prom-client';

/** What the router counts besides common's HTTP and GraphQL metrics. */
export interface RouterMetrics {
  /** Counts requests refused before execution (`res.locals.rejectedWith`, set by sendGraphQLError). */
  rejectionMiddleware: RequestHandler;
  /** A subgraph that could not be reached. */
  subgraphUnavailable(subgraph: string): void;
  /** A catalogue event dropped the response cache (by event type). */
  responseCacheInvalidated(eventType: string): void;
}

export function createRouterMetrics(metrics: ServiceMetrics): RouterMetrics {
  const rejections = new Counter({
    name: 'router_rejections_total',
    help: 'Requests the router refused before running them, by error code and HTTP status',
    labelNames: ['code', 'status'] as const,
    registers: [metrics.registry],
  });
  const unavailable = new Counter({
    name: 'router_subgraph_unavailable_total',
    help: 'Subgraph requests that got no answer (refused, reset, timed out), by subgraph',
    labelNames: ['subgraph'] as const,
    registers: [metrics.registry],
  });
  const invalidations = new Counter({
    name: 'router_response_cache_invalidations_total',
    help: 'Catalogue events that made the response cache drop its answers, by event type',
    labelNames: ['type'] as const,
    registers: [metrics.registry],
  });
  return {
    rejectionMiddleware: (_req, res, next) => {
      res.on('finish', () => {
        const code = res.locals.rejectedWith as string | undefined;
        if (code) rejections.inc({ code, status: String(res.statusCode) });
      });
      next();
    },
    subgraphUnavailable: (subgraph) => unavailable.inc({ subgraph }),
    responseCacheInvalidated: (type) => invalidations.inc({ type }),
  };
}
