/** Per-type value limits of subscribe-message fields (wechat.md §2.2); longer values get 47003. */
const LIMITS: Record<string, number> = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  phone_number: 17,
  car_number: 8,
  name: 10,
  phrase: 5,
};

/** Fits each value to its key's type: strips control characters and cuts to the limit. */
export function fitTemplateData(data: Record<string, string>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [key, raw] of Object.entries(data)) {
    const type = key.replace(/\d+$/, '');
    const clean = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
    const limit = LIMITS[type];
    out[key] = { value: limit ? Array.from(clean).slice(0, limit).join('') : clean };
  }
  return out;
}
