import { startSubgraph } from '@groovy/common/subgraph';
import { readQueryEnvironment } from './environment';
import { querySubgraph } from './query-subgraph';

startSubgraph(querySubgraph(readQueryEnvironment())).catch((error: unknown) => {
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
