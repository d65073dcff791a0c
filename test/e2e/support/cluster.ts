import { spawn, type ChildProcess } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { startDatabase, type RunningDatabase } from '../../../server/scripts/embedded-mongo';
import { FakeWeChatServer } from '../../server/support/fake-wechat';
import { freePort, startRedis } from '../../server/support/processes';

const ROOT = resolve(__dirname, '../../..');
export const SITE_FILE = join(ROOT, 'deploy/nginx/liulian.conf');
export const POLICY_TEMPLATE = 'tpl_cluster_policy';

/** One process of the cluster, started as its systemd unit starts it (deploy/systemd). */
export interface Proc {
  name: string;
  child: ChildProcess;
  output(): string;
}

export interface ApiProc extends Proc {
  port: number;
  url: string;
}

/** One line of nginx's access log (deploy/nginx/liulian.conf's `liulian` format). */
export interface EdgeLine {
  request: string;
  status: number;
  requestId: string;
  /** Every process nginx tried, in order ("127.0.0.1:7001"). */
  upstreams: string[];
}

export interface Cluster {
  /** nginx, as clients reach it. */
  base: string;
  nginxPort: number;
  db: RunningDatabase;
  mongoUri: string;
  redisUrl: string;
  wx: FakeWeChatServer;
  apis: ApiProc[];
  worker: Proc;
  /** Stops API process `i` with `signal` and waits for its exit code. */
  stopApi(i: number, signal: NodeJS.Signals): Promise<number | null>;
  /** Starts API process `i` again on its port; resolves when its readiness probe answers 200. */
  startApi(i: number): Promise<void>;
  stopWorker(signal: NodeJS.Signals): Promise<number | null>;
  startWorker(): void;
  edgeLog(): EdgeLine[];
  /** nginx's error log (upstream errors: refused, reset, timed out). */
  nginxErrorLog: string;
  /**
   * Marks API process `i` `down` in nginx's upstream (undefined: none), reloads nginx and resolves
   * once the workers of the old configuration have finished their requests and exited.
   */
  upstreamDown(i: number | undefined): Promise<void>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  /** Environment for every service process, on top of the cluster's own. */
  env?: Record<string, string>;
  /** The database name inside the embedded server. */
  dbName: string;
  log?: (line: string) => void;
}

/** deploy/nginx/liulian.conf with this machine's ports and paths; each replaced line must exist exactly once. */
export function siteConfig(apiPorts: [number, number], nginxPort: number, h5Dir: string, accessLog: string): string {
  let site = readFileSync(SITE_FILE, 'utf8');
  const replace = (from: string, to: string): void => {
    const count = site.split(from).length - 1;
    if (count !== 1) throw new Error(`${SITE_FILE}: expected "${from}" once, found ${count} times`);
    site = site.replace(from, to);
  };
  replace('server 127.0.0.1:7001 ', `server 127.0.0.1:${apiPorts[0]} `);
  replace('server 127.0.0.1:7002 ', `server 127.0.0.1:${apiPorts[1]} `);
  replace('    listen 80;\n', `    listen 127.0.0.1:${nginxPort};\n`);
  replace('root /srv/liulian/dist-h5;', `root ${h5Dir};`);
  replace('/var/log/nginx/liulian.access.log', accessLog);
  return site;
}

/** Debian's libnginx-mod-http-brotli-static, which the site's `brotli_static` needs (test/support/ensure-deps.sh installs it). */
const BROTLI_STATIC = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

function nginxMain(dir: string, site: string): string {
  return [
    ...(existsSync(BROTLI_STATIC) ? [`load_module ${BROTLI_STATIC};`] : []),
    'worker_processes 1;',
    // Root in the test container: workers as root too, so they can read the h5 build where it is.
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 1024; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    `  client_body_temp_path ${dir}/body;`,
    `  proxy_temp_path ${dir}/proxy;`,
    `  fastcgi_temp_path ${dir}/fastcgi;`,
    `  uwsgi_temp_path ${dir}/uwsgi;`,
    `  scgi_temp_path ${dir}/scgi;`,
    `  access_log ${dir}/other.log;`,
    `  include ${site};`,
    '}',
    '',
  ].join('\n');
}

