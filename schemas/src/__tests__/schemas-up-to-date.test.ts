import { parse } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { CompositionError, generateSchemaFiles, staleSchemaFiles } from '../generate-schemas';

describe('schemas/', () => {
  it("holds exactly what the subgraphs' code produces (run `npm run schemas` when this fails)", async () => {
    expect(await staleSchemaFiles()).toEqual([]);
  });

  it('composes a supergraph that joins every subgraph and carries the public contract', async () => {
    const files = await generateSchemaFiles();
    const supergraph = files.get('supergraph.graphql')!;
    expect(supergraph).toContain(
      'AUTH @join__graph(name: "auth", url: "http://127.0.0.1:4001/graphql")',
    );
    for (const field of [
      'me: Viewer',
      'register(input: RegisterInput!): AuthPayload!',
      'createApiKey(name: String!): CreatedApiKey!',
    ]) {
      expect(supergraph).toContain(field);
    }
    expect(files.get('auth.graphql')).toMatch(/type User\s+@key\(fields: "id"\)/);
  });

  it('reports composition errors naming the subgraph and the field', async () => {
    const clash = (name: string, type: string) => ({
      name,
      url: `http://127.0.0.1:1/${name}`,
      buildSchema: async () =>
        buildSubgraphSchema(
          parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
                 type Query { thing: Thing } type Thing @key(fields: "id") { id: ID! size: ${type} }`),
        ),
    });
    const error = await generateSchemaFiles([clash('alpha', 'Int'), clash('beta', 'String')]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CompositionError);
    const message = (error as CompositionError).message;
    expect(message).toMatch(/Thing\.size/);
    expect(message).toMatch(/"alpha"/);
    expect(message).toMatch(/"beta"/);
  });
});
