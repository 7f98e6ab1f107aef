import { forwardedForOf } from '../forwarded-for';

describe('forwardedForOf', () => {
  it('passes on the browser request’s x-forwarded-for chain', () => {
    expect(forwardedForOf(new Headers({ 'x-forwarded-for': '203.0.113.7' }))).toBe('203.0.113.7');
    expect(forwardedForOf({ 'x-forwarded-for': '198.51.100.1, ::ffff:127.0.0.1' })).toBe(
      '198.51.100.1, ::ffff:127.0.0.1',
    );
    expect(forwardedForOf({ 'x-forwarded-for': ['2001:db8::1', '10.0.0.1'] })).toBe(
      '2001:db8::1,10.0.0.1',
    );
  });

  it('sends nothing for a missing header or one that is not a list of addresses', () => {
    expect(forwardedForOf(undefined)).toBeUndefined();
    expect(forwardedForOf(new Headers())).toBeUndefined();
    expect(forwardedForOf({ 'x-forwarded-for': 'evil\r\nx-api-key: 1' })).toBeUndefined();
    expect(forwardedForOf({ 'x-forwarded-for': '1.2.3.4,'.repeat(100) })).toBeUndefined();
  });
});
