import type { BaseSubgraphContext } from '@groovy/common/subgraph';

/** Per-request context of the preferences subgraph. */
export interface PreferencesContext extends BaseSubgraphContext {
  /** The signed-in caller's id, null when anonymous. */
  viewerId: string | null;
}

/** The subgraph's own part of each request's context (fresh per request: DataLoaders batch, never cache across requests). */
export type PreferencesRequestContext = Pick<PreferencesContext, 'viewerId'>;
