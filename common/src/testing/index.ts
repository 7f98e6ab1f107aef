export { startTestMongo, type TestMongo } from './test-mongo';
export { createTestLogger, startTestSubgraph, TEST_ENVIRONMENT } from './start-test-subgraph';
