// A small static file server for the web build (node's http module only). Like most real hosts
// it gzips text and .wasm for browsers that accept it (the .gz datasets are sent as they are),
// so the browser tests see the bytes a student would download.
// Cross-origin isolation (so the page gets SharedArrayBuffer and the threaded build, issue 14;
// the program's default is 'all', as scripts/serve runs it; start()'s is 'none'):
//   'all'                COOP same-origin + COEP require-corp, and Document-Isolation-Policy,
//                        which isolates the page per document, also inside a course page's
//                        iframe whose host sends no such headers (Chromium 137+)
//   'coop-coep'          only COOP + COEP: a top-level page is isolated, an iframe in a host
//                        page without them is not
//   'dip'                only Document-Isolation-Policy
//   'none'               no isolation headers (any plain static host): the single-thread build
// Every response also says Cross-Origin-Resource-Policy: cross-origin, so isolated course pages
// may embed the app from another site.
// As a program: node scripts/static-server.cjs DIR [PORT] [ISOLATION] -> prints the URL, serves.
// As a module:  const { start } = require('./static-server.cjs'); const s = await start(dir, 0);
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.png': 'image/png', '.json': 'application/json',
  '.bin': 'application/octet-stream', '.gz': 'application/gzip',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.cjs', '.css', '.json', '.wasm']);
const gzipCache = new Map();  // file -> {key, bytes}: each file is compressed once per version

function gzipped(file, st) {
  const key = st.mtimeMs + ':' + st.size;
  const hit = gzipCache.get(file);
  if (hit && hit.key === key) return hit.bytes;
  const bytes = zlib.gzipSync(fs.readFileSync(file), { level: 9 });
  gzipCache.set(file, { key, bytes });
  return bytes;
}

const ISOLATION = {
  all: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp',
    'Document-Isolation-Policy': 'isolate-and-require-corp' },
  'coop-coep': { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  dip: { 'Document-Isolation-Policy': 'isolate-and-require-corp' },
  none: {},
};

function start(root, port, host = '127.0.0.1', isolation = 'none') {
  if (!ISOLATION[isolation]) throw new Error(`isolation must be one of ${Object.keys(ISOLATION).join(', ')}`);
  root = path.resolve(root);
  // Long URLs are served (node's default refuses headers over 16 kB) so that the app itself can
  // be seen refusing a huge lesson link.
  const server = http.createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(root, urlPath);
    if (!file.startsWith(root)) { res.writeHead(403); return res.end('forbidden'); }
    if (urlPath.endsWith('/')) file = path.join(file, 'index.html');
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) { res.writeHead(404); return res.end('not found'); }
      const headers = {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        ...ISOLATION[isolation],
      };
      if (COMPRESSIBLE.has(path.extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        const body = gzipped(file, st);
        res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length,
          Vary: 'Accept-Encoding' });
        return res.end(body);
      }
      res.writeHead(200, { ...headers, 'Content-Length': st.size });
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

module.exports = { start };

if (require.main === module) {
  const dir = process.argv[2];
  const port = Number(process.argv[3] || 8000);
  const isolation = process.argv[4] || 'all';
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`usage: node static-server.cjs DIR [PORT]  (DIR must contain index.html; got '${dir}')`);
    process.exit(2);
  }
  start(dir, port, '127.0.0.1', isolation).then((s) => {
    const { port: p } = s.address();
    console.log(`LatentLab is served at http://127.0.0.1:${p}/?lab=compression  (Ctrl+C to stop)`);
  }, (e) => {
    console.error(e.code === 'EADDRINUSE' ? `port ${port} is in use: pass another, e.g. scripts/serve 8001` : e.message);
    process.exit(1);
  });
}
