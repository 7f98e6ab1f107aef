import { z } from 'zod';

/** Thrown by {@link parseEnvironment}; `problems` names every bad variable at once. */
export class EnvironmentError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid environment: ${problems.join('; ')}`);
    this.name = 'EnvironmentError';
  }
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const variable = issue.path.map(String).join('.') || '(environment)';
  const raw = env[variable];
  const got = raw === undefined ? 'missing' : `got ${JSON.stringify(raw)}`;
  return `${variable}: ${issue.message} (${got})`;
}

/** Parses an environment (normally `process.env`) with a zod object schema; throws with every problem listed. */
export function parseEnvironment<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new EnvironmentError(result.error.issues.map((issue) => describeIssue(issue, env)));
}

/**
 * The one way a service reads its configuration: on success the typed config; on failure one
 * JSON line on stderr naming every bad variable and what was expected, then exit code 78 (EX_CONFIG).
 */
export function loadEnvironment<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  try {
    return parseEnvironment(schema, env);
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    process.stderr.write(
      JSON.stringify({
        level: 'fatal',
        time: new Date().toISOString(),
        service,
        msg: error.message,
      }) + '\n',
    );
    process.exit(78);
  }
}
