export { connectDatabase, isDatabaseReachable } from './connect-database';
export { findMongodOnPath } from './find-mongod-binary';
export {
  redactCredentials,
  MongoUrlRequiredError,
  resolveMongo,
  resolveMongoFromEnvironment,
  type MongoEnvironment,
  type MongoSource,
  type ResolveMongoOptions,
  type ResolvedMongo,
} from './resolve-mongo';
