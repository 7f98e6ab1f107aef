// Measures one operation — depth, aliases, root fields and cost — in a single pass over the
// document, with every fragment spread expanded. Each fragment is measured once and memoised, so a
// "fan-out" document (fragments that spread the next one many times) is counted in full — its
// expanded size — in time linear in the document. A fragment that (directly or not) spreads itself
// is reported as a cycle instead of recursing forever.
// Without a schema (before validation, see document-limits.ts) depth, aliases, root fields, fields
// and repeated response names are still measured; cost needs the schema's types.
import {
  getNamedType,
  isObjectType,
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
import type { ListSizes } from './list-sizes';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxCost: number;
  /** The assumed length of a list field without a `first`/`last` argument. */
  defaultListSize: number;
  /** Declared list sizes by `Type.field` (default: none). */
  listSizes?: ListSizes;
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
  /** Fields in the fully expanded operation (`__typename` included). */
  fields: number;
  /** The most times one response name is selected in one selection set (fragments merged). */
  repeatedField: number;
  /** Root fields of a mutation (aliases each count); 0 for queries and subscriptions. */
  mutationFields: number;
}

export interface MeasureOptions {
  defaultListSize: number;
  listSizes?: ListSizes;
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
  /** Fields at this level (root fields, at the top). */
  topFields: number;
  /** Fields at every level. */
  fields: number;
  cost: number;
  /** Times each response name is selected at this level (inline and named fragments merged). */
  names: Map<string, number>;
  repeatedField: number;
}

const EMPTY: Measure = {
  depth: 0,
  aliases: 0,
  topFields: 0,
  fields: 0,
  cost: 0,
  names: new Map(),
  repeatedField: 0,
};
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
  schema: GraphQLSchema | undefined,
  parent: GraphQLCompositeType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (!schema || !parent) return undefined;
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
  schema: GraphQLSchema | undefined,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  options: number | MeasureOptions,
): OperationMeasure | OperationViolation {
  const { defaultListSize, listSizes = {} } =
    typeof options === 'number' ? { defaultListSize: options } : options;
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
    const declared = parent ? listSizes[`${parent.name}.${field.name.value}`] : undefined;
    for (const argument of field.arguments ?? []) {
      if (!PAGINATION_ARGUMENTS.has(argument.name.value)) continue;
      const value = argumentValue(argument.value);
      if (value !== undefined)
        return declared?.max === undefined ? value : Math.min(value, declared.max);
    }
    if (declared) return declared.assumed;
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
    const type = schema?.getType(fragment.typeCondition.name.value);
    const result = measureSelectionSet(
      fragment.selectionSet,
      isCompositeType(type) ? type : undefined,
    );
    inProgress.delete(name);
    measured.set(name, result);
    return result;
  }

  /**
   * A fragment on another object type than `parent` (an abstract type) applies only to objects of
   * that type: fragments on different object types are alternatives, so the dearest one counts.
   */
  function alternativeOf(
    condition: string | undefined,
    parent: GraphQLCompositeType | undefined,
  ): string | undefined {
    if (!condition || !schema || !parent || condition === parent.name) return undefined;
    return isObjectType(schema.getType(condition)) ? condition : undefined;
  }

  function measureSelectionSet(
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType | undefined,
  ): Measure {
    let depth = 0;
    let aliases = 0;
    let topFields = 0;
    let fields = 0;
    let commonCost = 0;
    let repeatedField = 0;
    const alternatives = new Map<string, number>();
    const names = new Map<string, number>();
    const spread = new Set<string>();
    const count = (name: string, times: number) => {
      const total = (names.get(name) ?? 0) + times;
      names.set(name, total);
      repeatedField = Math.max(repeatedField, total);
    };
    for (const selection of selectionSet.selections) {
      let inner: Measure;
      let alternative: string | undefined;
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
        count((selection.alias ?? selection.name).value, 1);
        inner = {
          depth: child.depth + 1,
          aliases: child.aliases + (selection.alias ? 1 : 0),
          topFields: 1,
          fields: child.fields + 1,
          cost: ownCost + listSize(selection, definition, parent) * child.cost,
          names: EMPTY.names,
          repeatedField: child.repeatedField,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        const type = condition ? schema?.getType(condition) : parent;
        inner = measureSelectionSet(
          selection.selectionSet,
          isCompositeType(type) ? type : undefined,
        );
        for (const [name, times] of inner.names) count(name, times);
        alternative = alternativeOf(condition, parent);
      } else {
        inner = measureFragment(selection.name.value);
        // graphql-js compares a fragment once per selection set however often it is spread.
        if (!spread.has(selection.name.value)) {
          spread.add(selection.name.value);
          for (const [name, times] of inner.names) count(name, times);
        }
        alternative = alternativeOf(
          fragments.get(selection.name.value)?.typeCondition.name.value,
          parent,
        );
      }
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
      topFields += inner.topFields;
      fields += inner.fields;
      repeatedField = Math.max(repeatedField, inner.repeatedField);
      if (alternative === undefined) commonCost += inner.cost;
      else alternatives.set(alternative, (alternatives.get(alternative) ?? 0) + inner.cost);
    }
    const cost = commonCost + Math.max(0, ...alternatives.values());
    return { depth, aliases, topFields, fields, cost, names, repeatedField };
  }

  try {
    const result = measureSelectionSet(
      operation.selectionSet,
      schema ? rootType(schema, operation) : undefined,
    );
    return {
      depth: result.depth,
      aliases: result.aliases,
      rootFields: result.topFields,
      cost: result.cost,
      fields: result.fields,
      repeatedField: result.repeatedField,
      mutationFields: operation.operation === 'mutation' ? result.topFields : 0,
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
  const measure = measureOperation(schema, document, operation, variables, {
    defaultListSize: limits.defaultListSize,
    ...(limits.listSizes ? { listSizes: limits.listSizes } : {}),
  });
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
