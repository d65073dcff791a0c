/** `12,500 元`: an amount in whole yuan, grouped by thousands as banks print them. */
export function yuan(amount: number): string {
  return `${Math.round(amount).toLocaleString('en-US')} 元`;
}
