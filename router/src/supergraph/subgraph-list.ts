import { Kind, parse, type ConstArgumentNode } from 'graphql';

export interface SubgraphEndpoint {
  /** The subgraph's name in the supergraph (`auth`, `songs`, …). */
  name: string;
  /** Where the router sends its requests (after any `SUBGRAPH_<NAME>_URL` override). */
  url: string;
}

function stringArgument(
  args: readonly ConstArgumentNode[] | undefined,
  name: string,
): string | undefined {
  const argument = args?.find((candidate) => candidate.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/** The `SUBGRAPH_<NAME>_URL` variable for a subgraph name: upper case, non-alphanumerics as `_`. */
export function subgraphUrlVariable(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/**
 * The subgraphs a supergraph names in `enum join__Graph { X @join__graph(name:, url:) }`, each URL
 * replaced by its override when one is set (`overrides` keyed by `subgraphUrlVariable(name)`).
 */
export function subgraphsOf(
  supergraphSdl: string,
  overrides: Record<string, string> = {},
): SubgraphEndpoint[] {
  const document = parse(supergraphSdl, { noLocation: true });
  const endpoints: SubgraphEndpoint[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph')
      continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find(
        (candidate) => candidate.name.value === 'join__graph',
      );
      const name = stringArgument(directive?.arguments, 'name') ?? value.name.value.toLowerCase();
      const url =
        overrides[subgraphUrlVariable(name)] ?? stringArgument(directive?.arguments, 'url');
      if (url) endpoints.push({ name, url });
    }
  }
  return endpoints;
}

/** Where a subgraph answers `/healthz`: the same origin as its GraphQL endpoint. */
export function subgraphHealthUrl(graphqlUrl: string): string {
  return new URL('/healthz', graphqlUrl).toString();
}
