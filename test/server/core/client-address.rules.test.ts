import { clientAddressOf, DEFAULT_TRUSTED_PROXIES, trustedProxyList } from '../../../server/src/core/client-address.rules';

describe('client address rules', () => {
  const local = trustedProxyList(DEFAULT_TRUSTED_PROXIES);
  const lan = trustedProxyList(['10.0.0.0/8', '127.0.0.1']);

  it('should use the connection\'s address when forwarding is not trusted', () => {
    expect(clientAddressOf('203.0.113.9', '198.51.100.1', false, local)).toBe('203.0.113.9');
  });

  it('should ignore X-Forwarded-For from a caller that is not a trusted proxy', () => {
    expect(clientAddressOf('203.0.113.9', '198.51.100.1', true, local)).toBe('203.0.113.9');
  });

  it('should take the address the trusted proxy appended, not what the client wrote before it', () => {
    expect(clientAddressOf('127.0.0.1', '1.2.3.4, 203.0.113.9', true, local)).toBe('203.0.113.9');
    expect(clientAddressOf('::ffff:127.0.0.1', '203.0.113.9', true, local)).toBe('203.0.113.9');
  });

  it('should skip trusted hops from the right (a balancer behind another)', () => {
    expect(clientAddressOf('10.0.0.2', '6.6.6.6, 203.0.113.9, 10.0.0.7', true, lan)).toBe('203.0.113.9');
    expect(clientAddressOf('10.0.0.2', '10.0.0.8, 10.0.0.7', true, lan)).toBe('10.0.0.8');
  });

  it('should fall back to the connection\'s address when the header is not a list of addresses', () => {
    expect(clientAddressOf('127.0.0.1', 'unknown', true, local)).toBe('127.0.0.1');
    expect(clientAddressOf('127.0.0.1', undefined, true, local)).toBe('127.0.0.1');
  });

  it('should refuse a TRUSTED_PROXIES entry that is neither an address nor a network', () => {
    expect(() => trustedProxyList(['balancer.internal'])).toThrow('TRUSTED_PROXIES');
    expect(() => trustedProxyList(['10.0.0.0/abc'])).toThrow('TRUSTED_PROXIES');
  });
});
