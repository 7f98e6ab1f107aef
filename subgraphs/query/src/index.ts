import { readQueryEnvironment } from './environment';
import { startQuerySubgraph } from './start-query-subgraph';

startQuerySubgraph(readQueryEnvironment()).catch((error: unknown) => {
  console.error(
    JSON.stringify({
      level: 'fatal',
      service: 'query',
      msg: 'failed to start',
      err: String(error),
    }),
  );
  process.exit(1);
});
