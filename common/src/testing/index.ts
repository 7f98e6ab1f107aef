export {
  executeAsRouter,
  type ExecuteAsRouterOptions,
  type TestGraphQLResult,
} from './execute-as-router';
export { spawnService, type SpawnedService, type SpawnServiceOptions } from './spawn-service';
export { startTestMongo, type TestMongo } from './test-mongo';
export { createTestLogger, startTestSubgraph, TEST_ENVIRONMENT } from './start-test-subgraph';
export { toObjectFinalizedPush } from './object-finalized-push';
