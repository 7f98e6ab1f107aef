import { Binary, Decimal128, Long } from 'bson';
import { decimalText, isPlainObject, longText, orderedNumberKey } from './values';

/**
 * mingo compares two objects of one class by their toString(): equality by string equality and
 * ordering by string order. That is wrong for some bson classes:
 *  - Binary#toString() is lossy UTF-8, so different bytes can look equal;
 *  - Decimal128("2.5") and Decimal128("2.50") differ as text, and "10" < "9" as text;
 *  - Long values beyond 2^53 (the rest are promoted to numbers) order as text too.
 * Every such value the server receives gets an own, non-enumerable toString() returning a
 * lossless (Binary) or order-preserving (Decimal128, Long) text, so mingo's equality, $in and
 * range operators behave like MongoDB. The prototype methods are untouched; server code that
 * needs the real text calls them explicitly (see decimalText / longText).
 */

const binaryToString = Binary.prototype.toString;
const longToString = Long.prototype.toString;

function binaryIdentity(this: Binary, encoding?: 'hex' | 'base64' | 'utf8' | 'utf-8'): string {
  if (encoding) return binaryToString.call(this, encoding);
  return `${this.sub_type}:${binaryToString.call(this, 'base64')}`;
}

function decimalIdentity(this: Decimal128): string {
  return orderedNumberKey(decimalText(this));
}

function longIdentity(this: Long, radix?: number): string {
  if (radix !== undefined && radix !== 10) return longToString.call(this, radix);
  return orderedNumberKey(longText(this));
}

function tag(value: object, fn: (...args: never[]) => string): void {
  if (!Object.prototype.hasOwnProperty.call(value, 'toString')) {
    Object.defineProperty(value, 'toString', { value: fn, enumerable: false });
  }
}

/** Tags every Binary, Decimal128 and Long inside a received document (see above). */
export function tagValues(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) tagValues(item);
  } else if (value instanceof Binary) {
    tag(value, binaryIdentity);
  } else if (value instanceof Decimal128) {
    tag(value, decimalIdentity);
  } else if (value instanceof Long) {
    tag(value, longIdentity);
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) tagValues(value[key]);
  }
}
