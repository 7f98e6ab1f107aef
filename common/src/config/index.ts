export { EnvironmentError, loadEnvironment, parseEnvironment } from './load-environment';
export {
  DEV_IDENTITY_TOKEN_SECRET,
  envBoolean,
  envOptionalUrl,
  envPort,
  envPositiveInt,
  serviceEnvironmentShape,
} from './environment-fields';
