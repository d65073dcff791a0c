/**
 * Starts the database the server talks to when no MongoDB is given: see
 * /docs/database.md. Order of preference: MONGODB_URI (nothing started), a `mongod` on
 * PATH, then mongo-java-server run through server/db/Launcher.java with jars that Maven
 * fetches once into <repo>/.cache/mongo-java-server/<version>/.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import { existsSync, promises as fsp, readFileSync, rmSync, statSync } from 'fs';
import { createServer, Socket } from 'net';
import { tmpdir } from 'os';
import { delimiter, dirname, join, resolve } from 'path';
import { MongoClient } from 'mongodb';

export type DatabaseKind = 'external' | 'mongod' | 'java-memory' | 'java-h2';

export interface RunningDatabase {
  uri: string;
  kind: DatabaseKind;
  stop(): Promise<void>;
}

export interface StartDatabaseOptions {
  /** memory for tests; file (H2 / mongod dbpath) for `npm start`. */
  backend: 'memory' | 'file';
  /** For 'file': folder holding the H2 file or the mongod dbpath (default <repo>/.data/db). */
  dataDir?: string;
  /** Database name put in the returned uri (default 'liulian'). */
  dbName?: string;
  /** Progress lines; default: silent. */
  log?: (line: string) => void;
}

export class DatabaseSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseSetupError';
  }
}

const INSTALL_HINT =
  'install a Java 17+ JDK and Maven (Debian: apt-get install -y openjdk-17-jdk-headless maven) ' +
  'so the embedded MongoDB stand-in can run, or set MONGODB_URI to a MongoDB server';
const LISTEN_TIMEOUT_MS = 60_000;
const PING_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const LOCK_POLL_MS = 200;
// Longer than a cold Maven fetch on a slow link; a lock older than this is treated as abandoned.
const LOCK_STALE_MS = 10 * 60_000;
const H2_FILE_NAME = 'mongo-java-server.mv.db';
const MONGOD_DIR_NAME = 'mongod';

const noop = (): void => undefined;

// ---------------------------------------------------------------------------------------
// Locations

let cachedRepoRoot: string | undefined;

