import 'reflect-metadata';

export {
  serveSubgraph,
  type BaseSubgraphContext,
  type ContextArgs,
  type RunningSubgraph,
  type StartSubgraphOptions,
  type SubgraphDependencies,
  type SubgraphEnvironment,
} from './start-subgraph';
export { startSubgraph, type RunningDescribedSubgraph } from './start-described-subgraph';
export {
  BusPublisher,
  RelayNotifier,
  subgraphServerOptions,
  type SubgraphBuildDependencies,
  type SubgraphDescription,
  type SubgraphModule,
  type SubgraphOverrides,
} from './subgraph-description';
export { requireUserId } from './require-user-id';
export { resolverContainer, type ResolverClass } from './resolver-container';
export { requiresRouterIdentity, routerClaimsOf, routerIdentity } from './router-identity';
export { hasRole, requireRole } from './require-role';
export { requireRoleToSubscribe } from './require-role-to-subscribe';
export { InstanceLiveEvents, type LiveEvents } from './live-events';
export { selectsOnly, shareEventResults } from './shared-event-results';
export {
  DEFAULT_SUBSCRIPTION_LIMITS,
  serveSubscriptions,
  type SubscriptionLimits,
  type SubscriptionServer,
  type SubscriptionServerOptions,
} from './subscription-server';
