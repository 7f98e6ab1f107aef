// Measures one operation — depth, aliases, root fields and cost — in a single pass over the
// document, with every fragment spread expanded. Each fragment is measured once and memoised, so a
// "fan-out" document (fragments that spread the next one many times) is counted in full — its
// expanded size — in time linear in the document. A fragment that (directly or not) spreads itself
// is reported as a cycle instead of recursing forever.
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxCost: number;
  /** The assumed length of a list field without a `first`/`last` argument. */
  defaultListSize: number;
}

export interface OperationMeasure {
  /** Deepest chain of nested fields (`{ a { b } }` is 2). */
  depth: number;
  /** Aliased fields in the fully expanded operation. */
  aliases: number;
  /** Fields selected at the root of the operation (through fragments too). */
  rootFields: number;
  /** 1 per field, with each list field's selection multiplied by its expected length. */
  cost: number;
}

export type OperationViolation =
  | { kind: 'cycle'; fragment: string }
  | { kind: 'unknownFragment'; fragment: string }
  | { kind: 'depth'; value: number; limit: number }
  | { kind: 'aliases'; value: number; limit: number }
  | { kind: 'rootFields'; value: number; limit: number }
  | { kind: 'cost'; value: number; limit: number };

interface Measure {
  depth: number;
  aliases: number;
  fields: number;
  cost: number;
}

const EMPTY: Measure = { depth: 0, aliases: 0, fields: 0, cost: 0 };
const PAGINATION_ARGUMENTS = new Set(['first', 'last']);

class CycleError extends Error {
  constructor(readonly fragment: string) {
    super(`fragment cycle through ${fragment}`);
  }
}

class UnknownFragmentError extends Error {
  constructor(readonly fragment: string) {
    super(`unknown fragment ${fragment}`);
  }
}

function rootType(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
): GraphQLCompositeType | undefined {
  switch (operation.operation) {
    case 'query':
      return schema.getQueryType() ?? undefined;
    case 'mutation':
      return schema.getMutationType() ?? undefined;
    case 'subscription':
      return schema.getSubscriptionType() ?? undefined;
  }
}

function fieldDefinition(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (!parent) return undefined;
  if (name === SchemaMetaFieldDef.name && parent === schema.getQueryType())
    return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name && parent === schema.getQueryType()) return TypeMetaFieldDef;
  if ('getFields' in parent) return parent.getFields()[name];
  return undefined;
}

/**
 * Measures `operation` of `document` against `schema`; `variables` give the values of `first`/`last`
 * passed as variables. Unknown fields (the caller validates the document first) count as leaves.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  defaultListSize: number,
): OperationMeasure | OperationViolation {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, Measure>();
  const inProgress = new Set<string>();

  function listSize(
    field: FieldNode,
    definition: GraphQLField<unknown, unknown> | undefined,
    parent: GraphQLCompositeType | undefined,
  ): number {
    for (const argument of field.arguments ?? []) {
      if (!PAGINATION_ARGUMENTS.has(argument.name.value)) continue;
      const value = argumentValue(argument.value);
      if (value !== undefined) return value;
    }
    if (!definition || !isListType(getNullableType(definition.type))) return 1;
    // Introspection lists are bounded by the schema itself and answered in-process by the router.
    if (parent?.name.startsWith('__')) return 1;
    // `edges`/`nodes` of a connection: the connection field's `first`/`last` already counted them.
    if (
      parent &&
      parent.name.endsWith('Connection') &&
      (field.name.value === 'edges' || field.name.value === 'nodes')
    ) {
      return 1;
    }
    return defaultListSize;
  }

  function argumentValue(value: ValueNode): number | undefined {
    let raw: unknown;
    if (value.kind === Kind.INT) raw = Number(value.value);
    else if (value.kind === Kind.VARIABLE) raw = variables?.[value.name.value];
    else return undefined;
    return typeof raw === 'number' && Number.isFinite(raw)
      ? Math.max(0, Math.floor(raw))
      : undefined;
  }

  function measureFragment(name: string): Measure {
    const known = measured.get(name);
    if (known) return known;
    if (inProgress.has(name)) throw new CycleError(name);
    const fragment = fragments.get(name);
    if (!fragment) throw new UnknownFragmentError(name);
    inProgress.add(name);
    const type = schema.getType(fragment.typeCondition.name.value);
    const result = measureSelectionSet(
      fragment.selectionSet,
      isCompositeType(type) ? type : undefined,
    );
    inProgress.delete(name);
    measured.set(name, result);
    return result;
  }

  function measureSelectionSet(
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
  ): Measure {
    let depth = 0;
    let aliases = 0;
    let fields = 0;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      let inner: Measure;
      if (selection.kind === Kind.FIELD) {
        const definition = fieldDefinition(schema, parent, selection.name.value);
        const childType = definition ? getNamedType(definition.type) : undefined;
        const child = selection.selectionSet
          ? measureSelectionSet(
              selection.selectionSet,
              isCompositeType(childType) ? childType : undefined,
            )
          : EMPTY;
        const ownCost = selection.name.value === '__typename' ? 0 : 1;
        inner = {
          depth: child.depth + 1,
          aliases: child.aliases + (selection.alias ? 1 : 0),
          fields: 1,
          cost: ownCost + listSize(selection, definition, parent) * child.cost,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        inner = measureSelectionSet(
          selection.selectionSet,
          isCompositeType(type) ? type : undefined,
        );
      } else {
        inner = measureFragment(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
      fields += inner.fields;
      cost += inner.cost;
    }
    return { depth, aliases, fields, cost };
  }

  try {
    const result = measureSelectionSet(operation.selectionSet, rootType(schema, operation));
    return {
      depth: result.depth,
      aliases: result.aliases,
      rootFields: result.fields,
      cost: result.cost,
    };
  } catch (error) {
    if (error instanceof CycleError) return { kind: 'cycle', fragment: error.fragment };
    if (error instanceof UnknownFragmentError)
      return { kind: 'unknownFragment', fragment: error.fragment };
    throw error;
  }
}

/** The first limit `operation` breaks, or null when it is within every limit. */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limits: OperationLimits,
): OperationViolation | null {
  const measure = measureOperation(schema, document, operation, variables, limits.defaultListSize);
  if ('kind' in measure) return measure;
  if (measure.depth > limits.maxDepth)
    return { kind: 'depth', value: measure.depth, limit: limits.maxDepth };
  if (measure.aliases > limits.maxAliases)
    return { kind: 'aliases', value: measure.aliases, limit: limits.maxAliases };
  if (measure.rootFields > limits.maxRootFields) {
    return { kind: 'rootFields', value: measure.rootFields, limit: limits.maxRootFields };
  }
  if (measure.cost > limits.maxCost)
    return { kind: 'cost', value: measure.cost, limit: limits.maxCost };
  return null;
}
