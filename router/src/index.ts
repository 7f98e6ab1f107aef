// Starts the router from the environment (see .env.example); `npm run dev` runs this with tsx.
import { createLogger } from '@groovy/common/logging';
import { loadRouterEnvironment } from './environment';
import { startRouter } from './start-router';

const environment = loadRouterEnvironment();
const logger = createLogger({
  service: 'router',
  level: environment.LOG_LEVEL,
  format: environment.LOG_FORMAT,
});

startRouter({ environment, logger, handleSignals: true }).catch((error: unknown) => {
  logger.fatal({ err: error }, 'router failed to start');
  process.exit(1);
});
