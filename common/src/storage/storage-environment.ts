import path from 'node:path';
import { z } from 'zod';
import { envOptionalUrl, envPositiveInt } from '../config/environment-fields';

/** Used when STORAGE_SIGNING_SECRET is unset, so `npm run dev` works; refused in production. */
export const DEV_STORAGE_SIGNING_SECRET =
  'dev-only-storage-signing-secret-do-not-use-in-production';

export const DEFAULT_STORAGE_PUBLIC_URL = 'http://127.0.0.1:4010';

/**
 * Storage variables, to spread into a service's environment schema:
 * `z.object({ ...serviceEnvironmentShape(4002), ...storageEnvironmentShape() }).superRefine(refineStorageEnvironment)`.
 * Every variable is documented in common/src/storage/README.md.
 */
export function storageEnvironmentShape() {
  return {
    STORAGE_DRIVER: z.enum(['local', 'gcs'], { error: 'expected local or gcs' }).default('local'),
    STORAGE_LOCAL_DIR: z
      .string()
      .trim()
      .optional()
      .transform((value) => path.resolve(value || path.join(process.cwd(), '.data', 'storage'))),
    STORAGE_PUBLIC_URL: envOptionalUrl(['http', 'https']).transform(
      (value) => value ?? DEFAULT_STORAGE_PUBLIC_URL,
    ),
    STORAGE_SIGNING_SECRET: z
      .string()
      .min(32, 'expected at least 32 characters')
      .default(DEV_STORAGE_SIGNING_SECRET),
    STORAGE_LOCAL_BUCKET: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9._-]{1,62}$/,
        'expected a bucket name (lower-case letters, digits, . _ -)',
      )
      .default('local'),
    GCS_BUCKET: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined),
    GCS_PROJECT_ID: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined),
    GCS_API_ENDPOINT: envOptionalUrl(['http', 'https']),
    GCS_READ_URLS: z
      .enum(['public', 'signed'], { error: 'expected public or signed' })
      .default('public'),
    GCS_PUBLIC_BASE_URL: envOptionalUrl(['http', 'https']),
    GCS_READ_URL_TTL_SECONDS: envPositiveInt(3600),
  };
}

export type StorageEnvironment = z.infer<z.ZodObject<ReturnType<typeof storageEnvironmentShape>>>;

/** Rules across variables: `[variable, problem]` pairs (empty when fine). */
export function storageEnvironmentProblems(
  env: StorageEnvironment & { NODE_ENV?: string },
): Array<[variable: keyof StorageEnvironment, problem: string]> {
  const problems: Array<[keyof StorageEnvironment, string]> = [];
  if (env.STORAGE_DRIVER === 'gcs' && !env.GCS_BUCKET)
    problems.push(['GCS_BUCKET', 'required when STORAGE_DRIVER=gcs']);
  if (
    env.STORAGE_DRIVER === 'local' &&
    env.NODE_ENV === 'production' &&
    env.STORAGE_SIGNING_SECRET === DEV_STORAGE_SIGNING_SECRET
  ) {
    problems.push([
      'STORAGE_SIGNING_SECRET',
      'must be set in production (the dev default is public)',
    ]);
  }
  return problems;
}

/** For `.superRefine(...)` on a schema that spreads storageEnvironmentShape(). */
export function refineStorageEnvironment(
  env: StorageEnvironment & { NODE_ENV?: string },
  ctx: z.RefinementCtx,
): void {
  for (const [variable, message] of storageEnvironmentProblems(env))
    ctx.addIssue({ code: 'custom', path: [variable], message });
}

/** Where the local storage server should listen: the host and port of STORAGE_PUBLIC_URL. */
export function localStorageListenAddress(publicUrl: string): { host: string; port: number } {
  const url = new URL(publicUrl);
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
}
