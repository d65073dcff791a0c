import { mkdtemp, rm } from 'fs/promises';
import { connect } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { MongoClient, MongoServerError } from 'mongodb';
import { startDatabase, type RunningDatabase } from '../../../server/scripts/embedded-mongo';

interface Job {
  _id: string;
  title: string;
  city: string;
}

// A cold cache fetches the jars with Maven first, which can take a minute.
const COLD_START_TIMEOUT_MS = 180_000;

/** Runs `body` with MONGODB_URI set to `value` (or unset), restoring it afterwards. */
async function withMongodbUri<T>(value: string | undefined, body: () => Promise<T>): Promise<T> {
  const saved = process.env.MONGODB_URI;
  if (value === undefined) delete process.env.MONGODB_URI;
  else process.env.MONGODB_URI = value;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.MONGODB_URI;
    else process.env.MONGODB_URI = saved;
  }
}

async function withClient<T>(uri: string, body: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    await client.connect();
    return await body(client);
  } finally {
    await client.close();
  }
}

function portAcceptsConnections(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('embedded database', () => {
  const started: RunningDatabase[] = [];
  const start = async (...args: Parameters<typeof startDatabase>): Promise<RunningDatabase> => {
    const db = await withMongodbUri(undefined, () => startDatabase(...args));
    started.push(db);
    return db;
  };

  afterAll(async () => {
    await Promise.all(started.map(db => db.stop()));
  });

  it(
    'runs the memory backend: documents, unique indexes, then a clean stop',
    async () => {
      const db = await start({ backend: 'memory', dbName: 'embedded_memory' });
      expect(['java-memory', 'mongod']).toContain(db.kind);
      const url = new URL(db.uri);
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.pathname).toBe('/embedded_memory');

      await withClient(db.uri, async client => {
        const users = client.db().collection<{ openid: string; name: string }>('users');
        await users.insertOne({ openid: 'o-1', name: '张三' });
        expect(await users.findOne({ openid: 'o-1' }, { projection: { _id: 0 } })).toEqual({ openid: 'o-1', name: '张三' });

        await users.createIndex({ openid: 1 }, { unique: true });
        const duplicate = await users.insertOne({ openid: 'o-1', name: '李四' }).catch((err: unknown) => err);
        expect(duplicate).toBeInstanceOf(MongoServerError);
        expect((duplicate as MongoServerError).code).toBe(11000);
      });

      const port = Number(url.port);
      expect(await portAcceptsConnections(port)).toBe(true);
      await db.stop();
      await db.stop(); // idempotent
      expect(await portAcceptsConnections(port)).toBe(false);
    },
    COLD_START_TIMEOUT_MS,
  );

  it('keeps the file backend data across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'liulian-db-test-'));
    try {
      const first = await start({ backend: 'file', dataDir, dbName: 'embedded_file' });
      expect(['java-h2', 'mongod']).toContain(first.kind);
      await withClient(first.uri, async client => {
        await client.db().collection<Job>('jobs').insertOne({ _id: 'job-1', title: '前端工程师', city: '大连' });
      });
      await first.stop();

      const second = await start({ backend: 'file', dataDir, dbName: 'embedded_file' });
      await withClient(second.uri, async client => {
        expect(await client.db().collection<Job>('jobs').findOne({ city: '大连' })).toEqual({
          _id: 'job-1',
          title: '前端工程师',
          city: '大连',
        });
      });
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('starts nothing when MONGODB_URI is set', async () => {
    const uri = 'mongodb://db.example.invalid:27017/liulian';
    const lines: string[] = [];
    const db = await withMongodbUri(uri, () => startDatabase({ backend: 'memory', log: line => lines.push(line) }));
    expect(db).toMatchObject({ uri, kind: 'external' });
    await expect(db.stop()).resolves.toBeUndefined();
    expect(lines.join('\n')).not.toMatch(/starting|fetching/);
  });
});
