export {
  createLogger,
  requestScope,
  type Logger,
  type LoggerOptions,
  type RequestScope,
} from './logger';
