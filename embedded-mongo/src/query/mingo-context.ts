import { Decimal128, Long, type Document } from 'bson';
import { Context, evalExpr } from 'mingo/core';
import { Lazy, type Iterator } from 'mingo/lazy';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { AnyObject, Options } from 'mingo/types';
import { decimalText, longText } from '../storage/values';
import { sortBySpec } from './sort';

/** $sort with MongoDB's BSON ordering (mingo's own puts ObjectId after Date and compares Long/Decimal128 as text). */
function $sort(coll: Iterator, sortKeys: Document, options: Options): Iterator {
  return coll.transform((docs: Document[]) =>
    Lazy(sortBySpec(docs, (d) => d, sortKeys, options.collation as Document | undefined)),
  );
}

/** $toString that prints Decimal128/Long as numbers (their toString is an ordering key, see value-identity). */
function $toString(obj: AnyObject, expr: unknown, options: Options): string | null {
  const value = evalExpr(obj, expr, options);
  if (value instanceof Decimal128) return decimalText(value);
  if (value instanceof Long) return longText(value);
  return expressionOperators.$toString(obj, expr, options);
}

/** Every mingo operator, with $sort replaced by the BSON-ordered one. */
export const ENGINE_CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: { ...expressionOperators, $toString },
  pipeline: { ...pipelineOperators, $sort },
  projection: projectionOperators,
  query: queryOperators,
  window: windowOperators,
});
