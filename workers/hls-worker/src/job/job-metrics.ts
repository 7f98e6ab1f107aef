import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { JobOutcome } from './upload-job';

/** Job counters on the service's /metrics: outcomes, step durations, queue depth. */
export function createJobMetrics(
  registry: Registry,
  queueSize: () => { waiting: number; running: number },
) {
  const jobs = new Counter({
    name: 'hls_jobs_total',
    help: 'Upload jobs by outcome (ready, failed, refused, deferred, ignored, aborted, crashed) and failure code',
    labelNames: ['outcome', 'code'] as const,
    registers: [registry],
  });
  const steps = new Histogram({
    name: 'hls_job_step_duration_seconds',
    help: 'Time per job step (download, probe, transcode, upload, webhooks, total)',
    labelNames: ['step'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
    registers: [registry],
  });
  new Gauge({
    name: 'hls_job_queue',
    help: 'Upload jobs waiting and running',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const size = queueSize();
      this.set({ state: 'waiting' }, size.waiting);
      this.set({ state: 'running' }, size.running);
    },
  });
  return {
    record(outcome: JobOutcome): void {
      jobs.inc({ outcome: outcome.status, code: outcome.status === 'failed' ? outcome.code : '' });
      if (outcome.status === 'ignored') return;
      for (const [step, ms] of Object.entries(outcome.timings)) {
        steps.observe({ step: step.replace(/Ms$/, '') }, ms / 1000);
      }
    },
    recordError(kind: 'aborted' | 'crashed'): void {
      jobs.inc({ outcome: kind, code: '' });
    },
  };
}
