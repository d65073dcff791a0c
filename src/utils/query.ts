export type QueryValue = string | number | boolean | undefined;

/** `{ a: 1, b: undefined, c: 'x y' }` → `a=1&c=x%20y`; unset and empty values are left out. */
export function queryString(params: Record<string, QueryValue> = {}): string {
  return Object.entries(params)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}