function track(name: string, child: ChildProcess, log?: (line: string) => void): Proc {
  let out = '';
  const keep = (chunk: Buffer): void => {
    out += chunk.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
    if (log) for (const line of chunk.toString().split('\n').filter(Boolean)) log(`[${name}] ${line}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, child, output: () => out };
}

async function untilReady(url: string, proc: Proc, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited with ${proc.child.exitCode}:\n${proc.output().slice(-3000)}`);
    const ok = await fetch(`${url}/api/health/ready`).then(r => r.ok, () => false);
    if (ok) return;
    if (Date.now() > end) throw new Error(`${proc.name} not ready in ${ms} ms:\n${proc.output().slice(-3000)}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise(r => child.once('exit', code => r(code)));
}

/**
 * The deployment of docs/deploy.md on this machine: the embedded database, redis-server, two API
 * processes (`node server/dist/bootstrap.js`, as liulian-api@.service runs them), one push worker
 * (`server/dist/scripts/push-worker.js`) and Debian's nginx with deploy/nginx/liulian.conf, plus the
 * fake WeChat server the service and worker talk to. Needs `npm run build:server` and `build:h5`.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log;
  const dir = mkdtempSync(join(tmpdir(), 'liulian-cluster-'));
  const db = await startDatabase({ backend: 'memory' });
  const mongoUri = db.uri.replace(/\/[^/?]*(\?|$)/, `/${options.dbName}$1`);
  const redis = await startRedis();
  const wx = new FakeWeChatServer({ appid: 'wx_cluster', secret: 'cluster_secret', latencyMs: 5 });
  const wxBase = await wx.start();
  wx.defineTemplate(POLICY_TEMPLATE, ['thing1', 'thing2', 'date3', 'thing4']);

  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'local',
    MIDWAY_SERVER_ENV: 'local',
    MONGODB_URI: mongoUri,
    REDIS_URL: redis.url,
    TRUST_PROXY: 'true',
    TRUSTED_PROXIES: '127.0.0.1,::1',
    DEV_LOGIN: 'true',
    H5_DIR: '',
    LOG_LEVEL: 'warn',
    WECHAT_APPID: wx.appid,
    WECHAT_SECRET: wx.secret,
    WECHAT_API_BASE: wxBase,
    WECHAT_TEMPLATE_POLICY_NOTICE: POLICY_TEMPLATE,
    PUSH_WORKER_IN_PROCESS: 'false',
    ...options.env,
  };
  const ports: [number, number] = [await freePort(), await freePort()];
  const apis: ApiProc[] = [];
  const spawnApi = (i: number): ApiProc => {
    const port = ports[i];
    const child = spawn(process.execPath, [join(ROOT, 'server/dist/bootstrap.js')], { cwd: ROOT, env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const proc = { ...track(`api${i + 1}`, child, log), port, url: `http://127.0.0.1:${port}` };
    apis[i] = proc;
    return proc;
  };
  let worker: Proc;
  const spawnWorker = (): Proc => {
    const child = spawn(process.execPath, [join(ROOT, 'server/dist/scripts/push-worker.js')], {
      cwd: ROOT,
      env: { ...env, PUSH_WORKER_ID: 'cluster-worker-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker = track('worker', child, log);
    return worker;
  };

  const nginxPort = await freePort();
  const accessLog = join(dir, 'liulian.access.log');
  const site = join(dir, 'liulian.conf');
  const writeSite = (down?: number): void => {
    let text = siteConfig(ports, nginxPort, join(ROOT, 'dist-h5'), accessLog);
    if (down !== undefined) text = text.replace(new RegExp(`(server 127\\.0\\.0\\.1:${ports[down]} [^;]*);`), '$1 down;');
    writeFileSync(site, text);
  };
  writeSite();
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'nginx.conf'), nginxMain(dir, site));
  let nginx: Proc | undefined;

  const closeAll = async (): Promise<void> => {
    const children = [...apis.map(a => a?.child), worker?.child, nginx?.child].filter((c): c is ChildProcess => !!c && c.exitCode === null && c.signalCode === null);
    // nginx's master is told to stop (SIGTERM: fast shutdown, it stops its workers); killed outright, it would
    // leave workers holding our stdout/stderr pipes, and those open pipes kept jest from ever exiting.
    for (const c of children) c.kill(c === nginx?.child ? 'SIGTERM' : 'SIGKILL');
    await Promise.all(children.map(exitOf));
    redis.process.kill('SIGKILL');
    await wx.stop();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    spawnApi(0);
    spawnApi(1);
    spawnWorker();
    await Promise.all(apis.map(a => untilReady(a.url, a)));
    const test = spawn('nginx', ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'pipe' });
    const checked = track('nginx -t', test);
    if ((await exitOf(test)) !== 0) throw new Error(`nginx -t refused the site:\n${checked.output()}`);
    nginx = track('nginx', spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] }), log);
    await untilReady(`http://127.0.0.1:${nginxPort}`, nginx, 10_000);
  } catch (err) {
    await closeAll();
    throw err;
  }

  return {
    base: `http://127.0.0.1:${nginxPort}`,
    nginxPort,
    nginxErrorLog: join(dir, 'error.log'),
    async upstreamDown(i) {
      const master = Number(readFileSync(join(dir, 'nginx.pid'), 'utf8').trim());
      const workers = (): number[] => {
        try {
          return readFileSync(`/proc/${master}/task/${master}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
        } catch {
          return [];
        }
      };
      const before = workers();
      writeSite(i);
      const reload = spawn('nginx', ['-s', 'reload', '-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'pipe' });
      if ((await exitOf(reload)) !== 0) throw new Error('nginx -s reload failed');
      for (;;) {
        const now = workers();
        if (now.length > 0 && before.every(pid => !now.includes(pid))) return;
        await new Promise(r => setTimeout(r, 50));
      }
    },
    db,
    mongoUri,
    redisUrl: redis.url,
    wx,
    apis,
    get worker() {
      return worker;
    },
    async stopApi(i, signal) {
      const child = apis[i].child;
      const exited = exitOf(child);
      child.kill(signal);
      return exited;
    },
    async startApi(i) {
      const proc = spawnApi(i);
      await untilReady(proc.url, proc);
    },
    async stopWorker(signal) {
      const exited = exitOf(worker.child);
      worker.child.kill(signal);
      return exited;
    },
    startWorker() {
      spawnWorker();
    },
    edgeLog() {
      let text = '';
      try {
        text = readFileSync(accessLog, 'utf8');
      } catch {
        return [];
      }
      return text.split('\n').flatMap(line => {
        const m = /"([^"]*)" (\d{3}) \d+ rid=(\S+) up=(.*?) ust=/.exec(line);
        if (!m) return [];
        return [{ request: m[1], status: Number(m[2]), requestId: m[3], upstreams: m[4].split(/ : |, /) }];
      });
    },
    close: closeAll,
  } as Cluster;
}
