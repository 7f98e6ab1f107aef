import { startSubgraph } from '@groovy/common/subgraph';
import { readPreferencesEnvironment } from './environment';
import { preferencesSubgraph } from './preferences-subgraph';

startSubgraph(preferencesSubgraph(readPreferencesEnvironment())).catch((error: unknown) => {
  console.error(
    JSON.stringify({
      level: 'fatal',
      service: 'preferences',
      msg: 'failed to start',
      err: String(error),
    }),
  );
  process.exit(1);
});
