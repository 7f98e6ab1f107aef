// Every variable a service's zod schema accepts is documented in that service's .env.example,
// so configuration docs cannot drift from the code that reads them.
import fs from 'node:fs';
import path from 'node:path';
import { authEnvironmentSchema } from '../../../subgraphs/auth/src/environment';
import { songsEnvironmentSchema } from '../../../subgraphs/songs/src/environment';
import { queryEnvironmentSchema } from '../../../subgraphs/query/src/environment';
import { preferencesEnvironmentSchema } from '../../../subgraphs/preferences/src/environment';
import { routerEnvironmentSchema } from '../../../router/src/environment';
import { workerEnvironmentSchema } from '../../../workers/hls-worker/src/environment';
import { webEnvironmentSchema } from '../../../web/src/environment';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Variables that are read from the environment but are not configuration a person sets. */
const NOT_CONFIGURATION = new Set(['PATH', 'NEXT_PHASE']);

/** The keys of a zod object schema, looking through refinements and pipes. */
function variablesOf(schema: unknown): string[] {
  const candidate = schema as {
    shape?: Record<string, unknown>;
    _zod?: { def?: { type?: string; in?: unknown } };
  };
  if (candidate.shape) return Object.keys(candidate.shape);
  if (candidate._zod?.def?.type === 'pipe') return variablesOf(candidate._zod.def.in);
  throw new Error('not a zod object schema');
}

/** Names set or shown in a .env.example, commented out or not (`# NAME=…` or `NAME=…`). */
function documented(file: string): Set<string> {
  const names = new Set<string>();
  for (const line of fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n')) {
    const match = /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line);
    if (match) names.add(match[1]!);
  }
  return names;
}

describe.each([
  ['auth', authEnvironmentSchema, 'subgraphs/auth/.env.example'],
  ['songs', songsEnvironmentSchema, 'subgraphs/songs/.env.example'],
  ['query', queryEnvironmentSchema, 'subgraphs/query/.env.example'],
  ['preferences', preferencesEnvironmentSchema, 'subgraphs/preferences/.env.example'],
  ['router', routerEnvironmentSchema, 'router/.env.example'],
  ['hls-worker', workerEnvironmentSchema, 'workers/hls-worker/.env.example'],
  ['web', webEnvironmentSchema, 'web/.env.example'],
])('%s configuration', (_service, schema, envExample) => {
  it(`documents every variable in ${envExample}`, () => {
    const variables = variablesOf(schema).filter((name) => !NOT_CONFIGURATION.has(name));
    expect(variables.length).toBeGreaterThan(3);
    const names = documented(envExample);
    expect(variables.filter((name) => !names.has(name))).toEqual([]);
  });
});
