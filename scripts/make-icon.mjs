#!/usr/bin/env node
/**
 * Draws Flowform's app icon (resources/icons/icon.png, 512×512, plus 256/128/64/32/16 sizes for
 * Linux) without any image library: shapes as signed distance functions, 4×4 supersampling,
 * written as PNG with zlib. The picture: three nodes wired left to right, a source fanning out
 * to two services, on a rounded square.  Run: node scripts/make-icon.mjs
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "resources", "icons");

// Geometry in a 0..1 square.
const roundedBox = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const segment = (x, y, ax, ay, bx, by, w) => {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - w;
};
// Quadratic curve approximated by short segments.
const curve = (x, y, a, c, b, w) => {
  let d = Infinity;
  let prev = a;
  for (let i = 1; i <= 24; i++) {
    const t = i / 24;
    const p = [(1 - t) ** 2 * a[0] + 2 * (1 - t) * t * c[0] + t * t * b[0], (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * c[1] + t * t * b[1]];
    d = Math.min(d, segment(x, y, prev[0], prev[1], p[0], p[1], w));
    prev = p;
  }
  return d;
};

const source = [0.27, 0.5];
const top = [0.73, 0.31];
const bottom = [0.73, 0.69];

function colorAt(x, y) {
  // background: rounded square with a diagonal blue→violet gradient
  if (roundedBox(x, y, 0.5, 0.5, 0.46, 0.46, 0.11) > 0) return null;
  const t = (x + y) / 2;
  let rgb = [31 + (92 - 31) * t, 111 + (64 - 111) * t, 235 + (214 - 235) * t];
  const white = [255, 255, 255];
  const wire = Math.min(curve(x, y, source, [0.5, 0.5], top, 0.022), curve(x, y, source, [0.5, 0.5], bottom, 0.022));
  if (wire < 0) rgb = [220, 232, 255];
  for (const [cx, cy] of [top, bottom]) {
    if (roundedBox(x, y, cx, cy, 0.1, 0.075, 0.03) < 0) rgb = white;
    if (roundedBox(x, y, cx, cy, 0.06, 0.018, 0.009) < 0) rgb = [92, 64, 214];
  }
  if (circle(x, y, source[0], source[1], 0.095) < 0) rgb = white;
  if (circle(x, y, source[0], source[1], 0.045) < 0) rgb = [255, 176, 32];
  return rgb;
}

function render(size) {
  const samples = 4;
  const pixels = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    const row = py * (size * 4 + 1);
    pixels[row] = 0; // PNG filter: none
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colorAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a += 1;
        }
      }
      const o = row + 1 + px * 4;
      pixels[o] = a ? Math.round(r / a) : 0;
      pixels[o + 1] = a ? Math.round(g / a) : 0;
      pixels[o + 2] = a ? Math.round(b / a) : 0;
      pixels[o + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return png(size, size, pixels);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(width, height, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(path.join(outDir, "png"), { recursive: true });
fs.writeFileSync(path.join(outDir, "icon.png"), render(512));
for (const size of [256, 128, 64, 32, 16]) fs.writeFileSync(path.join(outDir, "png", `${size}x${size}.png`), render(size));
fs.copyFileSync(path.join(outDir, "icon.png"), path.join(outDir, "png", "512x512.png"));
console.log(`icons written to ${path.relative(root, outDir)}/`);
