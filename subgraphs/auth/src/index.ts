import { startSubgraph } from '@groovy/common/subgraph';
import { authSubgraph } from './auth-subgraph';
import { readAuthEnvironment } from './environment';

startSubgraph(authSubgraph(readAuthEnvironment())).catch((error: unknown) => {
  console.error(
    JSON.stringify({ level: 'fatal', service: 'auth', msg: 'failed to start', err: String(error) }),
  );
  process.exit(1);
});
