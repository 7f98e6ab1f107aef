import type { BaseSubgraphContext } from '@groovy/common/subgraph';
import type { PreferencesLoaders } from './preferences-loaders';

/** Per-request context of the preferences subgraph. */
export interface PreferencesContext extends BaseSubgraphContext {
  /** The signed-in caller's id, null when anonymous. */
  viewerId: string | null;
  loaders: PreferencesLoaders;
}

/** The subgraph's own part of each request's context (fresh per request). */
export type PreferencesRequestContext = Pick<PreferencesContext, 'viewerId' | 'loaders'>;
