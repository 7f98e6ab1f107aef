import 'reflect-metadata';

export {
  buildFederatedSchema,
  FEDERATION_LINK,
  type FederatedSchemaOptions,
  type ReferenceResolvers,
} from './build-federated-schema';
export { PageInfo } from './page-info';
