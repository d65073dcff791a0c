/**
 * Precompresses the h5 build (dist-h5/): a `.br` (brotli, quality 11) and a `.gz` (gzip -9) next to
 * every text asset, so the API's static middleware and nginx (`brotli_static` / `gzip_static`) send
 * them without compressing per request. A compressed copy no smaller than the original is not
 * written. Prints the totals; run after `taro build --type h5` (npm run build:h5 does).
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const DIST = path.resolve(__dirname, '../dist-h5');
const TEXT = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.map', '.ico']);
// Below a packet's worth a compressed copy saves nothing on the wire.
const MIN_BYTES = 1024;

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const kib = bytes => `${(bytes / 1024).toFixed(1)} KiB`;

function main() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    console.error(`No h5 build at ${DIST} (index.html missing): run \`taro build --type h5\` first.`);
    return 1;
  }
  const started = Date.now();
  const totals = { files: 0, raw: 0, br: 0, gz: 0 };
  for (const file of filesUnder(DIST)) {
    if (file.endsWith('.br') || file.endsWith('.gz')) {
      // A copy left from an earlier build of a file that is gone or changed is rewritten below or stale.
      if (!fs.existsSync(file.slice(0, -3))) fs.rmSync(file);
      continue;
    }
    if (!TEXT.has(path.extname(file))) continue;
    const raw = fs.readFileSync(file);
    if (raw.length < MIN_BYTES) {
      for (const suffix of ['.br', '.gz']) fs.rmSync(file + suffix, { force: true });
      continue;
    }
    const br = zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gz = zlib.gzipSync(raw, { level: zlib.constants.Z_BEST_COMPRESSION });
    totals.files += 1;
    totals.raw += raw.length;
    for (const [suffix, body] of [['.br', br], ['.gz', gz]]) {
      if (body.length < raw.length) {
        fs.writeFileSync(file + suffix, body);
        totals[suffix.slice(1)] += body.length;
      } else {
        fs.rmSync(file + suffix, { force: true });
        totals[suffix.slice(1)] += raw.length;
      }
    }
  }
  console.log(
    `[precompress] ${totals.files} files in dist-h5: ${kib(totals.raw)} → brotli ${kib(totals.br)}, gzip ${kib(totals.gz)} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return 0;
}

process.exitCode = main();
