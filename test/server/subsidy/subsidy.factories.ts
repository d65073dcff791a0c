/** A resident ID (region 210202) with a correct GB 11643 check digit for the birth date. */
export function residentId(birth: string, seq = '123'): string {
  const body = `210202${birth.replace(/-/g, '')}${seq.padStart(3, '0').slice(-3)}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}
