import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import { publicApiSchemaSdl } from '../../codegen/public-api-schema';

const WEB = path.resolve(__dirname, '../..');
const GENERATED_DIR = path.join(WEB, 'src/gql');

describe('src/gql (GraphQL Code Generator output)', () => {
  it('holds exactly what codegen makes of src/ and schemas/supergraph.graphql (run `npm run codegen -w web` when this fails)', async () => {
    // The CLI's dry run (ESM inside, so not importable under jest): exit 1 names the stale files.
    const cli = path.join(
      path.dirname(require.resolve('@graphql-codegen/cli/package.json')),
      'cjs/bin.js',
    );
    const run = promisify(execFile)(process.execPath, [cli, '--config', 'codegen.ts', '--check'], {
      cwd: WEB,
    });
    await expect(run.then(() => 'up to date')).resolves.toBe('up to date');
  }, 120_000);

  it('types the web against the public API schema, with no federation machinery', () => {
    const sdl = publicApiSchemaSdl();
    expect(sdl).toMatch(/\bsearch\(.*query: String!/);
    for (const internal of ['join__', 'link__', '@link', '_Entity', '_Service', '_entities']) {
      expect(sdl).not.toContain(internal);
    }
    const generatedTypes = fs.readFileSync(path.join(GENERATED_DIR, 'graphql.ts'), 'utf8');
    expect(generatedTypes).not.toMatch(/join__|link__|_Entity|_Service/);
    expect(() => parse(sdl)).not.toThrow();
  });
});
