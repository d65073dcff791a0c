export default async function globalTeardown(): Promise<void> {
  await globalThis.__LIULIAN_DB__?.stop();
}
