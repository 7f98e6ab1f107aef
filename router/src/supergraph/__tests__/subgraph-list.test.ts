import { subgraphHealthUrl, subgraphsOf, subgraphUrlVariable } from '../subgraph-list';

const SUPERGRAPH = `
enum join__Graph {
  AUTH @join__graph(name: "auth", url: "http://127.0.0.1:4001/graphql")
  SONG_LIBRARY @join__graph(name: "song-library", url: "http://127.0.0.1:4002/graphql")
}
type Query { a: Int }
`;

describe('subgraphsOf', () => {
  it('lists the subgraphs of a supergraph, with SUBGRAPH_<NAME>_URL overrides', () => {
    expect(subgraphsOf(SUPERGRAPH)).toEqual([
      { name: 'auth', url: 'http://127.0.0.1:4001/graphql' },
      { name: 'song-library', url: 'http://127.0.0.1:4002/graphql' },
    ]);
    expect(subgraphUrlVariable('song-library')).toBe('SONG_LIBRARY');
    expect(subgraphsOf(SUPERGRAPH, { AUTH: 'http://auth.internal:8080/graphql' })[0]).toEqual({
      name: 'auth',
      url: 'http://auth.internal:8080/graphql',
    });
  });

  it('finds the health endpoint next to the GraphQL endpoint', () => {
    expect(subgraphHealthUrl('http://127.0.0.1:4001/graphql')).toBe(
      'http://127.0.0.1:4001/healthz',
    );
  });
});
