/**
 * Draws the tab-bar icons (81×81 PNG, grey and selected) into src/assets/tabbar/.
 * Plain Node, no dependencies: shapes are inside-tests, anti-aliased by 4×4 supersampling.
 * Run after changing a shape or colour: node config/tabbar-icons.js
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZE = 81;
const SAMPLES = 4;
const COLORS = { '': [0x8f, 0x95, 0x9e], '-active': [0x16, 0x77, 0xff] };
const OUT_DIR = path.resolve(__dirname, '../src/assets/tabbar');

const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (!rect(x0, y0, x1, y1)(x, y)) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
/** Counter-clockwise-agnostic point-in-triangle test. */
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const side = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = side(ax, ay, bx, by);
  const d2 = side(bx, by, cx, cy);
  const d3 = side(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const union = (...shapes) => (x, y) => shapes.some(s => s(x, y));
const minus = (shape, ...holes) => (x, y) => shape(x, y) && !holes.some(h => h(x, y));

const ICONS = {
  home: minus(union(triangle(40.5, 10, 8, 40, 73, 40), roundRect(18, 34, 63, 70, 4)), roundRect(34, 48, 47, 71, 3)),
  jobs: union(
    minus(roundRect(10, 26, 71, 68, 8), rect(10, 42, 71, 46)),
    minus(roundRect(28, 14, 53, 30, 5), roundRect(33, 19, 48, 30, 2)),
  ),
  live: union(minus(roundRect(9, 16, 72, 60, 8), triangle(33, 27, 33, 49, 52, 38)), roundRect(26, 64, 55, 69, 2)),
  mine: union(circle(40.5, 27, 13), minus(circle(40.5, 72, 27), rect(0, 67, 81, 81))),
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(shape, [r, g, b]) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (shape(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) hits++;
        }
      }
      const alpha = Math.round((255 * hits) / (SAMPLES * SAMPLES));
      raw.set(alpha ? [r, g, b, alpha] : [0, 0, 0, 0], row + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(OUT_DIR, { recursive: true });
for (const [name, shape] of Object.entries(ICONS)) {
  for (const [suffix, color] of Object.entries(COLORS)) {
    const file = path.join(OUT_DIR, `${name}${suffix}.png`);
    fs.writeFileSync(file, png(shape, color));
    console.log(`${path.relative(process.cwd(), file)}  ${fs.statSync(file).size} B`);
  }
}
