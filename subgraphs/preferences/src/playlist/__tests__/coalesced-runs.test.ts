import { CoalescedRuns } from '../coalesced-runs';

/** A task whose finish the test controls, recording when it started. */
function controlledTask(log: string[], name: string) {
  let finish!: (value: string) => void;
  const done = new Promise<string>((resolve) => (finish = resolve));
  return {
    task: () => {
      log.push(`start ${name}`);
      return done;
    },
    finish: (value = name) => finish(value),
  };
}

describe('CoalescedRuns', () => {
  it('queues one run behind the run under way, shared by every caller that arrives meanwhile', async () => {
    const runs = new CoalescedRuns<string>();
    const log: string[] = [];
    const first = controlledTask(log, 'first');
    const second = controlledTask(log, 'second');
    const a = runs.run('k', first.task);
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['start first']);
    // Two callers while the first run is under way: one new run for both, started after it.
    const b = runs.run('k', second.task);
    const c = runs.run('k', () => Promise.reject(new Error('never runs: joins the waiting run')));
    expect(b).toBe(c);
    first.finish();
    expect(await a).toBe('first');
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['start first', 'start second']);
    second.finish();
    expect(await b).toBe('second');
  });

  it('runs different keys independently, and carries on after a failed run', async () => {
    const runs = new CoalescedRuns<string>();
    await expect(runs.run('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await runs.run('x', async () => 'again')).toBe('again');
    const [y, z] = await Promise.all([
      runs.run('y', async () => 'y'),
      runs.run('z', async () => 'z'),
    ]);
    expect([y, z]).toEqual(['y', 'z']);
  });
});
