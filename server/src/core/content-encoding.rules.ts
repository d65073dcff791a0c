/** The precompressed copies the h5 build has next to each asset (config/precompress.js), best first. */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;
export type PrecompressedEncoding = (typeof PRECOMPRESSED)[number]['encoding'];

/**
 * The encodings an `Accept-Encoding` header allows, from those we have precompressed, best first.
 * `q=0` refuses one; `*` stands for any not named (RFC 9110 §12.5.3). No header: identity only.
 */
export function acceptedEncodings(header: string | undefined): PrecompressedEncoding[] {
  if (!header) return [];
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map(p => p.trim()).find(p => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (encoding: string): number => weights.get(encoding) ?? weights.get('*') ?? 0;
  return PRECOMPRESSED.map(p => p.encoding).filter(encoding => weightOf(encoding) > 0);
}
