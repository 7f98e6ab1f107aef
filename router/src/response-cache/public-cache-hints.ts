import { Kind, type OperationDefinitionNode } from 'graphql';

/**
 * Cache hints of the public entry points (`Query` fields), in seconds: how stale an anonymous
 * answer may be. A query whose root fields are all listed gets the shortest of their hints; any
 * other root field (`me`, `library`, `forYou`, …) makes the whole operation uncacheable.
 *
 * Why here and not in the subgraphs' SDL: the subgraphs send no `@cacheControl` hints yet (every
 * Apollo subgraph answers `Cache-Control: no-store` by default), and the supergraph does not carry
 * the directive. The hint is per root field, so a field below it that depends on the caller
 * (`likedByMe`, `followedByMe`, `rating.mine`) is only ever cached for anonymous callers, for whom
 * it is the same answer for everyone (false / null).
 */
export type PublicCacheHints = ReadonlyMap<string, number>;

/** `search=30,trending=30`, as RESPONSE_CACHE_PUBLIC_FIELDS holds them. */
export function parsePublicCacheHints(text: string): PublicCacheHints {
  const hints = new Map<string, number>();
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (!entry) continue;
    const match = /^([_A-Za-z][_0-9A-Za-z]*)=(\d{1,6})$/.exec(entry);
    if (!match)
      throw new Error(`"${entry}" is not <Query field>=<seconds> (e.g. search=30,trending=30)`);
    const seconds = Number(match[2]);
    if (seconds < 1) throw new Error(`"${entry}": a hint of 0 s caches nothing; leave it out`);
    hints.set(match[1] as string, seconds);
  }
  return hints;
}

/**
 * The max-age an anonymous caller's answer to this operation may be cached for, or 0: queries only,
 * every root field in `hints` (`__typename` goes with anything), no fragments or directives at the
 * root (`@include`/`@skip` could hide a private field behind a variable).
 */
export function publicMaxAge(operation: OperationDefinitionNode, hints: PublicCacheHints): number {
  if (operation.operation !== 'query') return 0;
  let maxAge = Number.POSITIVE_INFINITY;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length) return 0;
    if (selection.name.value === '__typename') continue;
    const hint = hints.get(selection.name.value);
    if (hint === undefined) return 0;
    maxAge = Math.min(maxAge, hint);
  }
  return Number.isFinite(maxAge) ? maxAge : 0;
}
