// The bench's subgraph, in its own process (as in production): the fixture "accounts" subgraph
// on a free port. Prints one JSON line `{"url":…}` when it listens; stops on SIGTERM.
import { startTestMongo } from '@groovy/common/testing';
import { startAccounts } from '../src/__tests__/fixtures/test-stack';

async function main() {
  const mongo = await startTestMongo();
  const accounts = await startAccounts(mongo);
  process.stdout.write(`${JSON.stringify({ url: accounts.url })}\n`);
  const stop = async () => {
    await accounts.stop();
    await mongo.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
