export { createHttpService, type HttpService, type HttpServiceOptions, type ReadinessCheck } from './http-service';
export { exitOnShutdownSignals } from './shutdown-signals';
export {
  startSubgraph,
  type BaseSubgraphContext,
  type RunningSubgraph,
  type StartSubgraphOptions,
  type SubgraphDependencies,
  type SubgraphEnvironment,
} from './start-subgraph';
export { requiresRouterIdentity, routerClaimsOf, routerIdentity } from './router-identity';
