export { EnvironmentError, loadEnvironment, parseEnvironment } from './load-environment';
export {
  DEV_IDENTITY_TOKEN_SECRET,
  envBoolean,
  envOptionalBoolean,
  envOptionalUrl,
  envPort,
  envPositiveInt,
  serviceEnvironmentShape,
  subgraphEnvironmentShape,
} from './environment-fields';
