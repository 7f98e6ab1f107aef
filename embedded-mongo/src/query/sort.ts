import { Binary, Decimal128, Long, MaxKey, MinKey, ObjectId, Timestamp, type Document } from 'bson';
import { decimalText, isPlainObject, valuesAtPath } from '../storage/values';

/** MongoDB's cross-type sort order (BSON comparison order). */
function typeRank(v: unknown): number {
  if (v instanceof MinKey) return 1;
  if (v === undefined || v === null) return 2;
  if (
    typeof v === 'number' ||
    typeof v === 'bigint' ||
    v instanceof Long ||
    v instanceof Decimal128
  )
    return 3;
  if (typeof v === 'string') return 4;
  if (Array.isArray(v)) return 6;
  if (isPlainObject(v)) return 5;
  if (v instanceof Binary) return 7;
  if (v instanceof ObjectId) return 8;
  if (typeof v === 'boolean') return 9;
  if (v instanceof Date) return 10;
  if (v instanceof Timestamp) return 11;
  if (v instanceof RegExp) return 12;
  if (v instanceof MaxKey) return 13;
  return 14;
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Decimal128) return Number(decimalText(v));
  return NaN;
}

const cmp = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Compares two BSON values the way MongoDB orders them. */
export function compareValues(a: unknown, b: unknown, collator?: Intl.Collator): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 3: {
      const x = toNumber(a);
      const y = toNumber(b);
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
      if (Number.isNaN(y)) return 1;
      return cmp(x, y);
    }
    case 4:
      return collator ? collator.compare(a as string, b as string) : cmp(a as string, b as string);
    case 5: {
      const ka = Object.keys(a as Document);
      const kb = Object.keys(b as Document);
      for (let i = 0; i < Math.min(ka.length, kb.length); i += 1) {
        const va = (a as Document)[ka[i] as string];
        const vb = (b as Document)[kb[i] as string];
        const t = typeRank(va) - typeRank(vb);
        if (t !== 0) return t;
        const k = cmp(ka[i] as string, kb[i] as string);
        if (k !== 0) return k;
        const c = compareValues(va, vb, collator);
        if (c !== 0) return c;
      }
      return ka.length - kb.length;
    }
    case 6: {
      const xa = a as unknown[];
      const xb = b as unknown[];
      for (let i = 0; i < Math.min(xa.length, xb.length); i += 1) {
        const c = compareValues(xa[i], xb[i], collator);
        if (c !== 0) return c;
      }
      return xa.length - xb.length;
    }
    case 7: {
      const ba = a as Binary;
      const bb = b as Binary;
      if (ba.length() !== bb.length()) return ba.length() - bb.length();
      if (ba.sub_type !== bb.sub_type) return ba.sub_type - bb.sub_type;
      return Buffer.compare(Buffer.from(ba.buffer), Buffer.from(bb.buffer));
    }
    case 8:
      return cmp((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 9:
      return cmp(Number(a), Number(b));
    case 10:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case 11:
      return (a as Timestamp).compare(b as Timestamp);
    case 12: {
      const c = cmp((a as RegExp).source, (b as RegExp).source);
      return c !== 0 ? c : cmp((a as RegExp).flags, (b as RegExp).flags);
    }
    default:
      return 0;
  }
}

/** The value a document sorts by for one field: arrays contribute their min (asc) or max (desc) element. */
function sortKey(
  doc: Document,
  field: string,
  direction: number,
  collator?: Intl.Collator,
): unknown {
  const raw = valuesAtPath(doc, field);
  const flat: unknown[] = [];
  for (const v of raw) {
    if (Array.isArray(v)) flat.push(...(v as unknown[]));
    else flat.push(v);
  }
  if (flat.length === 0) return null;
  let best = flat[0];
  for (const v of flat.slice(1)) {
    const c = compareValues(v, best, collator);
    if ((direction > 0 && c < 0) || (direction < 0 && c > 0)) best = v;
  }
  return best;
}

/** Stable sort of items by a MongoDB sort specification. */
export function sortBySpec<T>(
  items: T[],
  docOf: (item: T) => Document,
  spec: Document,
  collation?: Document,
): T[] {
  const fields = Object.entries(spec)
    .filter(([field]) => field !== '$natural')
    .map(([field, dir]) => [field, Number(dir) < 0 ? -1 : 1] as const);
  const collator =
    collation && typeof collation.locale === 'string' && collation.locale !== 'simple'
      ? new Intl.Collator(collation.locale, {
          sensitivity:
            Number(collation.strength ?? 3) === 1
              ? 'base'
              : Number(collation.strength ?? 3) === 2
                ? 'accent'
                : 'variant',
          numeric: collation.numericOrdering === true,
        })
      : undefined;
  const keyed = items.map((item, index) => ({
    item,
    index,
    keys: fields.map(([field, dir]) => sortKey(docOf(item), field, dir, collator)),
  }));
  keyed.sort((x, y) => {
    for (let i = 0; i < fields.length; i += 1) {
      const c = compareValues(x.keys[i], y.keys[i], collator);
      if (c !== 0) return c * (fields[i] as readonly [string, number])[1];
    }
    return x.index - y.index;
  });
  return keyed.map((k) => k.item);
}
