import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, statSync } from 'fs';
import { MongoClient } from 'mongodb';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * Proves a backup restores (`npm run db:backup-check`, docs/deploy.md): `mongodump` of the database
 * in MONGODB_URI into a gzipped archive, `mongorestore` of that archive into a scratch database
 * beside it (`<name>_restorecheck`), then every collection's document count and index keys compared,
 * and the scratch database dropped. Needs MongoDB's database tools (`mongodump`, `mongorestore`) on
 * PATH or in MONGO_TOOLS_DIR. Exits 1 on any difference.
 */
function tool(name: string): string {
  return process.env.MONGO_TOOLS_DIR ? join(process.env.MONGO_TOOLS_DIR, name) : name;
}

function run(name: string, args: string[]): void {
  const started = Date.now();
  const result = spawnSync(tool(name), args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${name} could not run (${result.error.message}): install MongoDB's database tools (docs/deploy.md)`);
  if (result.status !== 0) throw new Error(`${name} exited ${result.status}:\n${result.stderr.slice(-2000)}`);
  console.log(`[backup-check] ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The URI with another database path ('' = none: the tools then take names from --nsFrom/--nsTo). */
function withDatabase(uri: string, name: string): string {
  const url = new URL(uri);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set');
  const source = new URL(uri).pathname.slice(1) || 'test';
  const target = `${source}_restorecheck`;
  const dir = mkdtempSync(join(tmpdir(), 'liulian-backup-check-'));
  const archive = join(dir, `${source}.archive.gz`);
  const client = await MongoClient.connect(uri);
  try {
    await client.db(target).dropDatabase();
    run('mongodump', [`--uri=${uri}`, `--archive=${archive}`, '--gzip']);
    console.log(`[backup-check] archive ${(statSync(archive).size / 1024).toFixed(0)} KiB`);
    run('mongorestore', [`--uri=${withDatabase(uri, '')}`, `--archive=${archive}`, '--gzip', `--nsFrom=${source}.*`, `--nsTo=${target}.*`]);
    const names = (await client.db(source).listCollections({}, { nameOnly: true }).toArray()).map(c => c.name).sort();
    const differences: string[] = [];
    let documents = 0;
    for (const name of names) {
      const [from, to] = [client.db(source).collection(name), client.db(target).collection(name)];
      const [a, b] = [await from.countDocuments(), await to.countDocuments()];
      const keys = async (c: typeof from): Promise<string> => JSON.stringify((await c.listIndexes().toArray().catch(() => [])).map(i => i.key).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))));
      const [ka, kb] = [await keys(from), await keys(to)];
      documents += a;
      if (a !== b) differences.push(`${name}: ${a} documents, ${b} restored`);
      if (ka !== kb) differences.push(`${name}: indexes ${ka}, restored ${kb}`);
    }
    console.log(`[backup-check] ${names.length} collections, ${documents} documents compared: ${differences.length ? `${differences.length} differences` : 'all restored'}`);
    if (differences.length) {
      for (const d of differences) console.log(`[backup-check]   ${d}`);
      process.exitCode = 1;
    }
  } finally {
    await client.db(target).dropDatabase().catch(() => undefined);
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(err => {
  console.error(`[backup-check] failed: ${(err as Error).message}`);
  process.exit(1);
});
