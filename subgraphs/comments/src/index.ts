import { startSubgraph } from '@groovy/common/subgraph';
import { commentsSubgraph } from './comments-subgraph';
import { readCommentsEnvironment } from './environment';

startSubgraph(commentsSubgraph(readCommentsEnvironment())).catch((error: unknown) => {
  console.error(
    JSON.stringify({
      level: 'fatal',
      service: 'comments',
      msg: 'failed to start',
      err: String(error),
    }),
  );
  process.exit(1);
});
