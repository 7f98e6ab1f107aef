/**
 * What an idle platform costs: starts the stack (embedded Mongo, auth, songs, query, preferences,
 * router) as real processes, lets it settle, then for STACK_IDLE_WINDOW_MS (10 s) with no request
 * reads each process's CPU time from /proc and the commands the Mongo server answered (serverStatus
 * `metrics.commands`, by name). One JSON line per figure; `stack_idle_cpu_pct` is the sum over the
 * processes in percent of one core.
 */
import fs from 'node:fs';
import { MongoClient } from 'mongodb';
import { launchStack } from '../launch-stack';

const WINDOW_MS = Number(process.env.STACK_IDLE_WINDOW_MS ?? 10_000);
const SETTLE_MS = Number(process.env.STACK_IDLE_SETTLE_MS ?? 5_000);
const SERVICES = ['auth', 'songs', 'query', 'preferences', 'router'];
const SECRETS = {
  IDENTITY_TOKEN_SECRET: 'bench-identity-token-secret-0123456789abcdef',
  WORKER_WEBHOOK_SECRET: 'bench-worker-webhook-secret-0123456789abcdef',
  STORAGE_SIGNING_SECRET: 'bench-storage-signing-secret-0123456789abcdef',
};

function emit(figure: string, value: unknown, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ bench: 'stack-idle', figure, ...extra, value })}\n`);
}

/** CPU time (user + system, ms) of a process so far; undefined when it is gone (or no /proc). */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = (fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] as string).split(
      ' ',
    );
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

async function commandCounts(client: MongoClient): Promise<Record<string, number>> {
  const status = await client.db('admin').command({ serverStatus: 1 });
  const commands = (status.metrics?.commands ?? {}) as Record<string, { total?: unknown }>;
  return Object.fromEntries(Object.entries(commands).map(([name, c]) => [name, Number(c.total)]));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const stack = await launchStack({
    mode: 'isolated',
    services: SERVICES,
    mongoUrl: process.env.MONGO_URL || undefined,
    secrets: SECRETS,
    env: { NODE_ENV: 'production' },
    serviceEnv: { router: { SUPERGRAPH_WATCH: 'false', RATE_LIMIT_ENABLED: 'false' } },
    startTimeoutMs: 180_000,
  });
  const client = await MongoClient.connect(stack.mongoUrl!);
  try {
    await sleep(SETTLE_MS);
    const pids = Object.entries(stack.pids).filter((entry): entry is [string, number] =>
      Number.isInteger(entry[1]),
    );
    const commandsBefore = await commandCounts(client);
    const before = new Map(pids.map(([name, pid]) => [name, cpuMs(pid)]));
    const started = performance.now();
    await sleep(WINDOW_MS);
    const elapsed = performance.now() - started;
    const commandsAfter = await commandCounts(client);
    const perProcess: Record<string, number> = {};
    for (const [name, pid] of pids) {
      const a = before.get(name);
      const b = cpuMs(pid);
      if (a !== undefined && b !== undefined)
        perProcess[name] = Math.round(((b - a) / elapsed) * 1000) / 10;
    }
    const perSecond: Record<string, number> = {};
    for (const [name, total] of Object.entries(commandsAfter)) {
      const rate = ((total - (commandsBefore[name] ?? 0)) / elapsed) * 1000;
      if (rate > 0) perSecond[name] = Math.round(rate * 10) / 10;
    }
    // The two serverStatus calls of this bench are not the stack's.
    if (perSecond.serverStatus) delete perSecond.serverStatus;
    const total = Object.values(perProcess).reduce((sum, pct) => sum + pct, 0);
    const loadAvg = fs.existsSync('/proc/loadavg')
      ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]
      : undefined;
    emit('stack_idle_cpu_pct', Math.round(total * 10) / 10, { perProcess, loadAvg });
    emit(
      'stack_idle_mongo_commands_per_s',
      Math.round(Object.values(perSecond).reduce((sum, r) => sum + r, 0) * 10) / 10,
      { byCommand: perSecond },
    );
  } finally {
    await client.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`stack-idle bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
