// The owner-only fast path: when the subgraph serving a subscription's root field owns everything
// selected (the plan has no `rest`), an event needs no fetch at all, only the shaping the gateway's
// executor applies after its fetches — aliases, fragments, `__typename`, fields the planner added
// for itself removed, `@skip`/`@include`, nulls and non-null propagation. This runs that same
// shaping (the gateway's own `computeResponse`, on an Operation built once per subscription) on the
// event's data, so the client gets exactly what `executeQueryPlan` would produce, without planning
// a Sequence, building a service map or signing an identity token per event.
//
// Events the fast path does not take (answered by the slow path, byte for byte what it always did):
// any with errors (the executor rewrites them: paths, `serviceName`, DOWNSTREAM_SERVICE_ERROR),
// any whose data is not an object, and any the shaping throws on (the executor answers those with
// the thrown error).
import type { Operation } from '@apollo/federation-internals';
import { computeResponse } from '@apollo/gateway/dist/resultShaping';
import type { ExecutionResult } from 'graphql';

/** The shaping needed an introspection answer (not possible in a subscription; left to the executor). */
class IntrospectionNeeded extends Error {}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The client's payload for `event`, shaped directly from the upstream data; undefined when the
 * event must go through the plan executor instead (see above).
 */
export function shapeEventDirectly(
  operation: Operation,
  variables: Record<string, unknown>,
  event: ExecutionResult,
): ExecutionResult | undefined {
  if (event.errors?.length || !isPlainObject(event.data)) return undefined;
  // The executor merges the fetched data into a prototype-less object before shaping it.
  const input = Object.assign(Object.create(null) as Record<string, unknown>, event.data);
  try {
    const { data } = computeResponse({
      operation,
      variables,
      input,
      introspectionHandling: () => {
        throw new IntrospectionNeeded();
      },
    });
    // Like the executor's result as the slow path forwards it: data only (value-completion
    // notes go to `extensions`, which neither path forwards).
    return { data: (data ?? null) as ExecutionResult['data'] };
  } catch {
    return undefined;
  }
}
