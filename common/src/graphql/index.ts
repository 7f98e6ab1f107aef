import 'reflect-metadata';

export {
  buildFederatedSchema,
  FEDERATION_LINK,
  type FederatedSchemaOptions,
  type ReferenceResolvers,
} from './build-federated-schema';
export {
  cacheControlDirective,
  CacheInherit,
  CacheMaxAge,
  CachePrivate,
  CATALOGUE_MAX_AGE_SECONDS,
} from './cache-control';
export { PageInfo } from './page-info';
