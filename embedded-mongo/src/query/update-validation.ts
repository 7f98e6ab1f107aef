import { Decimal128, Long, ObjectId, type Document } from 'bson';
import { MongoCommandError } from '../errors';
import { formatValue, isPlainObject } from '../storage/values';

const NUMERIC_OPS = new Set(['$inc', '$mul']);
const ARRAY_OPS = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);

function bsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (value instanceof Date) return 'date';
  if (value instanceof ObjectId) return 'objectId';
  if (value instanceof Long) return 'long';
  if (value instanceof Decimal128) return 'decimal';
  if (isPlainObject(value)) return 'object';
  return typeof value;
}

function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || value instanceof Long || value instanceof Decimal128;
}

/**
 * mingo silently skips some updates mongod refuses. Checks an operator update against the
 * current document and throws mongod's errors: $inc/$mul on a non-number (TypeMismatch 14),
 * array operators on a non-array (BadValue 2), creating a field inside a scalar (PathNotViable 28).
 */
export function validateOperatorUpdate(doc: Document, modifier: Document): void {
  const idText = `{_id: ${formatValue(doc._id)}}`;
  for (const [op, fields] of Object.entries(modifier)) {
    if (!isPlainObject(fields)) continue;
    for (const path of Object.keys(fields)) {
      const parts = path.split('.');
      if (parts.some((p) => p.startsWith('$'))) continue;
      let current: unknown = doc;
      let missing = false;
      for (let i = 0; i < parts.length; i += 1) {
        const part = parts[i] as string;
        if (Array.isArray(current) && /^\d+$/.test(part)) {
          current = current[Number(part)];
        } else if (isPlainObject(current)) {
          current = current[part];
        } else if (current === undefined || current === null) {
          missing = true;
          break;
        } else {
          if (op === '$unset' || op === '$pull' || op === '$pullAll' || op === '$pop') {
            missing = true;
            break;
          }
          const prefix = parts.slice(0, i).join('.');
          throw new MongoCommandError(
            'PathNotViable',
            `Cannot create field '${part}' in element {${prefix}: ${formatValue(current)}}`,
          );
        }
      }
      if (missing || current === undefined) continue;
      if (NUMERIC_OPS.has(op) && !isNumeric(current)) {
        throw new MongoCommandError(
          'TypeMismatch',
          `Cannot apply ${op} to a value of non-numeric type. ${idText} has the field '${parts[parts.length - 1] as string}' of non-numeric type ${bsonTypeName(current)}`,
        );
      }
      if (ARRAY_OPS.has(op) && !Array.isArray(current)) {
        const message =
          op === '$pull' || op === '$pullAll'
            ? 'Cannot apply $pull to a non-array value'
            : `The field '${path}' must be an array but is of type ${bsonTypeName(current)} in document ${idText}`;
        throw new MongoCommandError('BadValue', message);
      }
    }
  }
}
