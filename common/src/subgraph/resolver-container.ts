/** A type-graphql resolver class. */
export type ResolverClass = abstract new (...args: never[]) => object;

/**
 * The container type-graphql asks for resolver instances: the subgraph constructs each resolver
 * with its services (explicit DI) and lists them here once.
 */
export function resolverContainer(instances: ReadonlyArray<readonly [ResolverClass, object]>): {
  resolvers: [ResolverClass, ...ResolverClass[]];
  container: { get(resolverClass: ResolverClass): object | undefined };
} {
  const byClass = new Map<ResolverClass, object>(instances);
  const classes = instances.map(([resolverClass]) => resolverClass);
  if (classes.length === 0) throw new Error('a subgraph needs at least one resolver');
  return {
    resolvers: classes as [ResolverClass, ...ResolverClass[]],
    container: { get: (resolverClass) => byClass.get(resolverClass) },
  };
}
