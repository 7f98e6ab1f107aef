// Entry point of the root `npm run dev`. `--root DIR` runs another monorepo (the tests use a fixture).
import path from 'node:path';
import { runDev } from './dev-runner';

const args = process.argv.slice(2);
const rootArg = args.indexOf('--root');
const rootDir =
  rootArg >= 0 && args[rootArg + 1]
    ? path.resolve(args[rootArg + 1]!)
    : path.resolve(__dirname, '..', '..');

const portOffset = Number(process.env.DEV_PORT_OFFSET ?? 0);
if (!Number.isInteger(portOffset) || portOffset < 0 || portOffset > 20_000) {
  console.error(
    `DEV_PORT_OFFSET must be a whole number from 0 to 20000 (got "${process.env.DEV_PORT_OFFSET}")`,
  );
  process.exit(1);
}

runDev({
  rootDir,
  mongoUrl: process.env.MONGO_URL || undefined,
  build: !args.includes('--no-build'),
  mongoPort: Number(process.env.DEV_MONGO_PORT ?? 27017),
  portOffset,
  ...(process.env.DEV_MONGO_DATA_DIR ? { mongoDataDir: process.env.DEV_MONGO_DATA_DIR } : {}),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
