import { Binary, Decimal128, Long, ObjectId } from 'bson';
import { compareValues } from '../../query/sort';
import { canonicalKey, orderedNumberKey } from '../values';

describe('canonicalKey', () => {
  it('unifies numeric types like MongoDB index keys', () => {
    expect(canonicalKey(1)).toBe(canonicalKey(1.0));
    expect(canonicalKey(1)).toBe(canonicalKey(Long.fromNumber(1)));
    expect(canonicalKey(2.5)).toBe(canonicalKey(Decimal128.fromString('2.5')));
    expect(canonicalKey(0)).toBe(canonicalKey(-0));
    expect(canonicalKey(1)).not.toBe(canonicalKey('1'));
  });

  it('distinguishes ObjectId, Date, Binary and strings with the same text', () => {
    const id = new ObjectId();
    expect(canonicalKey(id)).toBe(canonicalKey(new ObjectId(id.toHexString())));
    expect(canonicalKey(id)).not.toBe(canonicalKey(id.toHexString()));
    expect(canonicalKey(new Date(5))).not.toBe(canonicalKey(5));
    expect(canonicalKey(new Binary(Buffer.from([1]), 0))).not.toBe(
      canonicalKey(new Binary(Buffer.from([1]), 4)),
    );
    expect(canonicalKey({ a: 1, b: 2 })).not.toBe(canonicalKey({ b: 2, a: 1 }));
    expect(canonicalKey(null)).toBe(canonicalKey(undefined));
  });
});

describe('compareValues', () => {
  it('orders across BSON types and within numbers of different types', () => {
    expect(compareValues(null, 0)).toBeLessThan(0);
    expect(compareValues(Long.fromNumber(10), 9)).toBeGreaterThan(0);
    expect(
      compareValues(Decimal128.fromString('10'), Decimal128.fromString('9.5')),
    ).toBeGreaterThan(0);
    expect(compareValues('z', new ObjectId())).toBeLessThan(0);
    expect(compareValues(new ObjectId(), true)).toBeLessThan(0);
    expect(compareValues(true, new Date(0))).toBeLessThan(0);
    const a = new ObjectId('000000000000000000000001');
    const b = new ObjectId('000000000000000000000002');
    expect(compareValues(a, b)).toBeLessThan(0);
  });
});

describe('orderedNumberKey', () => {
  it('orders decimal texts numerically and unifies equal values', () => {
    const texts = [
      '-Infinity',
      '-100',
      '-2.55',
      '-2.5',
      '-0.001',
      '0',
      '0.001',
      '2.5',
      '2.55',
      '9',
      '10.5',
      '1E+3',
      'Infinity',
    ];
    const keys = texts.map(orderedNumberKey);
    expect([...keys].sort()).toEqual(keys);
    expect(orderedNumberKey('2.50')).toBe(orderedNumberKey('2.5'));
    expect(orderedNumberKey('-0')).toBe(orderedNumberKey('0.00'));
    expect(orderedNumberKey('1.5E+3')).toBe(orderedNumberKey('1500'));
  });
});
