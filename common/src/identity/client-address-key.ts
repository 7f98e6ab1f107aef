import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a per-address limit (rate limits, sign-in and registration throttles) counts a client
 * address under, so one client is one key whichever form its address takes:
 *
 * - an IPv4 address is itself (`203.0.113.7`);
 * - an IPv4-mapped IPv6 address is its IPv4 address (`::ffff:203.0.113.7` → `203.0.113.7`), as a
 *   dual-stack socket reports IPv4 peers;
 * - any other IPv6 address is its /64 prefix (`2001:db8:1:2::7` → `2001:db8:1:2::/64`): one
 *   subscriber is routinely given a whole /64, so counting each address alone would let a client
 *   rotate through 2^64 addresses to reset every limit.
 *
 * Anything else (not an IP address) is returned as given, so it still counts under one key.
 */
export function clientAddressKey(address: string): string {
  const trimmed = address.trim();
  if (isIPv4(trimmed)) return trimmed;
  const groups = ipv6Groups(trimmed);
  if (!groups) return trimmed;
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high, low] = [groups[6]!, groups[7]!];
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return `${compressIPv6([...groups.slice(0, 4), 0, 0, 0, 0])}/64`;
}

/** The eight 16-bit groups of an IPv6 address (zone index dropped), or undefined if it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  const unzoned = address.replace(/%.*$/, '');
  if (!isIPv6(unzoned)) return undefined;
  let text = unzoned.toLowerCase();
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) becomes two hex groups.
  const ipv4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (ipv4Tail) {
    const [a, b, c, d] = ipv4Tail.slice(1).map(Number) as [number, number, number, number];
    text =
      text.slice(0, ipv4Tail.index) +
      `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 ? groups : undefined;
}

/** RFC 5952 text: lower-case groups, the longest run (first on a tie) of two or more zeros as `::`. */
function compressIPv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < groups.length;) {
    if (groups[start] !== 0) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < groups.length && groups[end] === 0) end += 1;
    if (end - start > bestLength) [bestStart, bestLength] = [start, end - start];
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
