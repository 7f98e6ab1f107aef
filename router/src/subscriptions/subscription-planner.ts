// Plans subscription operations with the federation query planner over the current supergraph. The
// planner emits a `Subscription` node: a `primary` fetch to the subgraph that owns the root field
// and an optional `rest` (the entity fetches for fields other subgraphs own). One generation per
// supergraph: a reload builds a new one, and subscriptions already running keep theirs.
import {
  Supergraph,
  operationFromDocument,
  type Operation,
  type Schema,
} from '@apollo/federation-internals';
import { buildOperationContext, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import { Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import { subgraphsOf } from '../supergraph/subgraph-list';
import { EntityFetchCoalescer } from './entity-fetch-coalescer';

type OperationContext = ReturnType<typeof buildOperationContext>;

/** Everything one subscription needs from the supergraph it was planned on. */
export interface SubscriptionPlan {
  /** The subgraph that owns the subscription's root field. */
  subgraph: { name: string; url: string };
  /** The primary fetch: run upstream as a graphql-ws subscription. */
  primary: FetchNode;
  /** The rest of the plan, run for every event (undefined when the owning subgraph has it all). */
  rest: PlanNode | undefined;
  operationContext: OperationContext;
  /**
   * Set when the owning subgraph serves everything selected (no `rest`, and the primary fetch
   * needs no rewrites): the client's operation over the API schema, which an event's payload is
   * shaped by directly, without running the plan (see `DirectEventShaper`).
   */
  ownerOnly: Operation | undefined;
  generation: PlannerGeneration;
}

/** One supergraph's planner, schemas and subgraph data sources. */
export interface PlannerGeneration {
  /** The public (API) schema as graphql-js sees it: what subscriptions are validated against. */
  apiSchema: GraphQLSchema;
  federatedApiSchema: Schema;
  supergraphSchema: GraphQLSchema;
  serviceMap: ServiceMap;
  /** Shares identical entity fetches in flight between subscriptions of the same caller. */
  entityFetches: EntityFetchCoalescer;
  subgraphUrls: Map<string, string>;
  queryPlanner: QueryPlanner;
}

/** Not a subscription the planner can split (e.g. the root field's subgraph is unknown). */
export class UnplannableSubscriptionError extends Error {}

export interface SubscriptionPlannerOptions {
  /** `SUBGRAPH_<NAME>_URL` overrides, as for HTTP. */
  subgraphUrlOverrides: Record<string, string>;
  /** The data source for a subgraph's entity fetches (the same kind HTTP requests use). */
  buildDataSource(name: string, url: string): GraphQLDataSource;
}

export class SubscriptionPlanner {
  private current: PlannerGeneration | undefined;

  constructor(private readonly options: SubscriptionPlannerOptions) {}

  /** Builds the generation for a supergraph (the gateway's `onSchemaLoadOrUpdate` calls this). */
  load(supergraphSdl: string, apiSchema: GraphQLSchema): void {
    const supergraph = Supergraph.build(supergraphSdl);
    const subgraphUrls = new Map<string, string>();
    const serviceMap: ServiceMap = Object.create(null) as ServiceMap;
    for (const { name, url } of subgraphsOf(supergraphSdl, this.options.subgraphUrlOverrides)) {
      subgraphUrls.set(name, url);
      serviceMap[name] = this.options.buildDataSource(name, url);
    }
    this.current = {
      apiSchema,
      federatedApiSchema: supergraph.apiSchema(),
      supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
      serviceMap,
      entityFetches: new EntityFetchCoalescer(),
      subgraphUrls,
      queryPlanner: new QueryPlanner(supergraph),
    };
  }

  /** The generation new subscriptions are validated and planned against (undefined before load). */
  generation(): PlannerGeneration | undefined {
    return this.current;
  }

  /** Plans a validated subscription operation on `generation`. */
  plan(
    generation: PlannerGeneration,
    document: DocumentNode,
    operationName: string | undefined,
  ): SubscriptionPlan {
    const operation = operationFromDocument(generation.federatedApiSchema, document, {
      ...(operationName ? { operationName } : {}),
      validate: false,
    });
    const queryPlan = generation.queryPlanner.buildQueryPlan(operation);
    const node = queryPlan.node;
    if (node?.kind !== 'Subscription')
      throw new UnplannableSubscriptionError('the operation did not plan as a subscription');
    const url = generation.subgraphUrls.get(node.primary.serviceName);
    if (!url)
      throw new UnplannableSubscriptionError(
        `no URL for the subgraph "${node.primary.serviceName}"`,
      );
    const operationContext = buildOperationContext({
      schema: generation.apiSchema,
      operationDocument: document,
      ...(operationName ? { operationName } : {}),
    });
    const ownerOnly =
      !node.rest && !node.primary.requires && !node.primary.outputRewrites?.length
        ? // The same Operation the gateway's executor builds for every event, built once.
          operationFromDocument(
            generation.federatedApiSchema,
            {
              kind: Kind.DOCUMENT,
              definitions: [
                operationContext.operation,
                ...Object.values(operationContext.fragments),
              ],
            },
            { validate: false },
          )
        : undefined;
    return {
      subgraph: { name: node.primary.serviceName, url },
      primary: node.primary,
      rest: node.rest,
      operationContext,
      ownerOnly,
      generation,
    };
  }
}
