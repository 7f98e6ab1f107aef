export {
  executeAsRouter,
  routerIdentityToken,
  type ExecuteAsRouterOptions,
  type TestGraphQLResult,
} from './execute-as-router';
export { spawnService, type SpawnedService, type SpawnServiceOptions } from './spawn-service';
export { startTestMongo, type TestMongo } from './test-mongo';
export { createTestLogger, startTestSubgraph, TEST_ENVIRONMENT } from './start-test-subgraph';
export { toObjectFinalizedPush } from './object-finalized-push';
export {
  subscribeAsRouter,
  TestSubscriptionError,
  waitUntil,
  type SubscribeAsRouterOptions,
  type TestSubscription,
} from './subscribe-as-router';
