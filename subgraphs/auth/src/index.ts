import { readAuthEnvironment } from './environment';
import { startAuthSubgraph } from './start-auth-subgraph';

startAuthSubgraph(readAuthEnvironment()).catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', service: 'auth', msg: 'failed to start', err: String(error) }));
  process.exit(1);
});
