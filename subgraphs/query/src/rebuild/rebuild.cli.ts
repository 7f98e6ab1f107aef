// `npm run rebuild -w @groovy/subgraph-query`: drops the read model and rewinds the consumer, so
// the next start of the query subgraph replays every songs event. Needs MONGO_URL (a persistent
// server: the throw-away dev servers have nothing to rebuild). Stop the subgraph first.
import { MongoClient } from 'mongodb';
import { readQueryEnvironment } from '../environment';
import { resetReadModel } from './reset-read-model';

async function main(): Promise<void> {
  const env = readQueryEnvironment();
  if (!env.MONGO_URL)
    throw new Error('MONGO_URL is required (the server that holds the read model)');
  const client = await MongoClient.connect(env.MONGO_URL);
  try {
    const readModelDb = client.db(env.MONGO_DATABASE ?? 'groovy_query');
    const eventsDb = env.EVENT_BUS === 'embedded' ? client.db(env.EVENT_BUS_DATABASE) : null;
    const { checkpointReset } = await resetReadModel(readModelDb, eventsDb);
    console.log(
      JSON.stringify({
        service: 'query',
        msg: 'read model dropped; start the query subgraph to replay the events',
        database: readModelDb.databaseName,
        checkpointReset,
        ...(eventsDb ? {} : { note: 'EVENT_BUS=pubsub: seek the subscription to replay' }),
      }),
    );
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  console.error(
    JSON.stringify({ level: 'fatal', service: 'query', msg: 'rebuild failed', err: String(error) }),
  );
  process.exit(1);
});
