import { execFileSync } from 'node:child_process';
import { MongoClient } from 'mongodb';
import { PassThrough } from 'node:stream';
import { createLogger } from '../../logging';
import { MongoUrlRequiredError, resolveMongo, redactCredentials } from '../resolve-mongo';

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  return { logger: createLogger({ service: 'test', destination: stream }), lines };
}

async function flushed() {
  await new Promise((resolve) => setImmediate(resolve));
}

describe('resolveMongo', () => {
  it('uses MONGO_URL when it is set, and says so in one log line', async () => {
    const { logger, lines } = capturingLogger();
    const resolved = await resolveMongo({ mongoUrl: 'mongodb://user:pw@db.example:27017', logger });
    expect(resolved.source).toBe('MONGO_URL');
    expect(resolved.url).toBe('mongodb://user:pw@db.example:27017');
    await flushed();
    const mongoLines = lines.filter((line) => String(line.msg).startsWith('mongo:'));
    expect(mongoLines).toHaveLength(1);
    expect(mongoLines[0]!.msg).toBe('mongo: using MONGO_URL (MONGO_URL is set)');
    expect(JSON.stringify(mongoLines[0])).not.toContain(':pw@');
  });

  it('falls back to the embedded engine when there is no mongod and downloads are off', async () => {
    const { logger, lines } = capturingLogger();
    const resolved = await resolveMongo({
      searchPath: '/nonexistent',
      allowDownload: false,
      logger,
    });
    try {
      expect(resolved.source).toBe('embedded-engine');
      expect(resolved.reason).toMatch(/no mongod on PATH.*MONGO_ALLOW_DOWNLOAD is off/);
      await flushed();
      expect(
        lines.some((line) => String(line.msg).startsWith('mongo: using embedded-engine')),
      ).toBe(true);
      // The URL is a real server the official driver talks to.
      const client = await MongoClient.connect(resolved.url);
      try {
        const pong = await client.db('admin').command({ ping: 1 });
        expect(pong.ok).toBe(1);
      } finally {
        await client.close();
      }
    } finally {
      await resolved.stop();
    }
  });

  it('falls back to the embedded engine, with the reason, when mongodb-memory-server cannot start', async () => {
    const { logger } = capturingLogger();
    const resolved = await resolveMongo({ systemBinary: '/bin/false', logger });
    try {
      expect(resolved.source).toBe('embedded-engine');
      expect(resolved.reason).toMatch(/mongodb-memory-server failed to start/);
    } finally {
      await resolved.stop();
    }
  });
});

describe('resolveMongo in production', () => {
  it('refuses to start an in-process database when MONGO_URL is unset, saying why', async () => {
    const { logger } = capturingLogger();
    const attempt = resolveMongo({ nodeEnv: 'production', searchPath: '/nonexistent', logger });
    await expect(attempt).rejects.toBeInstanceOf(MongoUrlRequiredError);
    await expect(attempt).rejects.toThrow(/MONGO_URL must be set when NODE_ENV=production/);
  });

  it('uses MONGO_URL as usual', async () => {
    const { logger } = capturingLogger();
    const resolved = await resolveMongo({
      nodeEnv: 'production',
      mongoUrl: 'mongodb://db.example:27017',
      logger,
    });
    expect(resolved.source).toBe('MONGO_URL');
  });
});

describe('loading the embedded engine', () => {
  it('happens only when the embedded engine is used', () => {
    // A fresh process: the module cache of this test file says nothing about a service's own.
    const script = `
      const { resolveMongo } = require(${JSON.stringify(require.resolve('@groovy/common/mongo'))});
      const { createLogger } = require(${JSON.stringify(require.resolve('@groovy/common/logging'))});
      resolveMongo({ mongoUrl: 'mongodb://db.example:27017', logger: createLogger({ service: 't', level: 'silent' }) })
        .then(() => {
          const loaded = Object.keys(require.cache).filter((file) => file.includes('embedded-mongo'));
          process.stdout.write(JSON.stringify(loaded));
        });
    `;
    const output = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual([]);
  });
});

describe('redactCredentials', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactCredentials('mongodb://app:s3cret@h:1/db')).toBe('mongodb://app:***@h:1/db');
    expect(redactCredentials('mongodb://h:1/db')).toBe('mongodb://h:1/db');
  });
});
