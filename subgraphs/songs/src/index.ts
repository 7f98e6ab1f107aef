import { readSongsEnvironment } from './environment';
import { startSongsSubgraph } from './start-songs-subgraph';

startSongsSubgraph(readSongsEnvironment()).catch((error: unknown) => {
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