/** The repository root: the nearest folder above this file (or the cwd) holding server/db/pom.xml. */
function repoRoot(): string {
  if (cachedRepoRoot) return cachedRepoRoot;
  for (const start of [__dirname, process.cwd()]) {
    let dir = resolve(start);
    for (;;) {
      if (existsSync(join(dir, 'server', 'db', 'pom.xml'))) {
        cachedRepoRoot = dir;
        return dir;
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new DatabaseSetupError(`Cannot find the repository root (a folder with server/db/pom.xml) above ${__dirname}.`);
}

function pomPath(): string {
  return join(repoRoot(), 'server', 'db', 'pom.xml');
}

function launcherSourcePath(): string {
  return join(repoRoot(), 'server', 'db', 'Launcher.java');
}

/** The pinned version, read from the pom so that it is written down in one place only. */
function mongoJavaServerVersion(): string {
  const match = /<mongo-java-server\.version>\s*([^<\s]+)\s*</.exec(readFileSync(pomPath(), 'utf8'));
  if (!match) throw new DatabaseSetupError(`${pomPath()} has no <mongo-java-server.version> property.`);
  return match[1];
}

function cacheDir(): string {
  return join(repoRoot(), '.cache', 'mongo-java-server', mongoJavaServerVersion());
}

function shortHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
}

// ---------------------------------------------------------------------------------------
// Tools on PATH

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** Major version of the `java` on PATH, or undefined when there is none that runs. */
function javaMajorVersion(): number | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return undefined;
  const major = Number(match[1]);
  // Java 8 and older report "1.8.0_x".
  return major === 1 && match[2] ? Number(match[2]) : major;
}

function requireJava(): void {
  const major = javaMajorVersion();
  if (major === undefined) throw new DatabaseSetupError(`No database: ${INSTALL_HINT}.`);
  if (major < 17) throw new DatabaseSetupError(`No database: found Java ${major}, but ${INSTALL_HINT}.`);
}

function requireMaven(): void {
  if (!findOnPath('mvn')) throw new DatabaseSetupError(`No database: Maven (mvn) is missing; ${INSTALL_HINT}.`);
}

// ---------------------------------------------------------------------------------------
// Child processes

interface RunResult {
  code: number | null;
  output: string;
}

/** Runs a command to completion, collecting stdout and stderr together. */
function run(command: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', code => resolvePromise({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

function lastLines(text: string, count = 15): string {
  return text
    .split(/\r?\n/)
    .map(line => line.replace(/\u001b\[[0-9;]*m/g, '').trimEnd())
    .filter(line => line.length > 0)
    .slice(-count)
    .join('\n');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// ---------------------------------------------------------------------------------------
// The jar cache

const sleep = (ms: number): Promise<void> => new Promise(done => setTimeout(done, ms));

/**
 * Runs `produce` into a temp folder and renames it to `target`, once across processes:
 * jest workers and a concurrent `npm start` may all ask for the same folder on a cold cache.
 */
async function ensureFolder(target: string, produce: (tempDir: string) => Promise<void>): Promise<string> {
  if (existsSync(target)) return target;
  const parent = dirname(target);
  await fsp.mkdir(parent, { recursive: true });
  const lock = `${target}.lock`;
  for (;;) {
    if (existsSync(target)) return target;
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(lock, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      await removeStaleLock(lock);
      await sleep(LOCK_POLL_MS);
      continue;
    }
    try {
      await handle.writeFile(String(process.pid));
      await handle.close();
      if (existsSync(target)) return target;
      const temp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
      try {
        await fsp.mkdir(temp);
        await produce(temp);
        await fsp.rename(temp, target);
      } finally {
        await fsp.rm(temp, { recursive: true, force: true });
      }
      return target;
    } finally {
      await fsp.rm(lock, { force: true });
    }
  }
}

async function removeStaleLock(lock: string): Promise<void> {
  try {
    const [content, stat] = await Promise.all([fsp.readFile(lock, 'utf8'), fsp.stat(lock)]);
    const pid = Number(content);
    const ownerGone = Number.isInteger(pid) && pid > 0 && !isAlive(pid);
    if (ownerGone || Date.now() - stat.mtimeMs > LOCK_STALE_MS) await fsp.rm(lock, { force: true });
  } catch {
    // The lock went away (or is being written) meanwhile: just try again.
  }
}

/**
 * Fetches mongo-java-server and its dependencies with Maven into the cache (once) and
 * returns the folder holding the jars. The folder name carries a hash of the pom, so
 * editing the pom fetches again.
 */
export async function ensureJars(log: (line: string) => void = noop): Promise<string> {
  const version = mongoJavaServerVersion();
  const target = join(cacheDir(), `jars-${shortHash(pomPath())}`);
  if (existsSync(target)) return target;
  requireMaven();
  return ensureFolder(target, async temp => {
    log(`fetching mongo-java-server ${version} jars with Maven (first run only)…`);
    const started = Date.now();
    const result = await run(
      'mvn',
      ['-q', '-B', '-Dstyle.color=never', '-f', pomPath(), 'dependency:copy-dependencies', `-DoutputDirectory=${temp}`],
      dirname(pomPath()),
    );
    const jars = (await fsp.readdir(temp)).filter(name => name.endsWith('.jar'));
    if (result.code !== 0 || !jars.some(name => name.startsWith('mongo-java-server-core-'))) {
      throw new DatabaseSetupError(
        `Maven could not fetch mongo-java-server ${version} (exit ${result.code}):\n${lastLines(result.output)}`,
      );
    }
    log(`fetched ${jars.length} jars in ${seconds(Date.now() - started)}`);
  });
}

/**
 * Compiles Launcher.java into the cache once (keyed by its hash): `java Launcher.java`
 * compiles on every start, which costs about 2 s; the class starts in about 0.5 s.
 * Returns undefined when there is no javac, and the source is run directly instead.
 */
async function ensureLauncherClass(jars: string, log: (line: string) => void): Promise<string | undefined> {
  const source = launcherSourcePath();
  const target = join(cacheDir(), `launcher-${shortHash(source)}`);
  if (existsSync(join(target, 'Launcher.class'))) return target;
  if (!findOnPath('javac')) return undefined;
  return ensureFolder(target, async temp => {
    log('compiling the database launcher…');
    const result = await run('javac', ['-nowarn', '-d', temp, '-cp', join(jars, '*'), source], dirname(source));
    if (result.code !== 0) {
      throw new DatabaseSetupError(`javac could not compile ${source}:\n${lastLines(result.output)}`);
    }
  });
}

// ---------------------------------------------------------------------------------------
// Starting and stopping

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A free loopback port (for mongod, which cannot pick one itself and report it). */
function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

/** Keeps the last lines a child wrote, for error messages. */
class OutputTail {
  private lines: string[] = [];
  private partial = '';

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts.filter(line => line.length > 0));
    if (this.lines.length > 50) this.lines = this.lines.slice(-50);
  }

  text(): string {
    return lastLines([...this.lines, this.partial].join('\n'));
  }
}

async function waitForPing(uri: string, child: ChildProcess, tail: OutputTail, what: string): Promise<void> {
  const deadline = Date.now() + PING_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new DatabaseSetupError(`${what} exited before it answered ping:\n${tail.text()}`);
    }
    const client = new MongoClient(uri, { directConnection: true, serverSelectionTimeoutMS: 1_000 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (err) {
      lastError = (err as Error).message;
      await sleep(100);
    } finally {
      await client.close().catch(noop);
    }
  }
  throw new DatabaseSetupError(`${what} did not answer ping within ${seconds(PING_TIMEOUT_MS)}: ${lastError}\n${tail.text()}`);
}

/** Resolves with the port from the launcher's "LISTENING <port>" line. */
function waitForListening(child: ChildProcess, tail: OutputTail): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    let stdout = '';
    const finish = (error: Error | undefined, port?: number): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error) reject(error);
      else resolvePromise(port ?? 0);
    };
    const onData = (chunk: Buffer): void => {
      stdout += chunk.toString('utf8');
      const match = /^LISTENING (\d+)\s*$/m.exec(stdout);
      if (match) finish(undefined, Number(match[1]));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      // Let the stderr pipe drain so the message carries the launcher's last words.
      setTimeout(() => {
        finish(
          new DatabaseSetupError(`The database launcher exited (${signal ?? `code ${code}`}) before listening:\n${tail.text()}`),
        );
      }, 50);
    };
    const onError = (err: Error): void => finish(new DatabaseSetupError(`Cannot start java: ${err.message}`));
    const timer = setTimeout(() => {
      finish(
        new DatabaseSetupError(
          `The database launcher did not report a port within ${seconds(LISTEN_TIMEOUT_MS)}:\n${tail.text()}`,
        ),
      );
    }, LISTEN_TIMEOUT_MS);
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

