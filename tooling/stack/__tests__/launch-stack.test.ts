import path from 'node:path';
import { launchStack, withPortOffset } from '../launch-stack';
import { goneSoon } from '../testing/process-state';

const FIXTURE = path.join(__dirname, 'fixture');

interface Served {
  env: Record<string, string | undefined>;
  pid: number;
  helper: number;
}

const served = async (url: string) => (await (await fetch(url)).json()) as Served;

describe('launchStack (isolated)', () => {
  it('starts Mongo, then a subgraph, then the router wired to it, on free ports with fresh databases, and stops every process', async () => {
    const stack = await launchStack({
      mode: 'isolated',
      rootDir: FIXTURE,
      secrets: {
        IDENTITY_TOKEN_SECRET: 'i'.repeat(32),
        WORKER_WEBHOOK_SECRET: 'w'.repeat(32),
        STORAGE_SIGNING_SECRET: 's'.repeat(32),
      },
      serviceEnv: { gateway: { EXTRA: 'for the gateway' } },
    });
    let pids: number[] = [];
    try {
      expect(stack.urls.map(([name]) => name)).toEqual(['mongo', 'catalogue', 'gateway']);
      const catalogue = await served(stack.services.catalogue!.url);
      const gateway = await served(stack.services.gateway!.url);
      pids = [catalogue.pid, catalogue.helper, gateway.pid, gateway.helper, stack.pids.mongo!];

      // Not the dev ports of package.json: free ones.
      expect(new URL(stack.services.catalogue!.url).port).not.toBe('4101');
      // The subgraph: Mongo, its own fresh database, the shared secret, bus and storage.
      expect(catalogue.env.MONGO_URL).toBe(stack.mongoUrl);
      expect(catalogue.env.MONGO_DATABASE).toBe(stack.databases.catalogue);
      expect(catalogue.env.MONGO_DATABASE).toMatch(/^catalogue_[0-9a-f]{12}$/);
      expect(catalogue.env.EVENT_BUS_DATABASE).toBe(stack.databases.events);
      expect(catalogue.env.IDENTITY_TOKEN_SECRET).toBe('i'.repeat(32));
      expect(catalogue.env.STORAGE_LOCAL_DIR).toBe(stack.storageDir);
      expect(catalogue.env.STORAGE_PUBLIC_URL).toBe(stack.storageUrl);
      // The router: every subgraph's URL by name, no database, the caller's extra variables.
      expect(gateway.env.SUBGRAPH_CATALOGUE_URL).toBe(stack.services.catalogue!.url);
      expect(gateway.env.MONGO_URL).toBeUndefined();
      // …but the stack's Mongo for rate limits shared by router replicas (RATE_LIMIT_STORE=mongo).
      expect(gateway.env.RATE_LIMIT_MONGO_URL).toBe(stack.mongoUrl);
      expect(gateway.env.RATE_LIMIT_MONGO_DATABASE).toMatch(/^router_groovy_stack_/);
      expect(gateway.env.SUPERGRAPH_PATH).toMatch(/supergraph\.graphql$/);
      expect(gateway.env.EXTRA).toBe('for the gateway');
    } finally {
      await stack.stop();
    }
    for (const pid of pids) expect(await goneSoon(pid)).toBe(true);
  });

  it('stops Mongo only after the services, whose shutdown may still need it', async () => {
    const stack = await launchStack({
      mode: 'isolated',
      rootDir: FIXTURE,
      services: ['catalogue'],
      serviceEnv: { catalogue: { SHUTDOWN_NEEDS_MONGO: '1' } },
    });
    const exited = new Promise((resolve) =>
      stack.services.catalogue!.process.once('exit', (code) => resolve(code)),
    );
    await stack.stop();
    expect(await exited).toBe(0);
  });

  it('restarts a service on the port it had, with the same environment', async () => {
    const stack = await launchStack({
      mode: 'isolated',
      rootDir: FIXTURE,
      services: ['catalogue'],
    });
    try {
      const before = stack.services.catalogue!;
      const first = await served(before.url);
      await before.kill();
      const after = await stack.restart('catalogue');
      expect(after.url).toBe(before.url);
      const second = await served(after.url);
      expect(second.pid).not.toBe(first.pid);
      expect(second.env.MONGO_DATABASE).toBe(first.env.MONGO_DATABASE);

      // A second replica: its environment (same database) over the given one, another port.
      const replica = await stack.startReplica('catalogue', { EXTRA: 'replica' });
      expect(replica.name).toBe('catalogue#2');
      expect(replica.url).not.toBe(after.url);
      const third = await served(replica.url);
      expect(third.env.MONGO_DATABASE).toBe(first.env.MONGO_DATABASE);
      expect(third.env.EXTRA).toBe('replica');
      await expect(stack.startReplica('gateway')).rejects.toThrow(
        'gateway is not started in this stack',
      );
    } finally {
      await stack.stop();
    }
  });

  it('refuses an unknown service by name, listing the known ones', async () => {
    await expect(
      launchStack({ mode: 'isolated', rootDir: FIXTURE, services: ['nope'] }),
    ).rejects.toThrow('no service named "nope" (known: catalogue, gateway)');
  });
});

describe('withPortOffset (DEV_PORT_OFFSET)', () => {
  it('moves the dev URL and the readiness URL by the offset, keeping their paths', () => {
    const service = {
      dir: '/x',
      packageName: 'x',
      name: 'x',
      url: 'http://127.0.0.1:4001/graphql',
      readyUrl: 'http://127.0.0.1:4001/healthz',
      hasDevScript: true,
      hasBuildScript: true,
    };
    expect(withPortOffset(service, 300)).toMatchObject({
      url: 'http://127.0.0.1:4301/graphql',
      readyUrl: 'http://127.0.0.1:4301/healthz',
    });
    expect(withPortOffset({ ...service, url: 'http://127.0.0.1:3000' }, 5).url).toBe(
      'http://127.0.0.1:3005',
    );
    expect(withPortOffset(service, 0)).toBe(service);
  });
});
