import type { EventEnvelope, SubscribeOptions } from '@groovy/common/events';
import type { SubgraphDependencies } from '@groovy/common/subgraph';
type Logger = SubgraphDependencies['logger'];
import { CATALOGUE_EVENT_TYPES, type ReadModel } from '../read-model/read-model';
import type { SearchService } from '../search/search.service';

export const CONSUMER = 'query';

/** Keeps the read model and the search index up to date with the songs events. */
export class CatalogueConsumer {
  constructor(
    private readonly readModel: ReadModel,
    private readonly search: SearchService,
    private readonly logger: Logger,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    const changed = await this.readModel.apply(event);
    await this.search.reindex(changed);
    this.logger.debug(
      { type: event.type, aggregateId: event.aggregateId, changed: changed.length },
      'event applied',
    );
  }

  /** The subscription startSubgraph makes on the bus. */
  subscription(): SubscribeOptions {
    return {
      consumer: CONSUMER,
      types: CATALOGUE_EVENT_TYPES,
      handler: (event) => this.handle(event),
    };
  }
}
