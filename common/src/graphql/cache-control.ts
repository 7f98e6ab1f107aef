import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLInt,
} from 'graphql';
import { Directive } from 'type-graphql';

/**
 * Apollo's `@cacheControl` directive (the definition Apollo Server's cache-control plugin reads),
 * added to every subgraph's schema by `buildFederatedSchema` (given to type-graphql, so that
 * `scope: PRIVATE` is printed as the enum value the plugin reads, not as a string). Each subgraph's Apollo Server computes
 * its answer's policy from these hints and says it in `Cache-Control` (`max-age=N, public` /
 * `private`, or `no-store`); the router's gateway combines the headers of every fetch of an
 * operation (`_entities` included) into the operation's policy. Composition leaves the directive
 * out of the supergraph (it is not composed): the hints act through those headers only.
 *
 * The model (Apollo Server's): a root field, or a field returning an object type, with no hint is
 * not cacheable (max-age 0), so an answer is cacheable only when every such field on its path has
 * a hint; scalar fields inherit their parent's. `scope: PRIVATE` on any field makes the whole
 * answer private (the router never shares it).
 */
export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  args: {
    maxAge: { type: GraphQLInt },
    scope: {
      type: new GraphQLEnumType({
        name: 'CacheControlScope',
        values: { PUBLIC: {}, PRIVATE: {} },
        // Each subgraph's, not the public API's: kept out of the supergraph's API schema.
        extensions: { directives: { inaccessible: {} } },
      }),
    },
    inheritMaxAge: { type: GraphQLBoolean },
  },
  locations: [
    DirectiveLocation.FIELD_DEFINITION,
    DirectiveLocation.OBJECT,
    DirectiveLocation.INTERFACE,
    DirectiveLocation.UNION,
  ],
});

/** How long the public catalogue (songs, albums, artists, their lists and pages) may be reused (s). */
export const CATALOGUE_MAX_AGE_SECONDS = 60;

/** `@cacheControl(maxAge: N)`: this field or type may be shared for N seconds (public). */
export const CacheMaxAge = (seconds: number) => {
  if (!Number.isInteger(seconds) || seconds < 0)
    throw new Error(`a cache max-age is a whole number of seconds, not ${seconds}`);
  return Directive(`@cacheControl(maxAge: ${seconds})`);
};

/** `@cacheControl(inheritMaxAge: true)`: a type that is only ever part of its parent's answer. */
export const CacheInherit = () => Directive('@cacheControl(inheritMaxAge: true)');

/** `@cacheControl(scope: PRIVATE)`: the answer depends on the caller (`likedByMe`, `me`, …). */
export const CachePrivate = () => Directive('@cacheControl(scope: PRIVATE)');
