import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER } from '@groovy/common/identity';
import { SubgraphUnavailableError } from '../http/format-router-error';
import type { RouterContext } from '../router-context';

/** Adds the signed caller identity and the request id to every subgraph request. */
export class IdentityForwardingDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(
    /** The subgraph's name in the supergraph. */
    readonly subgraphName: string,
    config: Pick<RemoteGraphQLDataSource<RouterContext>, 'url' | 'fetcher'>,
    private readonly onUnavailable: (subgraph: string) => void,
    options: { honorSubgraphCacheControlHeader?: boolean } = {},
  ) {
    super(config);
    if (options.honorSubgraphCacheControlHeader !== undefined)
      this.honorSubgraphCacheControlHeader = options.honorSubgraphCacheControlHeader;
  }

  override willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    headers.delete(IDENTITY_HEADER);
    if (context.identityToken) headers.set(IDENTITY_HEADER, context.identityToken);
    if (context.requestId) headers.set('x-request-id', context.requestId);
  }

  /** No answer at all (refused, reset, timed out) → a clear error; its fields are null. */
  override didEncounterError(error: Error, _request: unknown, response?: unknown): void {
    if (response === undefined) {
      this.onUnavailable(this.subgraphName);
      throw new SubgraphUnavailableError(this.subgraphName);
    }
    throw error;
  }
}
