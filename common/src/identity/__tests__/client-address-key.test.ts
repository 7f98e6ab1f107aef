import { clientAddressKey } from '../client-address-key';

describe('clientAddressKey (one key per client for per-address limits)', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('127.0.0.1')).toBe('127.0.0.1');
  });

  it('maps an IPv4-mapped IPv6 address to its IPv4 address, in either notation', () => {
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(clientAddressKey('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(clientAddressKey('0:0:0:0:0:ffff:cb00:7107')).toBe('203.0.113.7');
  });

  it('gives every form of an address in one /64 the same key', () => {
    const forms = [
      '2001:db8:1:2::1',
      '2001:db8:1:2::2',
      '2001:0db8:0001:0002:0000:0000:0000:0001',
      '2001:DB8:1:2:ffff:ffff:ffff:ffff',
      '2001:db8:1:2:a:b:c:d',
      '2001:db8:1:2:0:0:1.2.3.4',
      '2001:db8:1:2::1%eth0',
    ];
    for (const form of forms) expect(clientAddressKey(form)).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8::1')).toBe('2001:db8::/64');
    expect(clientAddressKey('2001:db8::2')).toBe('2001:db8::/64');
    expect(clientAddressKey('2001:0db8:0000:0000:1234::')).toBe('2001:db8::/64');
    expect(clientAddressKey('::1')).toBe('::/64');
  });

  it('gives different /64s different keys', () => {
    expect(clientAddressKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientAddressKey('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(clientAddressKey('2001:db8:1:2::1')).not.toBe(clientAddressKey('2001:db8:1:3::1'));
    expect(clientAddressKey('2001:db8::1')).not.toBe(clientAddressKey('2001:db9::1'));
  });

  it('returns anything that is not an IP address as given', () => {
    expect(clientAddressKey('unknown')).toBe('unknown');
    expect(clientAddressKey('1.2.3.4.5')).toBe('1.2.3.4.5');
  });
});
