import { exitOnShutdownSignals } from '@groovy/common/server';
import { readWorkerEnvironment } from './environment';
import { startHlsWorker } from './start-hls-worker';

startHlsWorker(readWorkerEnvironment()).then(
  (worker) => exitOnShutdownSignals(worker.stop, worker.logger),
  (error: unknown) => {
    console.error(
      JSON.stringify({
        level: 'fatal',
        service: 'hls-worker',
        msg: 'failed to start',
        err: String(error),
      }),
    );
    process.exit(1);
  },
);