/**
 * Owns a started child: stop() is SIGTERM, up to STOP_GRACE_MS, then SIGKILL; and the
 * child is signalled synchronously if this process exits without calling stop().
 */
function supervise(child: ChildProcess, durable: boolean, cleanup: () => void): () => Promise<void> {
  const hasExited = (): boolean => child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
  const exited = new Promise<void>(done => {
    if (hasExited()) done();
    child.once('exit', () => done());
    // A child that failed to spawn emits 'error' and never 'exit'.
    child.once('error', () => {
      if (hasExited()) done();
    });
  });
  const onProcessExit = (): void => {
    // A durable store gets SIGTERM so it still commits and closes on its own after we are gone;
    // a throwaway one is killed outright so its temp folder can be removed right now.
    if (!hasExited()) child.kill(durable ? 'SIGTERM' : 'SIGKILL');
    if (!durable) cleanup();
  };
  process.on('exit', onProcessExit);

  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      if (!hasExited()) {
        // unrefChild() let go of the process; hold it again so its 'exit' event is awaited.
        child.ref();
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          exited.then(() => false),
          new Promise<boolean>(done => {
            timer = setTimeout(() => done(true), STOP_GRACE_MS);
          }),
        ]);
        clearTimeout(timer);
        if (timedOut) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      process.off('exit', onProcessExit);
      cleanup();
    })();
    return stopping;
  };
}

/** Lets this process exit on its own while the database runs (the 'exit' hook then stops it). */
function unrefChild(child: ChildProcess): void {
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    if (stream instanceof Socket) stream.unref();
  }
}

function withDbName(base: string, dbName: string): string {
  return `${base}/${encodeURIComponent(dbName)}`;
}

