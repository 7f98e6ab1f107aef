import path from 'node:path';
import { z } from 'zod';
import { EnvironmentError, parseEnvironment } from '../../config/load-environment';
import { createTestLogger } from '../../testing/start-test-subgraph';
import { createStorage } from '../create-storage';
import { GcsStorage } from '../gcs/gcs-storage';
import { LocalDiskStorage } from '../local/local-disk-storage';
import {
  DEV_STORAGE_SIGNING_SECRET,
  localStorageListenAddress,
  refineStorageEnvironment,
  storageEnvironmentShape,
} from '../storage-environment';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    ...storageEnvironmentShape(),
  })
  .superRefine(refineStorageEnvironment);
const logger = createTestLogger('storage');

describe('storage environment', () => {
  it('works with nothing set: local disk under .data/storage, served at 127.0.0.1:4010', () => {
    const env = parseEnvironment(schema, {});
    expect(env).toMatchObject({
      STORAGE_DRIVER: 'local',
      STORAGE_LOCAL_DIR: path.join(process.cwd(), '.data', 'storage'),
      STORAGE_PUBLIC_URL: 'http://127.0.0.1:4010',
      STORAGE_SIGNING_SECRET: DEV_STORAGE_SIGNING_SECRET,
      GCS_READ_URLS: 'public',
    });
    expect(env).not.toHaveProperty('STORAGE_FINALIZED_WEBHOOK_URL');
    const storage = createStorage(env, logger);
    expect(storage).toBeInstanceOf(LocalDiskStorage);
    expect(storage.kind).toBe('local');
    expect(localStorageListenAddress(env.STORAGE_PUBLIC_URL)).toEqual({
      host: '127.0.0.1',
      port: 4010,
    });
  });

  it('selects Cloud Storage with STORAGE_DRIVER=gcs', async () => {
    const env = parseEnvironment(schema, {
      STORAGE_DRIVER: 'gcs',
      GCS_BUCKET: 'groovy-media',
      GCS_API_ENDPOINT: 'http://127.0.0.1:4443',
      GCS_PUBLIC_BASE_URL: 'https://media.groovy.test',
    });
    const storage = createStorage(env, logger);
    expect(storage).toBeInstanceOf(GcsStorage);
    expect(await storage.readUrl('hls/s/master.m3u8')).toBe(
      'https://media.groovy.test/hls/s/master.m3u8',
    );
  });

  it('names every bad variable at once', () => {
    let caught: unknown;
    try {
      parseEnvironment(schema, {
        STORAGE_DRIVER: 's3',
        STORAGE_SIGNING_SECRET: 'short',
        STORAGE_PUBLIC_URL: 'not a url',
        GCS_READ_URLS: 'sometimes',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvironmentError);
    const problems = (caught as EnvironmentError).problems.join('\n');
    for (const variable of [
      'STORAGE_DRIVER',
      'STORAGE_SIGNING_SECRET',
      'STORAGE_PUBLIC_URL',
      'GCS_READ_URLS',
    ])
      expect(problems).toContain(variable);
  });

  it('requires GCS_BUCKET for gcs, and a real signing secret in production', () => {
    expect(() => parseEnvironment(schema, { STORAGE_DRIVER: 'gcs' })).toThrow(
      /GCS_BUCKET: required when STORAGE_DRIVER=gcs/,
    );
    expect(() => parseEnvironment(schema, { NODE_ENV: 'production' })).toThrow(
      /STORAGE_SIGNING_SECRET: must be set in production/,
    );
    expect(() =>
      createStorage({ ...parseEnvironment(schema, {}), NODE_ENV: 'production' }, logger),
    ).toThrow(EnvironmentError);
    expect(
      parseEnvironment(schema, { NODE_ENV: 'production', STORAGE_SIGNING_SECRET: 'p'.repeat(40) })
        .STORAGE_DRIVER,
    ).toBe('local');
  });
});
