import { Binary, Decimal128, Long, ObjectId, Timestamp, type Document } from 'bson';

const decimalToString = Decimal128.prototype.toString;
const longToString = Long.prototype.toString;

/** The real decimal text of a Decimal128 (received values carry an order-preserving toString). */
export function decimalText(value: Decimal128): string {
  return decimalToString.call(value);
}

/** The real decimal text of a Long. */
export function longText(value: Long): string {
  return longToString.call(value);
}

/** An order-preserving key for a decimal number written as text ("-1.5E+3", "NaN", "Infinity"). */
export function orderedNumberKey(text: string): string {
  const t = text.trim();
  if (/^-?nan$/i.test(t)) return '!';
  if (/^-inf(inity)?$/i.test(t)) return '#';
  if (/^\+?inf(inity)?$/i.test(t)) return '~';
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m) return `?${t}`;
  const negative = m[1] === '-';
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  let digits = `${intPart}${fracPart}`;
  let exponent = Number(m[4] ?? 0) - fracPart.length;
  const lead = digits.search(/[^0]/);
  if (lead < 0) return 'B';
  digits = digits.slice(lead);
  const trail = digits.length - (digits.match(/0*$/)?.[0].length ?? 0);
  exponent += digits.length - trail;
  digits = digits.slice(0, trail);
  const adjusted = exponent + digits.length - 1 + 50_000;
  if (!negative) return `C${String(adjusted).padStart(6, '0')}${digits}`;
  const inverted = [...digits].map((d) => String(9 - Number(d))).join('');
  return `A${String(999_999 - adjusted).padStart(6, '0')}${inverted}~`;
}

/** True for plain JS objects (documents), false for arrays, dates and bson value classes. */
export function isPlainObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function numberKey(n: number): string {
  if (Number.isNaN(n)) return 'nNaN';
  return `n${Object.is(n, -0) ? 0 : n}`;
}

/**
 * A canonical string for a BSON value such that two values get the same key exactly when
 * MongoDB's index would treat them as equal (1, 1.0 and Long(1) share a key).
 */
export function canonicalKey(value: unknown): string {
  if (value === undefined || value === null) return 'N';
  switch (typeof value) {
    case 'number':
      return numberKey(value);
    case 'bigint':
      return `n${value.toString()}`;
    case 'string':
      return `s${JSON.stringify(value)}`;
    case 'boolean':
      return value ? 'b1' : 'b0';
    default:
      break;
  }
  if (value instanceof Date) return `d${value.getTime()}`;
  if (value instanceof ObjectId) return `o${value.toHexString()}`;
  if (value instanceof Long) {
    const n = value.toNumber();
    return Number.isSafeInteger(n) ? numberKey(n) : `n${orderedNumberKey(longText(value))}`;
  }
  if (value instanceof Decimal128) {
    const s = decimalText(value);
    const n = Number(s);
    const ordered = orderedNumberKey(s);
    return Number.isFinite(n) && orderedNumberKey(String(n)) === ordered
      ? numberKey(n)
      : `n${ordered}`;
  }
  if (value instanceof Binary) {
    return `x${value.sub_type}:${Buffer.from(value.buffer).toString('base64')}`;
  }
  if (value instanceof RegExp) return `r/${value.source}/${value.flags}`;
  if (value instanceof Timestamp) return `t${value.toString()}`;
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .map((k) => `${JSON.stringify(k)}:${canonicalKey(value[k])}`)
      .join(',')}}`;
  }
  const ctor = (value as { constructor?: { name?: string } }).constructor?.name ?? 'unknown';
  return `?${ctor}:${String(value)}`;
}

/** A copy of a document deep enough that mutating it never touches the original. */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => cloneValue(v)) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const out: Document = {};
    for (const key of Object.keys(value)) out[key] = cloneValue(value[key]);
    return out as T;
  }
  return value;
}

/** Reads a dotted path; arrays along the path are traversed (collecting every match). */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  const out: unknown[] = [];
  const walk = (value: unknown, i: number): void => {
    if (i === parts.length) {
      out.push(value);
      return;
    }
    if (Array.isArray(value)) {
      const part = parts[i] as string;
      if (/^\d+$/.test(part)) {
        walk(value[Number(part)], i + 1);
        return;
      }
      for (const el of value) {
        if (isPlainObject(el)) walk(el[part], i + 1);
      }
      if (value.length === 0) out.push(undefined);
      return;
    }
    if (isPlainObject(value)) {
      walk(value[parts[i] as string], i + 1);
      return;
    }
    out.push(undefined);
  };
  walk(doc, 0);
  return out;
}

/** Formats a value the way mongod prints it in a duplicate key message. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof ObjectId) return `ObjectId('${value.toHexString()}')`;
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (value instanceof Long) return longText(value);
  if (value instanceof Decimal128) return decimalText(value);
  if (Array.isArray(value)) return `[ ${value.map(formatValue).join(', ')} ]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    return `{ ${keys.map((k) => `${k}: ${formatValue(value[k])}`).join(', ')} }`;
  }
  return String(value);
}
