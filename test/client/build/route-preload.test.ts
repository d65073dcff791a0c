// The build step's helpers are plain CommonJS (run by node after taro build).
const { routeChunkIds, routePreloads, injectPreloads, FIRST_SCREEN_DATA, SESSION_STORAGE_KEY } = require('../../../config/route-preload.js') as {
  routeChunkIds: (appJs: string) => Record<string, string[]>;
  routePreloads: (appJs: string, jsFiles: string[], cssFiles: string[]) => Record<string, string[]>;
  injectPreloads: (html: string, preloads: Record<string, string[]>, home: string, data?: Record<string, string[]>) => string;
  FIRST_SCREEN_DATA: Record<string, string[]>;
  SESSION_STORAGE_KEY: string;
};
import { storageKey } from '@/storage';
import type { PrefetchSlots } from '@/services/prefetch';

// The shape Taro 4 writes into the h5 app entry, one route per page.
const APP_JS =
  'I.routes=[Object.assign({"path":"pages/home/index","load":function load(e,a){return[Promise.all([t.e(7252),t.e(1301),t.e(588)]).then(t.bind(t,588)),e,a]}},{}),' +
  'Object.assign({"path":"pages/jobs/index","load":function load(e,a){return[Promise.all([t.e(7252),t.e(1301),t.e(9491)]).then(t.bind(t,9491)),e,a]}},{}),' +
  'Object.assign({"path":"packages/job/pages/detail/index","load":function load(e,a){return[Promise.all([t.e(1301),t.e(4242)]).then(t.bind(t,4242)),e,a]}},{})]';

describe('route preloads for the h5 first screen', () => {
  it('should read each route\'s chunk ids from the app entry', () => {
    expect(routeChunkIds(APP_JS)).toEqual({
      'pages/home/index': ['7252', '1301', '588'],
      'pages/jobs/index': ['7252', '1301', '9491'],
      'packages/job/pages/detail/index': ['1301', '4242'],
    });
  });

  it('should map tab pages to their hashed files, stylesheet first, and leave out chunks with no numbered file and sub-package pages', () => {
    const js = ['app.abc.js', 'taro-pages.def.js', '1301.aa11.js', '588.bb22.js', '9491.cc33.js', '4242.dd44.js'];
    const css = ['app.x1.css', '588.ee55ff.css'];
    expect(routePreloads(APP_JS, js, css)).toEqual({
      'pages/home/index': ['/js/1301.aa11.js', '/css/588.ee55ff.css', '/js/588.bb22.js'],
      'pages/jobs/index': ['/js/1301.aa11.js', '/js/9491.cc33.js'],
    });
  });

  it('should put one preloader ahead of the entry scripts, replacing an earlier one, that preloads the current hash route or home', () => {
    const html = '<head><title>留连来连</title><script defer src="/js/app.abc.js"></script></head><body></body>';
    const once = injectPreloads(html, { 'pages/home/index': ['/js/588.bb22.js'] }, 'pages/home/index');
    const twice = injectPreloads(once, { 'pages/home/index': ['/js/588.bb22.js', '/css/588.ee55ff.css'] }, 'pages/home/index');
    expect(twice.match(/data-route-preload/g)).toHaveLength(1);
    expect(twice.indexOf('data-route-preload')).toBeLessThan(twice.indexOf('/js/app.abc.js'));

    const script = /<script data-route-preload>([\s\S]*?)<\/script>/.exec(twice)?.[1] ?? '';
    const run = (hash: string): Array<{ rel: string; as: string; href: string }> => {
      const added: Array<{ rel: string; as: string; href: string }> = [];
      const fakeDocument = {
        createElement: () => ({ rel: '', as: '', href: '' }),
        head: { appendChild: (l: { rel: string; as: string; href: string }) => added.push(l) },
      };
      // Signed in: this test is about the chunks only.
      new Function('location', 'document', 'window', script)({ hash }, fakeDocument, { localStorage: { getItem: () => '{"data":{}}' } });
      return added;
    };
    expect(run('')).toEqual([
      { rel: 'preload', as: 'script', href: '/js/588.bb22.js' },
      { rel: 'preload', as: 'style', href: '/css/588.ee55ff.css' },
    ]);
    expect(run('#/pages/home/index?from=share')).toHaveLength(2);
    expect(run('#/packages/job/pages/detail/index?id=1')).toEqual([]);
  });

  describe('a guest\'s first lists', () => {
    const html = injectPreloads('<head><title>留连来连</title></head>', {}, 'pages/home/index', {
      'pages/home/index': ['/api/jobs?limit=5'],
    });
    const script = /<script data-route-preload>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const fakeDocument = { createElement: () => ({}), head: { appendChild: () => undefined } };

    /** Runs the inline script as the browser would and returns what it left on window, and what it fetched. */
    function run(hash: string, stored: Record<string, string>, answer: () => Promise<{ ok: boolean; json: () => Promise<unknown> }>) {
      const fetched: string[] = [];
      const win: { __llPrefetch?: PrefetchSlots; localStorage: { getItem: (k: string) => string | null }; fetch: (u: string) => Promise<unknown> } = {
        localStorage: { getItem: k => stored[k] ?? null },
        fetch: (u: string) => {
          fetched.push(u);
          return answer();
        },
      };
      new Function('location', 'document', 'window', script)({ hash }, fakeDocument, win);
      return { slots: win.__llPrefetch, fetched };
    }

    it('should ask for the route\'s lists when nobody is signed in, keeping the parsed 2xx answer under its URL', async () => {
      const { slots, fetched } = run('', {}, () => Promise.resolve({ ok: true, json: () => Promise.resolve({ items: [1] }) }));
      expect(fetched).toEqual(['/api/jobs?limit=5']);
      await expect(slots?.['/api/jobs?limit=5']?.answer).resolves.toEqual({ items: [1] });
      expect(slots?.['/api/jobs?limit=5']?.at).toBeLessThanOrEqual(Date.now());
    });

    it('should leave a failed or non-2xx answer empty, for the page to ask again', async () => {
      const refused = run('', {}, () => Promise.resolve({ ok: false, json: () => Promise.resolve({ code: 'RATE_LIMITED' }) }));
      await expect(refused.slots?.['/api/jobs?limit=5']?.answer).resolves.toBeUndefined();
      const offline = run('', {}, () => Promise.reject(new TypeError('Failed to fetch')));
      await expect(offline.slots?.['/api/jobs?limit=5']?.answer).resolves.toBeUndefined();
    });

    it('should ask for nothing when someone is signed in or the route has no lists', () => {
      expect(run('', { [SESSION_STORAGE_KEY]: '{"data":{}}' }, () => Promise.reject(new Error('not called'))).fetched).toEqual([]);
      expect(run('#/packages/job/pages/detail/index?id=1', {}, () => Promise.reject(new Error('not called'))).fetched).toEqual([]);
    });

    it('should look for the session under the key the app stores it by, and list only the tab pages\' first requests', () => {
      expect(SESSION_STORAGE_KEY).toBe(storageKey('session'));
      expect(Object.keys(FIRST_SCREEN_DATA).every(route => /^pages\/\w+\/index$/.test(route))).toBe(true);
      expect(Object.values(FIRST_SCREEN_DATA).flat().every(url => url.startsWith('/api/'))).toBe(true);
    });
  });
});
