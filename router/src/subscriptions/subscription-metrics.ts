import type { ServiceMetrics } from '@groovy/common/metrics';
import { Counter, Gauge } from 'prom-client';

/** The subscription side of /metrics. Labels are bounded: subgraph names, operation labels, codes. */
export interface SubscriptionMetrics {
  connectionOpened(): void;
  connectionClosed(): void;
  subscriptionStarted(subgraph: string): void;
  subscriptionEnded(subgraph: string): void;
  eventDelivered(subgraph: string, operationName: string | undefined): void;
  upstreamSockets(subgraph: string, delta: 1 | -1): void;
  refused(code: string): void;
}

export function createSubscriptionMetrics(metrics: ServiceMetrics): SubscriptionMetrics {
  const registers = [metrics.registry];
  const connections = new Gauge({
    name: 'router_ws_connections',
    help: 'Client WebSocket (graphql-ws) connections open now',
    registers,
  });
  const active = new Gauge({
    name: 'router_subscriptions_active',
    help: 'Client subscriptions running now, by owning subgraph',
    labelNames: ['subgraph'] as const,
    registers,
  });
  const events = new Counter({
    name: 'router_subscription_events_total',
    help: 'Subscription events delivered to clients, by owning subgraph and operation',
    labelNames: ['subgraph', 'operation'] as const,
    registers,
  });
  const upstream = new Gauge({
    name: 'router_upstream_ws_connections',
    help: 'graphql-ws sockets open from the router to subgraphs, by subgraph',
    labelNames: ['subgraph'] as const,
    registers,
  });
  const refusals = new Counter({
    name: 'router_subscription_rejections_total',
    help: 'WebSocket connections and subscribes refused, by error code',
    labelNames: ['code'] as const,
    registers,
  });
  return {
    connectionOpened: () => connections.inc(),
    connectionClosed: () => connections.dec(),
    subscriptionStarted: (subgraph) => active.inc({ subgraph }),
    subscriptionEnded: (subgraph) => active.dec({ subgraph }),
    eventDelivered: (subgraph, operationName) =>
      events.inc({ subgraph, operation: metrics.operationNames.label(operationName) }),
    upstreamSockets: (subgraph, delta) => upstream.inc({ subgraph }, delta),
    refused: (code) => refusals.inc({ code }),
  };
}
