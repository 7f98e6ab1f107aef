import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { MongoClient } from 'mongodb';

const TSX_CLI = require.resolve('tsx/cli');
const CLI = join(__dirname, '..', 'src', 'cli.ts');

function startCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [TSX_CLI, CLI, ...args], { stdio: 'pipe' });
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', (line) => {
      rl.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`cli exited early with ${String(code)}`)));
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('groovy-mongo CLI', () => {
  it('prints one JSON listening line, serves clients, exits 0 on SIGTERM, and refuses a busy port', async () => {
    const child = startCli(['--host', '127.0.0.1', '--port', '0']);
    const exited = exitOf(child);
    const line = JSON.parse(await firstLine(child)) as {
      level: string;
      service: string;
      msg: string;
      url: string;
    };
    expect(line).toMatchObject({ level: 'info', service: 'mongo', msg: 'listening' });
    expect(line.url).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+$/);
    const client = await MongoClient.connect(line.url);
    expect((await client.db('admin').command({ ping: 1 })).ok).toBe(1);
    await client.close();

    const port = line.url.split(':').pop() as string;
    const busy = startCli(['--port', port]);
    let stderr = '';
    busy.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const busyCode = await exitOf(busy);
    expect(busyCode).not.toBe(0);
    expect(stderr).toMatch(/already in use/);
    expect(stderr.trim().split('\n')).toHaveLength(1);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
