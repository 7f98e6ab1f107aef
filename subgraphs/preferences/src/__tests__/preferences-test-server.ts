import { EmbeddedEventBus, type EventEnvelope } from '@groovy/common/events';
import {
  createTestLogger,
  executeAsRouter,
  startTestMongo,
  startTestSubgraph,
  TEST_ENVIRONMENT,
  type TestGraphQLResult,
  type TestMongo,
} from '@groovy/common/testing';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { preferencesEnvironmentSchema, type PreferencesEnvironment } from '../environment';
import { preferencesSubgraph, type RunningPreferencesSubgraph } from '../preferences-subgraph';

/**
 * The test factory: the production description on a shared test Mongo with a fresh database, on a
 * free port, and an embedded bus on its own events database to publish what other subgraphs would
 * (songs, auth, comments) and to read what this one publishes.
 */
export class PreferencesTestServer {
  private constructor(
    readonly mongo: TestMongo,
    readonly client: MongoClient,
    readonly bus: EmbeddedEventBus,
    readonly subgraph: RunningPreferencesSubgraph,
    readonly env: PreferencesEnvironment,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<PreferencesTestServer> {
    const env = preferencesEnvironmentSchema.parse({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      IDENTITY_TOKEN_SECRET: TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET,
      EVENT_BUS_DATABASE: `events_${randomUUID().slice(0, 8)}`,
      EVENT_BUS_POLL_INTERVAL_MS: '10',
      ...overrides,
    });
    const mongo = await startTestMongo();
    const client = await MongoClient.connect(mongo.url);
    const bus = new EmbeddedEventBus({
      db: client.db(env.EVENT_BUS_DATABASE),
      logger: createTestLogger('test-bus'),
    });
    const subgraph = await startTestSubgraph(mongo, preferencesSubgraph(env));
    return new PreferencesTestServer(mongo, client, bus, subgraph, env);
  }

  get module() {
    return this.subgraph.module;
  }

  async stop(): Promise<void> {
    await this.subgraph.stop();
    await this.bus.close();
    await this.client.close();
    await this.mongo.stop();
  }

  /** One operation as the router would send it, as `as` (a user id) or anonymously. */
  execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as?: string,
  ): Promise<TestGraphQLResult<T>> {
    return executeAsRouter<T>(this.subgraph.url, query, variables, {
      identitySecret: this.env.IDENTITY_TOKEN_SECRET,
      ...(as ? { as } : {}),
    });
  }

  /** Like `execute`, but throws unless the operation succeeded, and returns its data. */
  async ok<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as?: string,
  ): Promise<T> {
    const result = await this.execute<T>(query, variables, as);
    if (result.errors?.length || !result.data)
      throw new Error(`operation failed: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  /** Publishes events on the bus the subgraph consumes from. */
  publish(events: readonly EventEnvelope[]): Promise<void> {
    return this.bus.publish([...events]);
  }
}

let counter = 0;
/** A fresh id (users, songs, …: ids of other subgraphs are opaque strings here). */
export function newId(prefix = 'id'): string {
  counter += 1;
  return `${prefix}-${counter}-${randomUUID().slice(0, 6)}`;
}
