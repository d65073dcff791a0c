import { startDatabase, type RunningDatabase } from '../../../server/scripts/embedded-mongo';

declare global {
  var __LIULIAN_DB__: RunningDatabase | undefined;
}

/** One database server for the whole run; each test file uses its own database in it. */
export default async function globalSetup(): Promise<void> {
  const db = await startDatabase({ backend: 'memory', log: line => process.stdout.write(`[db] ${line}\n`) });
  globalThis.__LIULIAN_DB__ = db;
  process.env.TEST_MONGODB_URI = db.uri;
}
