import { forwardedForOf, isIpAddress } from '../forwarded-for';

describe('forwardedForOf', () => {
  it('forwards nothing without trusted proxies (TRUSTED_PROXY_HOPS=0): the browser wrote the header', () => {
    expect(forwardedForOf(new Headers({ 'x-forwarded-for': '203.0.113.7' }), 0)).toBeUndefined();
    expect(forwardedForOf({ 'x-forwarded-for': '198.51.100.1, 10.0.0.1' }, 0)).toBeUndefined();
  });

  it('forwards nothing by default (TRUSTED_PROXY_HOPS unset is 0)', () => {
    expect(forwardedForOf(new Headers({ 'x-forwarded-for': '203.0.113.7' }))).toBeUndefined();
  });

  it('forwards only the address the outermost trusted proxy saw, N entries from the right', () => {
    // A browser that forged "1.1.1.1" behind one load balancer: the LB appended the real peer.
    const forged = new Headers({ 'x-forwarded-for': '1.1.1.1, 203.0.113.7' });
    expect(forwardedForOf(forged, 1)).toBe('203.0.113.7');
    // Two proxies: CDN appended the browser, the LB appended the CDN.
    const twoHops = { 'x-forwarded-for': '1.1.1.1, 2001:db8::1, 10.0.0.2' };
    expect(forwardedForOf(twoHops, 2)).toBe('2001:db8::1');
    expect(forwardedForOf(twoHops, 1)).toBe('10.0.0.2');
    expect(forwardedForOf({ 'x-forwarded-for': ['1.1.1.1', '::ffff:198.51.100.1'] }, 1)).toBe(
      '::ffff:198.51.100.1',
    );
    expect(forwardedForOf(new Headers({ 'x-forwarded-for': '203.0.113.7' }), 1)).toBe(
      '203.0.113.7',
    );
  });

  it('forwards nothing when the entry is missing or is not an IP address', () => {
    expect(forwardedForOf(undefined, 1)).toBeUndefined();
    expect(forwardedForOf(new Headers(), 1)).toBeUndefined();
    expect(forwardedForOf({ 'x-forwarded-for': '203.0.113.7' }, 2)).toBeUndefined();
    expect(forwardedForOf({ 'x-forwarded-for': 'evil\r\nx-api-key: 1' }, 1)).toBeUndefined();
    expect(forwardedForOf({ 'x-forwarded-for': '1.2.3.4, not-an-address' }, 1)).toBeUndefined();
    expect(forwardedForOf({ 'x-forwarded-for': '1.2.3.4, 5.6.7.8:443' }, 1)).toBeUndefined();
    expect(forwardedForOf({ 'x-forwarded-for': '1.2.3.4, ' }, 1)).toBeUndefined();
    expect(forwardedForOf({ 'x-forwarded-for': '1.2.3.4,'.repeat(100) }, 1)).toBeUndefined();
  });
});

describe('isIpAddress', () => {
  it('accepts IPv4 and IPv6 addresses and nothing else', () => {
    for (const address of ['203.0.113.7', '0.0.0.0', '::1', '2001:db8::1', '::ffff:10.0.0.1'])
      expect(isIpAddress(address)).toBe(true);
    for (const address of [
      '256.1.1.1',
      '1.2.3',
      '01.2.3.4',
      '2001:db8:::1',
      '[::1]',
      '1.2.3.4:80',
      'x',
    ])
      expect(isIpAddress(address)).toBe(false);
  });
});
