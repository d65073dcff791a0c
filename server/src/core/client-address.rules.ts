import { BlockList, isIP } from 'net';

/** Who may tell the service a client's address: the balancers' addresses or networks. */
export interface ProxyTrust {
  /** TRUST_PROXY=true: read X-Forwarded-For at all. */
  enabled: boolean;
  /** TRUSTED_PROXIES entries: addresses (`127.0.0.1`) or networks (`10.0.0.0/8`). */
  proxies: string[];
}

export const DEFAULT_TRUSTED_PROXIES = ['127.0.0.1', '::1'];

/** `"127.0.0.1, 10.0.0.0/8"` → a matcher; throws on an entry that is neither, so a typo stops the start. */
export function trustedProxyList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (!isIP(address) || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an address or address/prefix`);
    }
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

function trusted(list: BlockList, address: string): boolean {
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  const family = isIP(plain);
  if (!family) return false;
  return list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address. X-Forwarded-For counts only when the connection comes from a trusted
 * proxy, and then from the right: each trusted hop appended the address it saw, so the first
 * entry (reading leftwards) not itself a trusted proxy is the client. Entries further left were
 * written by the client and can say anything.
 */
export function clientAddressOf(remote: string, forwardedFor: string | undefined, enabled: boolean, proxies: BlockList): string {
  if (!enabled || !forwardedFor || !trusted(proxies, remote)) return remote;
  const hops = forwardedFor.split(',').map(h => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    if (!isIP(hops[i])) return remote;
    if (!trusted(proxies, hops[i]) || i === 0) return hops[i];
  }
  return remote;
}
