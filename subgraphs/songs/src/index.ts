import { startSubgraph } from '@groovy/common/subgraph';
import { readSongsEnvironment } from './environment';
import { songsSubgraph } from './songs-subgraph';

startSubgraph(songsSubgraph(readSongsEnvironment())).catch((error: unknown) => {
  console.error(
    JSON.stringify({
      level: 'fatal',
      service: 'songs',
      msg: 'failed to start',
      err: String(error),
    }),
  );
  process.exit(1);
});