async function startMongod(mongod: string, opts: StartDatabaseOptions, log: (line: string) => void): Promise<RunningDatabase> {
  const started = Date.now();
  const memory = opts.backend === 'memory';
  const dbPath = memory
    ? await fsp.mkdtemp(join(tmpdir(), 'liulian-mongod-'))
    : join(resolve(opts.dataDir ?? join(repoRoot(), '.data', 'db')), MONGOD_DIR_NAME);
  await fsp.mkdir(dbPath, { recursive: true });
  const port = await freePort();
  log(`starting ${mongod} on 127.0.0.1:${port} (${memory ? 'temporary dbpath' : dbPath})…`);

  const child = spawn(mongod, ['--bind_ip', '127.0.0.1', '--port', String(port), '--dbpath', dbPath, '--quiet'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = new OutputTail();
  child.stdout.on('data', (chunk: Buffer) => tail.push(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => tail.push(chunk.toString('utf8')));
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', err => reject(new DatabaseSetupError(`Cannot start ${mongod}: ${err.message}`)));
  });
  const removeTempDir = (): void => {
    if (memory) rmSync(dbPath, { recursive: true, force: true });
  };
  const stop = supervise(child, !memory, removeTempDir);

  const base = `mongodb://127.0.0.1:${port}`;
  try {
    await Promise.race([waitForPing(base, child, tail, 'mongod'), spawnError]);
  } catch (err) {
    await stop();
    throw err;
  }
  unrefChild(child);
  log(`database ready on 127.0.0.1:${port} in ${seconds(Date.now() - started)} (mongod)`);
  return { uri: withDbName(base, opts.dbName ?? 'liulian'), kind: 'mongod', stop };
}

async function startJavaServer(opts: StartDatabaseOptions, log: (line: string) => void): Promise<RunningDatabase> {
  const started = Date.now();
  requireJava();
  const version = mongoJavaServerVersion();
  const jars = await ensureJars(log);
  const classes = await ensureLauncherClass(jars, log);
  const memory = opts.backend === 'memory';
  const kind: DatabaseKind = memory ? 'java-memory' : 'java-h2';

  const args = ['-cp'];
  if (classes) args.push(`${join(jars, '*')}${delimiter}${classes}`, 'Launcher');
  else args.push(join(jars, '*'), launcherSourcePath());
  args.push('0');
  let h2File: string | undefined;
  if (!memory) {
    const dataDir = resolve(opts.dataDir ?? join(repoRoot(), '.data', 'db'));
    await fsp.mkdir(dataDir, { recursive: true });
    h2File = join(dataDir, H2_FILE_NAME);
    args.push(h2File);
  }
  log(`starting mongo-java-server ${version} (${h2File ?? 'in memory'})…`);

  // stdin stays a pipe: the launcher exits when it closes, even if this process is SIGKILLed.
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const tail = new OutputTail();
  child.stderr.on('data', (chunk: Buffer) => tail.push(chunk.toString('utf8')));
  // The pipe closing when the launcher exits is expected; without a listener it would throw.
  child.stdin.on('error', noop);
  const stop = supervise(child, !memory, noop);

  let port: number;
  const base = (p: number): string => `mongodb://127.0.0.1:${p}`;
  try {
    port = await waitForListening(child, tail);
    await waitForPing(base(port), child, tail, 'mongo-java-server');
  } catch (err) {
    await stop();
    throw err;
  }
  // Keep draining stdout so the launcher can never block on a full pipe.
  child.stdout.resume();
  unrefChild(child);
  log(`database ready on 127.0.0.1:${port} in ${seconds(Date.now() - started)} (mongo-java-server ${version}, ${memory ? 'memory' : 'H2 file'})`);
  return { uri: withDbName(base(port), opts.dbName ?? 'liulian'), kind, stop };
}

/**
 * Starts (or points at) the database. With MONGODB_URI set nothing is started and the
 * uri is returned as is; otherwise a local server is started on a free loopback port.
 */
export async function startDatabase(opts: StartDatabaseOptions): Promise<RunningDatabase> {
  const log = opts.log ?? noop;
  const external = process.env.MONGODB_URI;
  if (external) {
    log('using MONGODB_URI; no database started');
    return { uri: external, kind: 'external', stop: async () => undefined };
  }
  const mongod = findOnPath('mongod');
  if (mongod) return startMongod(mongod, opts, log);
  return startJavaServer(opts, log);
}
