import { startEmbeddedMongo, type EmbeddedMongo } from '@groovy/embedded-mongo';
import { startTestSubgraph } from '../../testing';
import type { RunningSubgraph } from '../../subgraph/start-subgraph';
import { buildNotesSchema, Gate } from '../../subgraph/__tests__/fixtures/notes-subgraph';

describe('/readyz', () => {
  let engine: EmbeddedMongo;
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    engine = await startEmbeddedMongo({ port: 0 });
    subgraph = await startTestSubgraph(
      { url: engine.url, freshDatabaseName: () => 'readiness', stop: async () => {} },
      { name: 'notes', schema: ({ connection }) => buildNotesSchema(connection, new Gate()) },
    );
  });

  afterAll(async () => {
    await subgraph?.stop();
    await engine?.stop();
  });

  it('says ready while Mongo answers, and names Mongo as failing when it is gone, while /healthz stays up', async () => {
    const before = await fetch(`${subgraph.baseUrl}/readyz`);
    expect(before.status).toBe(200);

    await engine.stop();
    const after = await fetch(`${subgraph.baseUrl}/readyz`);
    expect(after.status).toBe(503);
    expect(await after.json()).toMatchObject({ status: 'not ready', checks: { mongo: 'failing' } });

    const health = await fetch(`${subgraph.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });
});
