// Issue 13's attacks on the public endpoint, each replayed against a real router: unbounded metric
// labels, CPU spent validating before any limit, uncharged aliased mutations, client mistakes
// reported as server errors, and /metrics and /readyz on the public port.
import { PassThrough } from 'node:stream';
import { createLogger } from '@groovy/common/logging';
import { postGraphQL, sha256, startTestStack, type TestStack } from './fixtures/test-stack';
import { registrations } from './fixtures/accounts-subgraph';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

/** One token a minute: a test's few seconds refill less than one, so counts are exact. */
const NO_REFILL = { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1' };

async function metricsText(baseUrl: string): Promise<string> {
  return (await fetch(`${baseUrl}/metrics`)).text();
}

function operationLabels(metrics: string): Set<string> {
  return new Set(
    [...metrics.matchAll(/^graphql_operations_total\{[^}]*operation="([^"]*)"/gm)].map(
      (match) => match[1]!,
    ),
  );
}

function rejections(metrics: string, code: string): number {
  const line = metrics
    .split('\n')
    .find(
      (entry) => entry.startsWith('router_rejections_total{') && entry.includes(`code="${code}"`),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}

/** A logger whose JSON lines land in `lines`. */
function capturedLogger() {
  const lines: Array<{ level: number; msg?: string; err?: unknown }> = [];
  const destination = new PassThrough();
  destination.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  return { logger: createLogger({ service: 'router', level: 'info', destination }), lines };
}

describe('metrics labels (finding 1)', () => {
  it('keeps /metrics small when clients send huge unique operation names, on the router and the subgraph', async () => {
    const routerBefore = await metricsText(stack.router.baseUrl);
    const subgraphBefore = await metricsText(stack.accounts.baseUrl);
    for (let index = 0; index < 20; index += 1) {
      const name = `N${index}${'x'.repeat(50_000)}`;
      const result = await postGraphQL(stack.router.url, `query ${name} { requestId }`);
      expect(result.status).toBe(200);
    }
    const routerAfter = await metricsText(stack.router.baseUrl);
    const subgraphAfter = await metricsText(stack.accounts.baseUrl);
    // 20 names of 50 KB as labels would add megabytes (each in several series).
    expect(routerAfter.length).toBeLessThan(routerBefore.length + 20_000);
    expect(subgraphAfter.length).toBeLessThan(subgraphBefore.length + 20_000);
    for (const labels of [operationLabels(routerAfter), operationLabels(subgraphAfter)]) {
      expect(labels).toContain('other');
      expect([...labels].every((label) => label.length <= 64)).toBe(true);
      expect(labels.size).toBeLessThan(10);
    }
  });

  it('caps distinct names at METRICS_MAX_OPERATION_NAMES, keeping the persisted-documents manifest’s names', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const listed = 'query ListedOperation { requestId }';
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'groovy-manifest-')), 'pq.json');
    fs.writeFileSync(file, JSON.stringify({ [sha256(listed)]: listed }));
    const router = await stack.startRouter({
      METRICS_MAX_OPERATION_NAMES: '2',
      PERSISTED_QUERIES_ALLOWLIST_PATH: file,
    });
    for (const name of ['First', 'Second', 'Third', 'Fourth'])
      await postGraphQL(router.url, `query ${name} { requestId }`);
    await postGraphQL(router.url, listed);
    const labels = operationLabels(await metricsText(router.baseUrl));
    expect([...labels].sort()).toEqual(['First', 'ListedOperation', 'Second', 'other']);
  });
});

