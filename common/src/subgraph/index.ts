import 'reflect-metadata';

export {
  startSubgraph,
  type BaseSubgraphContext,
  type RunningSubgraph,
  type StartSubgraphOptions,
  type SubgraphDependencies,
  type SubgraphEnvironment,
} from './start-subgraph';
