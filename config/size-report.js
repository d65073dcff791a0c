/**
 * Package sizes of the weapp build (dist/): the main package (everything outside the subpackage
 * roots listed in dist/app.json), each subpackage, and the total. Exits 1 when the main package
 * or a subpackage is over WeChat's 2 MB upload limit. Run after `taro build --type weapp`.
 */
const fs = require('node:fs');
const path = require('node:path');

const DIST = path.resolve(__dirname, '../dist');
const LIMIT = 2 * 1024 * 1024;
// DevTools project settings, not part of the uploaded code package.
const NOT_PACKAGED = new Set(['project.config.json', 'project.private.config.json']);

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function main() {
  const appJsonPath = path.join(DIST, 'app.json');
  if (!fs.existsSync(appJsonPath)) {
    console.error(`No weapp build at ${DIST} (app.json missing): run \`taro build --type weapp\` first.`);
    return 1;
  }
  const appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'));
  const subpackages = (appJson.subPackages || appJson.subpackages || []).map(p => ({
    name: p.name || p.root,
    root: p.root.replace(/^\/+|\/+$/g, ''),
    bytes: 0,
  }));
  const mainPackage = { name: 'main', root: '', bytes: 0 };

  for (const file of filesUnder(DIST)) {
    const relative = path.relative(DIST, file).split(path.sep).join('/');
    if (NOT_PACKAGED.has(relative)) continue;
    const owner = subpackages.find(p => relative.startsWith(`${p.root}/`)) || mainPackage;
    owner.bytes += fs.statSync(file).size;
  }

  const rows = [mainPackage, ...subpackages];
  const total = rows.reduce((sum, p) => sum + p.bytes, 0);
  const kb = bytes => `${(bytes / 1024).toFixed(1)} KB`;
  const labelOf = p => (p.root ? `${p.name} (${p.root})` : p.name);
  const width = Math.max(...rows.map(p => labelOf(p).length), 'package'.length);

  console.log(`${'package'.padEnd(width)}  ${'size'.padStart(10)}  of 2 MB`);
  for (const p of rows) {
    const share = p.bytes > LIMIT ? 'OVER' : `${((p.bytes / LIMIT) * 100).toFixed(1)}%`;
    console.log(`${labelOf(p).padEnd(width)}  ${kb(p.bytes).padStart(10)}  ${share}`);
  }
  console.log(`${'total'.padEnd(width)}  ${kb(total).padStart(10)}`);

  const over = rows.filter(p => p.bytes > LIMIT);
  if (over.length > 0) {
    console.error(`\nOver the 2 MB package limit: ${over.map(p => p.name).join(', ')}`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