describe('limits before validation (finding 2)', () => {
  // The review's batch: 10 × one field repeated 540 times (~70 KB), each cheap to parse and
  // quadratic to validate.
  const hostile = `{ ${'songs { id } '.repeat(540)}}`;

  it('refuses the hostile batch before graphql-js validates it, and keeps serving other clients', async () => {
    const rejectedBefore = rejections(await metricsText(stack.router.baseUrl), 'QUERY_TOO_COMPLEX');
    const [batch, health, small] = await Promise.all([
      fetch(stack.router.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: 10 }, () => ({ query: hostile }))),
      }),
      fetch(`${stack.router.baseUrl}/healthz`),
      postGraphQL(stack.router.url, '{ song(id: "s1") { title } }', undefined, {
        headers: { authorization: `Bearer ${await stack.auth.signAccessToken('u-bystander')}` },
      }),
    ]);
    expect(batch.status).toBe(400);
    const body = (await batch.json()) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.errors[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors[0]!.message).toMatch(/1080 fields .*; the limit is 1000/);
    // Counted by the HTTP layer, which only refuses before Apollo Server parses and validates.
    expect(rejections(await metricsText(stack.router.baseUrl), 'QUERY_TOO_COMPLEX')).toBe(
      rejectedBefore + 1,
    );
    expect(health.status).toBe(200);
    expect(small.body).toEqual({ data: { song: { title: 'Song 1' } } });
  });

  it('refuses one response name repeated in a selection set before validation', async () => {
    const titles = 'title '.repeat(21);
    const result = await postGraphQL(stack.router.url, `{ song(id: "s1") { ${titles} } }`);
    expect(result.status).toBe(400);
    expect(result.body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.body.errors![0]!.message).toMatch(/one field 21 times .*the limit is 20/);
  });

  /** `{ song { ...F0 } }` where each fragment spreads the next four times: 4^levels × `leaf`. */
  const fanOut = (levels: number, leaf: string) => {
    const fragments = Array.from(
      { length: levels },
      (_, level) => `fragment F${level} on Song { ${`...F${level + 1} `.repeat(4)}}`,
    );
    fragments.push(`fragment F${levels} on Song { ${leaf} }`);
    return `{ song(id: "s1") { ...F0 } } ${fragments.join(' ')}`;
  };

  it('refuses too many fields (fragments expanded) before validation', async () => {
    // 4^5 = 1 024 copies of `id`, within every other limit.
    const result = await postGraphQL(stack.router.url, fanOut(5, 'id'));
    expect(result.status).toBe(400);
    expect(result.body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.body.errors![0]!.message).toMatch(/selects 1025 fields .*the limit is 1000/);
  });

  it('charges a document by its size: one token per 100 fields', async () => {
    const router = await stack.startRouter({ RATE_LIMIT_ANONYMOUS_BURST: '50', ...NO_REFILL });
    // 4^4 × 2 + 1 = 513 fields: 6 tokens.
    const big = await postGraphQL(router.url, fanOut(4, 'id title'));
    expect(big.status).toBe(200);
    expect(big.headers.get('x-ratelimit-remaining')).toBe('44');
    const small = await postGraphQL(router.url, '{ requestId }');
    expect(small.headers.get('x-ratelimit-remaining')).toBe('43');
  });
});

describe('aliased mutations (finding 8)', () => {
  const fiveRegistrations = `mutation Five { ${Array.from({ length: 5 }, (_, index) => `r${index}: register(name: "n${index}") { id }`).join(' ')} }`;

  it('charges one token per mutation root field: aliases, APQ replays and batch entries each count', async () => {
    const router = await stack.startRouter({ RATE_LIMIT_ANONYMOUS_BURST: '12', ...NO_REFILL });
    const before = registrations.count;
    const hash = sha256(fiveRegistrations);
    const registered = await postGraphQL(router.url, fiveRegistrations, undefined, {
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(registered.status).toBe(200);
    expect(registered.headers.get('x-ratelimit-remaining')).toBe('7');
    expect(registrations.count).toBe(before + 5);

    // The same five by hash alone cost five again.
    const replayed = await postGraphQL(router.url, undefined, undefined, {
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('x-ratelimit-remaining')).toBe('2');

    // A batch of two registrations needs 2 tokens; 2 are left, then none.
    const one = 'mutation { register(name: "solo") { id } }';
    const batch = await fetch(router.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: one }, { query: one }]),
    });
    expect(batch.status).toBe(200);
    expect(batch.headers.get('x-ratelimit-remaining')).toBe('0');

    const refused = await postGraphQL(router.url, fiveRegistrations);
    expect(refused.status).toBe(429);
    expect(registrations.count).toBe(before + 12);
  });
});

describe('client mistakes are client errors (finding 10)', () => {
  it('answers an APQ hash mismatch and an unknown operationName with 400 and their own code, logging no error', async () => {
    const { logger, lines } = capturedLogger();
    const router = await stack.startRouter({}, { logger });

    const mismatch = await postGraphQL(router.url, '{ requestId }', undefined, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } }),
    ]);

    const unknown = await postGraphQL(router.url, 'query Known { requestId }', undefined, {
      operationName: `Unknown${'x'.repeat(1_000)}`,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
    expect(unknown.body.errors![0]!.message).toMatch(/^Unknown operation named "Unknownx+…"\.$/);
    expect(unknown.body.errors![0]!.message.length).toBeLessThan(120);

    const ambiguous = await postGraphQL(router.url, 'query A { requestId } query B { requestId }');
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');

    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(JSON.stringify(lines)).not.toMatch(/stack/);
  });
});

describe('internal port (finding 14)', () => {
  it('serves /metrics and /readyz on INTERNAL_PORT only; /healthz on both', async () => {
    const router = await stack.startRouter({ INTERNAL_PORT: '0' });
    expect(router.internalBaseUrl).not.toBe(router.baseUrl);
    expect((await fetch(`${router.baseUrl}/metrics`)).status).toBe(404);
    expect((await fetch(`${router.baseUrl}/readyz`)).status).toBe(404);
    expect((await fetch(`${router.baseUrl}/healthz`)).status).toBe(200);
    const metrics = await fetch(`${router.internalBaseUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('router_rejections_total');
    expect((await fetch(`${router.internalBaseUrl}/readyz`)).status).toBe(200);
    expect((await fetch(`${router.internalBaseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${router.internalBaseUrl}/graphql`)).status).toBe(404);
  });

  it('keeps everything on the public port when INTERNAL_PORT is unset (development)', async () => {
    expect(stack.router.internalBaseUrl).toBe(stack.router.baseUrl);
    expect((await fetch(`${stack.router.baseUrl}/metrics`)).status).toBe(200);
  });
});
