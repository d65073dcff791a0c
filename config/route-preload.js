/**
 * Teaches the h5 build's index.html which chunks each tab page needs, so the browser fetches them
 * together with the entry scripts instead of one network round trip later (after the router has run):
 * on a phone network each round trip is ~170 ms of the first screen. Reads the routes' chunk ids from
 * the built app entry (`{"path":"pages/home/index","load":function load(e,a){return[Promise.all([t.e(588),…`),
 * maps ids to the hashed files in js/ and css/, and adds a small inline script that preloads the
 * current route's files. Run after `taro build --type h5`, before precompressing (npm run build:h5 does).
 *
 * For a guest (no session in local storage) the same script also asks for the tab page's first lists
 * (FIRST_SCREEN_DATA), which src/services/prefetch.ts hands to the page's own request for that URL:
 * the data arrives with the scripts instead of one more round trip after them.
 */
const fs = require('node:fs');
const path = require('node:path');

const DIST = path.resolve(__dirname, '../dist-h5');
const MARK = 'data-route-preload';
// Tab pages only: where almost every visit starts; a deep link still loads as before.
const ROUTE = /^pages\/[\w-]+\/index$/;
// What each tab page asks for first as a guest, exactly as the request layer spells the URL (the guest
// e2e checks each is requested once, i.e. the page took the prefetched answer).
const FIRST_SCREEN_DATA = {
  'pages/home/index': ['/api/contents?kind=policy&limit=5', '/api/jobs?limit=5'],
  'pages/jobs/index': ['/api/jobs'],
  'pages/live/index': ['/api/live/sessions?tab=upcoming'],
};
// src/storage.ts: Taro's h5 storage keeps `ll.v1.session` in localStorage while someone is signed in.
const SESSION_STORAGE_KEY = 'll.v1.session';

/** Route path → chunk ids, read from the built app entry. */
function routeChunkIds(appJs) {
  const routes = {};
  const pattern = /"path":"([^"]+)","load":function load\([^)]*\)\{return\[Promise\.all\(\[((?:\w+\.e\(\d+\),?)+)\]\)/g;
  for (const m of appJs.matchAll(pattern)) {
    routes[m[1]] = [...m[2].matchAll(/\.e\((\d+)\)/g)].map(x => x[1]);
  }
  return routes;
}

/** Route path → the files to preload (`/js/<id>.<hash>.js`, `/css/<id>.<hash>.css`) for tab pages. */
function routePreloads(appJs, jsFiles, cssFiles) {
  const byId = (files, dir, ext) => {
    const map = new Map();
    for (const f of files) {
      const m = f.match(new RegExp(`^(\\d+)\\.[\\w]+\\.${ext}$`));
      if (m) map.set(m[1], `/${dir}/${f}`);
    }
    return map;
  };
  const js = byId(jsFiles, 'js', 'js');
  const css = byId(cssFiles, 'css', 'css');
  const result = {};
  for (const [route, ids] of Object.entries(routeChunkIds(appJs))) {
    if (!ROUTE.test(route)) continue;
    const files = ids.flatMap(id => [css.get(id), js.get(id)].filter(Boolean));
    if (files.length) result[route] = files;
  }
  return result;
}

/** index.html with the inline preloader (replacing one added before), placed ahead of the entry scripts. */
function injectPreloads(html, preloads, home, data = FIRST_SCREEN_DATA) {
  const cleaned = html.replace(new RegExp(`<script ${MARK}>[\\s\\S]*?</script>`), '');
  const script =
    `<script ${MARK}>!function(m,q,d,w){var r=location.hash.replace(/^#\\/?/,"").split("?")[0]||${JSON.stringify(home)};` +
    `(m[r]||[]).forEach(function(u){var l=d.createElement("link");l.rel="preload";l.as=/\\.css$/.test(u)?"style":"script";l.href=u;d.head.appendChild(l)});` +
    `var g;try{g=!w.localStorage.getItem(${JSON.stringify(SESSION_STORAGE_KEY)})}catch(e){g=!1}` +
    `if(g&&w.fetch&&q[r]){var p=w.__llPrefetch={};q[r].forEach(function(u){p[u]={at:Date.now(),answer:w.fetch(u,{credentials:"same-origin"})` +
    `.then(function(x){return x.ok?x.json():void 0}).catch(function(){})}})}}` +
    `(${JSON.stringify(preloads)},${JSON.stringify(data)},document,window)</script>`;
  return cleaned.replace('</title>', `</title>${script}`);
}

function main() {
  const jsDir = path.join(DIST, 'js');
  const cssDir = path.join(DIST, 'css');
  const indexPath = path.join(DIST, 'index.html');
  if (!fs.existsSync(indexPath)) {
    console.error(`No h5 build at ${DIST} (index.html missing): run \`taro build --type h5\` first.`);
    return 1;
  }
  const jsFiles = fs.readdirSync(jsDir);
  const app = jsFiles.find(f => /^app\.[\w]+\.js$/.test(f));
  if (!app) {
    console.error('[route-preload] no app entry script in dist-h5/js');
    return 1;
  }
  const preloads = routePreloads(fs.readFileSync(path.join(jsDir, app), 'utf8'), jsFiles, fs.existsSync(cssDir) ? fs.readdirSync(cssDir) : []);
  const routes = Object.keys(preloads);
  if (!routes.length) {
    // The entry's shape changed (a Taro upgrade): say so rather than ship a page that silently loads slower.
    console.error('[route-preload] found no tab page routes in the app entry; the build layout changed');
    return 1;
  }
  fs.writeFileSync(indexPath, injectPreloads(fs.readFileSync(indexPath, 'utf8'), preloads, routes.includes('pages/home/index') ? 'pages/home/index' : routes[0]));
  console.log(`[route-preload] ${routes.length} tab pages: ${routes.map(r => `${r} (${preloads[r].length} files)`).join(', ')}`);
  return 0;
}

module.exports = { routeChunkIds, routePreloads, injectPreloads, FIRST_SCREEN_DATA, SESSION_STORAGE_KEY };

if (require.main === module) process.exitCode = main();
