#!/usr/bin/env node
// Writes a student's kind of data set for the CLI smoke test: N digits of our packed MNIST, spread
// evenly over the file (so over the classes), as an IDX image file, an IDX label file, a .npy uint8 array and a .npy float32 array in
// [0, 1] (what numpy.save writes), a zip of the same digits as PNG files in folders 0-9 (as
// Info-ZIP's zip writes it), plus a label file one label short.
//
//   node tests/cli/make_arrays.cjs MNIST_SAFETENSORS_GZ OUT_DIR N
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');

const [src, out, count] = process.argv.slice(2);
const n = Number(count);
const raw = zlib.gunzipSync(fs.readFileSync(src));
const headerLength = Number(raw.readBigUInt64LE(0));
const header = JSON.parse(raw.toString('utf8', 8, 8 + headerLength));
const tensor = (name) => {
  const [a, b] = header[name].data_offsets;
  return raw.subarray(8 + headerLength + a, 8 + headerLength + b);
};
const [total, rows, cols] = header.images.shape;
// Every (total / N)-th digit: the packed file is sorted by class, so its first N would all be 0s.
const step = Math.floor(total / n), px = rows * cols;
const images = Buffer.alloc(n * px), labels = Buffer.alloc(n);
for (let i = 0; i < n; ++i) {
  tensor('images').copy(images, i * px, i * step * px, (i * step + 1) * px);
  labels[i] = tensor('labels')[i * step];
}

function idx(dims, data) {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = 8;
  head[3] = dims.length;
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, data]);
}
function npy(descr, data) {
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${n}, ${rows}, ${cols}), }`;
  while ((10 + dict.length + 1) % 64) dict += ' ';
  const head = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0, 0]);
  head.writeUInt16LE(dict.length + 1, 8);
  return Buffer.concat([head, Buffer.from(dict + '\n', 'latin1'), data]);
}
const floats = Buffer.alloc(4 * images.length);
images.forEach((v, i) => floats.writeFloatLE(v / 255, 4 * i));
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'images.idx'), idx([n, rows, cols], images));
fs.writeFileSync(path.join(out, 'labels.idx'), idx([n], labels));
fs.writeFileSync(path.join(out, 'short-labels.idx'), idx([n - 1], labels.subarray(0, n - 1)));
fs.writeFileSync(path.join(out, 'images-u8.npy'), npy('|u1', images));
fs.writeFileSync(path.join(out, 'images-f32.npy'), npy('<f4', floats));

// 8-bit gray PNG: signature, IHDR, one IDAT of filter-0 rows, IEND; each chunk with its CRC-32.
function png(w, h, pixels) {
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;  // bit depth; colour type 0 (gray), no interlace
  const rows = Buffer.alloc(h * (w + 1));
  for (let y = 0; y < h; ++y) pixels.copy(rows, y * (w + 1) + 1, y * w, (y + 1) * w);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
// Names sort in the order of the other files (the packed digits are sorted by class).
const folder = path.join(out, 'digits');
fs.rmSync(folder, { recursive: true, force: true });
for (let i = 0; i < n; ++i) {
  fs.mkdirSync(path.join(folder, String(labels[i])), { recursive: true });
  fs.writeFileSync(path.join(folder, String(labels[i]), String(i).padStart(5, '0') + '.png'),
    png(cols, rows, images.subarray(i * px, (i + 1) * px)));
}
fs.rmSync(path.join(out, 'digits.zip'), { force: true });
execFileSync('zip', ['-q', '-r', path.join(out, 'digits.zip'), '.'], { cwd: folder });
