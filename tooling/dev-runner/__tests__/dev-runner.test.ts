import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, MongoServerError } from 'mongodb';
import { goneSoon } from '../../stack/testing/process-state';

const MAIN = path.join(__dirname, '..', 'main.ts');
const TSX = require.resolve('tsx/cli');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Copies the fixture monorepo to a temp dir, with the echo service's dev script and URL on `port`. */
function makeFixture(port: number, crash = false): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-runner-'));
  fs.cpSync(path.join(__dirname, 'fixture'), root, { recursive: true });
  const echo = {
    name: 'echo-service',
    private: true,
    scripts: { dev: `ECHO_PORT=${port} ECHO_CRASH=${crash ? 1 : 0} node server.js` },
    groovy: { name: 'echo', url: `http://127.0.0.1:${port}/` },
  };
  fs.writeFileSync(path.join(root, 'services', 'echo', 'package.json'), JSON.stringify(echo));
  return root;
}

class RunnerProcess {
  output = '';
  readonly exited: Promise<number | null>;
  private readonly waiters: Array<{ pattern: RegExp; resolve: (m: RegExpMatchArray) => void }> = [];

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    const onData = (chunk: Buffer) => {
      this.output += chunk.toString();
      for (const waiter of [...this.waiters]) {
        const match = this.output.match(waiter.pattern);
        if (match) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(match);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
    const match = this.output.match(pattern);
    if (match) return Promise.resolve(match);
    return new Promise((resolve, reject) => {
      this.waiters.push({ pattern, resolve });
      void this.exited.then(() =>
        reject(new Error(`runner exited before ${pattern}; output:\n${this.output}`)),
      );
    });
  }
}

function startRunner(root: string, mongoPort: number): RunnerProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DEV_MONGO_PORT: String(mongoPort),
    DEV_MONGO_DATA_DIR: path.join(root, 'data'),
  };
  delete env.MONGO_URL;
  const child = spawn(process.execPath, [TSX, MAIN, '--root', root, '--no-build'], { env });
  return new RunnerProcess(child);
}

describe('npm run dev (dev runner)', () => {
  it('starts Mongo first, then every dev service, prints their URLs, and Ctrl-C leaves no process behind', async () => {
    const [echoPort, mongoPort] = [await freePort(), await freePort()];
    const runner = startRunner(makeFixture(echoPort), mongoPort);
    try {
      await runner.waitFor(/services up; Ctrl-C stops everything/);
      const mongoLine = runner.output.match(/^mongo\s+(mongodb:\/\/127\.0\.0\.1:(\d+))$/m);
      expect(mongoLine).not.toBeNull();
      expect(Number(mongoLine![2])).toBe(mongoPort);
      const echoLine = runner.output.match(
        new RegExp(`^echo\\s+http://127\\.0\\.0\\.1:${echoPort}/$`, 'm'),
      );
      expect(echoLine).not.toBeNull();
      expect(runner.output.indexOf(mongoLine![0])).toBeLessThan(
        runner.output.indexOf(echoLine![0]),
      );

      // The service's own output is prefixed with its name, and it was given the Mongo URL.
      const hello = runner.output.match(/^echo\s+\| hello from echo pid=(\d+) helper=(\d+)$/m);
      expect(hello).not.toBeNull();
      const served = (await (await fetch(`http://127.0.0.1:${echoPort}/`)).json()) as {
        mongo: string;
      };
      expect(served.mongo).toBe(mongoLine![1]);

      // The printed URL works for any MongoDB client: insert, find, unique index, duplicate key.
      const client = await MongoClient.connect(mongoLine![1]!);
      try {
        const users = client.db('outside').collection('users');
        await users.createIndex({ email: 1 }, { unique: true });
        await users.insertOne({ email: 'ada@example.com', name: 'Ada' });
        expect(await users.findOne({ email: 'ada@example.com' })).toMatchObject({ name: 'Ada' });
        const duplicate = await users
          .insertOne({ email: 'ada@example.com' })
          .catch((e: unknown) => e);
        expect(duplicate).toBeInstanceOf(MongoServerError);
        expect((duplicate as MongoServerError).code).toBe(11000);
      } finally {
        await client.close();
      }

      runner.child.kill('SIGINT');
      expect(await runner.exited).toBe(0);
      const [servicePid, helperPid] = [Number(hello![1]), Number(hello![2])];
      expect(await goneSoon(servicePid)).toBe(true);
      expect(await goneSoon(helperPid)).toBe(true);
      const mongoGone = await new Promise<boolean>((resolve) => {
        const socket = net.connect(mongoPort, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(false)));
        socket.once('error', () => resolve(true));
      });
      expect(mongoGone).toBe(true);
    } finally {
      if (runner.child.exitCode === null) runner.child.kill('SIGKILL');
    }
  });

  it("refuses to start when a service's port is already taken, naming it", async () => {
    const [echoPort, mongoPort] = [await freePort(), await freePort()];
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(echoPort, '127.0.0.1', resolve));
    try {
      const runner = startRunner(makeFixture(echoPort), mongoPort);
      expect(await runner.exited).toBe(1);
      expect(runner.output).toContain(
        `port ${echoPort} of echo (http://127.0.0.1:${echoPort}/) is in use`,
      );
      expect(runner.output).not.toMatch(/^mongo\s+mongodb/m);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('stops everything and exits non-zero when a service crashes', async () => {
    const [echoPort, mongoPort] = [await freePort(), await freePort()];
    const runner = startRunner(makeFixture(echoPort, true), mongoPort);
    try {
      expect(await runner.exited).toBe(1);
      expect(runner.output).toMatch(/echo exited unexpectedly \(code 3\); stopping everything/);
      const hello = runner.output.match(/hello from echo pid=(\d+) helper=(\d+)/);
      expect(hello).not.toBeNull();
      expect(await goneSoon(Number(hello![2]))).toBe(true);
    } finally {
      if (runner.child.exitCode === null) runner.child.kill('SIGKILL');
    }
  });
});
