import fs from 'node:fs';
import path from 'node:path';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { parse } from 'graphql';
import { SCHEMAS_DIR } from '../generate-schemas';

// What the router (@apollo/gateway, the same query planner) does with the committed supergraph:
// the search and discovery results carry the denormalised fields the query subgraph holds
// (@shareable / @provides), so the router asks songs only for what the read model cannot know
// (playback URLs, cover art, release dates).

const supergraph = Supergraph.build(
  fs.readFileSync(path.join(SCHEMAS_DIR, 'supergraph.graphql'), 'utf8'),
);
const planner = new QueryPlanner(supergraph);

function plan(operation: string): QueryPlan {
  return planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(operation)));
}

/** Every fetch of a plan, in plan order. */
function fetches(node: QueryPlan['node'] | PlanNode | undefined): FetchNode[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
      return [node];
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetches);
    case 'Flatten':
      return fetches(node.node);
    case 'Condition':
      return [...fetches(node.ifClause), ...fetches(node.elseClause)];
    case 'Defer':
      return [...fetches(node.primary.node), ...node.deferred.flatMap((d) => fetches(d.node))];
    case 'Subscription':
      return [node.primary, ...fetches(node.rest)];
  }
}

const services = (operation: string) => fetches(plan(operation).node).map((f) => f.serviceName);
const fieldsAskedOf = (operation: string, service: string) =>
  fetches(plan(operation).node)
    .filter((fetch) => fetch.serviceName === service)
    .map((fetch) => fetch.operation)
    .join('\n');

// Copies of the web app's documents (web/src/search/search.operations.ts and the TrackFields
// fragment of web/src/songs/track.fragment.ts), as the browser sends them.
const TRACK_FIELDS = `fragment TrackFields on Song {
  id title status durationMs coverUrl
  artist { id name }
  album { id title coverUrl }
  stream { masterUrl }
}`;

const WEB_SEARCH_SUGGESTIONS = `query SearchSuggestions($query: String!, $first: Int!, $others: Int!) {
  search(query: $query, first: $first) {
    songs { edges { highlights { field snippet } node { id title artist { id name } } } }
    artists(first: $others) { id name }
    albums(first: $others) { id title artist { id name } }
  }
}`;

const WEB_SEARCH_PAGE = `query Search($query: String!, $filter: SearchFilter, $first: Int!, $others: Int!) {
  search(query: $query, filter: $filter, first: $first) {
    songs {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor score highlights { field snippet } node { ...TrackFields } }
    }
    albums(first: $others) { id title coverUrl releaseDate artist { id name } }
    artists(first: $others) { id name }
    facets { name values { value label count } }
  }
}
${TRACK_FIELDS}`;

const WEB_DISCOVER = `query Discover($first: Int!) {
  trending(first: $first) { ...TrackFields }
  newReleases(first: $first) { ...TrackFields }
}
${TRACK_FIELDS}`;

/** A result list as the search page shows it, without the playback and cover fields. */
const LISTED_SONG =
  'id title status durationMs artist { id name } album { id title artist { id name } }';

describe('query plans on the committed supergraph', () => {
  it("plans the header's as-you-type suggestions to one fetch, from the query subgraph", () => {
    expect(services(WEB_SEARCH_SUGGESTIONS)).toEqual(['query']);
  });

  it('plans search hits with title, artist, album, duration, status and highlights to one fetch', () => {
    const search = `query Search($query: String!) {
      search(query: $query, first: 10) {
        songs { totalCount edges { score highlights { field snippet } node { ${LISTED_SONG} } } }
        albums(first: 3) { id title artist { id name } }
        artists(first: 3) { id name }
        facets { name values { value label count } }
      }
    }`;
    expect(services(search)).toEqual(['query']);
  });

  it('plans trending and new releases with the same fields to one fetch', () => {
    expect(
      services(
        `{ trending(first: 12) { ${LISTED_SONG} } newReleases(first: 12) { ${LISTED_SONG} } }`,
      ),
    ).toEqual(['query']);
  });

  it('adds a fetch to songs for a field only songs knows (the stream), for nothing else', () => {
    const search = `query Search($query: String!) {
      search(query: $query) {
        songs { edges { node { ${LISTED_SONG} stream { masterUrl renditions { url } } } } }
      }
    }`;
    expect(services(search)).toEqual(['query', 'songs']);
    const askedOfSongs = fieldsAskedOf(search, 'songs');
    expect(askedOfSongs).toMatch(/stream/);
    expect(askedOfSongs).not.toMatch(/\b(title|name|durationMs|status)\b/);
  });

  it('asks songs only for playback, cover and release fields on the web search page and home page', () => {
    // Before @shareable/@provides: query, then songs for songs, albums and artists (4 fetches).
    expect(services(WEB_SEARCH_PAGE)).toEqual(['query', 'songs', 'songs']);
    const searchPageSongs = fieldsAskedOf(WEB_SEARCH_PAGE, 'songs');
    expect(searchPageSongs).toMatch(/coverUrl/);
    expect(searchPageSongs).not.toMatch(/\b(title|name|durationMs|status)\b/);

    expect(services(WEB_DISCOVER)).toEqual(['query', 'songs', 'songs']);
    expect(fieldsAskedOf(WEB_DISCOVER, 'songs')).not.toMatch(/\b(title|name|durationMs|status)\b/);
  });

  it('still takes a song reached through songs from songs, not from the read model', () => {
    // `status` is provided by query only on its own result paths; elsewhere songs answers it.
    expect(services('{ song(id: "1") { title status artist { name } } }')).toEqual(['songs']);
  });
});
