// Draws the add-in icons (assets/icon-<size>.png) with no image library: a Fluent-blue rounded
// square with two white figures leaning on each other (支え合い, "supporting each other").
// Run once: node scripts/make-icons.mjs — the PNGs are committed.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// Coverage by 4x4 supersampling of shapes in unit coordinates.
function shapeAt(u, v) {
  const r = 0.18;
  const inRounded = (() => {
    const dx = Math.max(Math.abs(u - 0.5) - (0.5 - r), 0);
    const dy = Math.max(Math.abs(v - 0.5) - (0.5 - r), 0);
    return dx * dx + dy * dy <= r * r;
  })();
  if (!inRounded) return 0;
  const circle = (cx, cy, cr) => (u - cx) ** 2 + (v - cy) ** 2 <= cr * cr;
  // Two heads and two bodies leaning together, arms joined.
  const heads = circle(0.36, 0.3, 0.1) || circle(0.64, 0.3, 0.1);
  const body = (cx) => {
    const top = 0.44, bottom = 0.82;
    if (v < top || v > bottom) return false;
    const half = 0.1 + (v - top) * 0.12;
    return Math.abs(u - cx) <= half && (v - top) ** 2 + 0 >= 0;
  };
  const arms = v >= 0.5 && v <= 0.58 && u >= 0.36 && u <= 0.64;
  return heads || body(0.36) || body(0.64) || arms ? 2 : 1;
}

mkdirSync('assets', { recursive: true });
for (const size of [16, 32, 64, 80, 128]) {
  const buf = png(size, (x, y) => {
    let bg = 0, fg = 0;
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const s = shapeAt((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size);
        if (s === 1) bg++;
        if (s === 2) fg++;
      }
    const a = (bg + fg) / 16;
    if (a === 0) return [0, 0, 0, 0];
    const w = fg / (bg + fg);
    const mix = (c1, c2) => Math.round(c1 * (1 - w) + c2 * w);
    return [mix(0x0f, 255), mix(0x6c, 255), mix(0xbd, 255), Math.round(a * 255)];
  });
  writeFileSync(`assets/icon-${size}.png`, buf);
}
console.log('icons written');
