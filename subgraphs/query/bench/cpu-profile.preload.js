// Preloaded into each service when BENCH_CPU_PROF_DIR is set (`--require` via NODE_OPTIONS, where
// Node 20 refuses `--cpu-prof`). SIGUSR2 starts a V8 CPU profile (the bench sends it when its
// measured load begins); on exit (the bench stops services with SIGTERM, they exit cleanly) the
// profile is written to $BENCH_CPU_PROF_FILE. The in-thread inspector session answers
// synchronously, so writing from the `exit` handler works.
const fs = require('node:fs');
const inspector = require('node:inspector');

const file = process.env.BENCH_CPU_PROF_FILE;
if (file) {
  let session;
  process.on('SIGUSR2', () => {
    if (session) return;
    session = new inspector.Session();
    session.connect();
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 500 });
    session.post('Profiler.start');
  });
  process.once('exit', () => {
    if (!session) return;
    session.post('Profiler.stop', (error, result) => {
      if (!error) fs.writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}
