export {
  createHttpService,
  type HttpService,
  type HttpServiceOptions,
  type ReadinessCheck,
} from './http-service';
export { exitOnShutdownSignals } from './shutdown-signals';
