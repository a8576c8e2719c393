#!/usr/bin/env node
// Fuzzes the postMessage protocol of web/latentlab-embed.js (docs/embedding.md) for N seconds:
// the real script runs in a node vm with the hosting page and window.latentlab played by a
// recorder (the browser tests drive the same script in Chromium; this finds the shapes they do
// not think of). Random messages, from the host and from other windows, must never throw, must
// get at most one well-formed reply (ack, metrics or an error with a short reason) only when
// they come from the host and look like ours, and may act on the lab only when valid.
//
//   node fuzz/fuzz_embed_messages.cjs SECONDS [SEED]
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const assert = require('assert/strict');

const seconds = Number(process.argv[2] || 30);
let seed = Number(process.argv[3] || 1) >>> 0;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
const pick = (a) => a[Math.floor(rand() * a.length)];

const LABS = ['compression', 'pca', 'pretraining', 'gan'];
const TYPES = ['latentlab:select-lab', 'latentlab:start', 'latentlab:pause', 'latentlab:reset',
  'latentlab:get-metrics', 'latentlab:', 'latentlab:ready', 'latentlab:__proto__', 'latentlab:constructor',
  'latentlab:toString', 'other:thing', '', 'LATENTLAB:start'];
const STRINGS = ['', 'gan', 'pca', 'x'.repeat(5000), '\ud800', '\udfff\ud800', '<img src=x onerror=alert(1)>',
  '__proto__', 'constructor', '\u0000', 'compression\n', '%ff', '😀'];
function value(depth = 0) {
  switch (Math.floor(rand() * (depth > 2 ? 6 : 9))) {
    case 0: return pick(STRINGS);
    case 1: return pick([0, -1, 1e308, NaN, Infinity, -0, 2 ** 53, 1.5]);
    case 2: return pick([true, false, null, undefined]);
    case 3: return pick(LABS);
    case 4: return BigInt(Math.floor(rand() * 100));
    case 5: return Symbol.for('s');
    case 6: return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
    case 7: return message(depth + 1);
    default: return new Uint8Array(Math.floor(rand() * 16));
  }
}
function message(depth = 0) {
  if (rand() < 0.05) return value(depth + 1);
  const m = rand() < 0.1 ? Object.create(null) : {};
  if (rand() < 0.9) m.type = rand() < 0.8 ? pick(TYPES) : value(depth + 1);
  if (rand() < 0.5) m.lab = rand() < 0.5 ? pick(LABS) : value(depth + 1);
  if (rand() < 0.4) m.id = value(depth + 1);
  if (rand() < 0.3) m.protocol = value(depth + 1);
  if (rand() < 0.2) m[pick(STRINGS)] = value(depth + 1);
  return m;
}

// The page around the script: window.latentlab answers like the app, the host records replies.
const actions = [];
let current = 'compression';
const api = {
  ready: () => true, embedded: () => true, lab: () => current,
  labs: () => LABS.map((key) => ({ key, title: key, built: true })),
  switchLab: (key) => { assert.ok(LABS.includes(key), 'switchLab with ' + String(key)); actions.push('switch'); current = key; return true; },
  start: () => { actions.push('start'); return rand() < 0.7; },
  pause: () => { actions.push('pause'); return rand() < 0.7; },
  reset: () => { actions.push('reset'); return rand() < 0.7; },
  metrics: () => ({ lab: current, metrics: { done: rand() < 0.5 } }),
  onReady: (fn) => fn(), onContentHeight: () => {}, contentHeight: () => 0, onLabChange: () => {},
};
const replies = [];
const host = { postMessage: (msg, target) => replies.push({ msg, target }) };
const stranger = { postMessage: () => assert.fail('replied to a window that is not the host') };
let handler = null;
const window = { latentlab: api, parent: host, addEventListener: (t, fn) => { if (t === 'message') handler = fn; } };
const context = vm.createContext({ window, document: { visibilityState: 'visible' }, setInterval: () => 0, JSON, Object, Number, String });
vm.runInContext(fs.readFileSync(path.join(__dirname, '../web/latentlab-embed.js'), 'utf8'), context);
assert.ok(handler, 'latentlab-embed.js did not listen for messages');
replies.length = 0;  // latentlab:ready

let n = 0, answered = 0, acted = 0;
const end = Date.now() + seconds * 1000;
while (Date.now() < end) {
  for (let k = 0; k < 1000; ++k, ++n) {
    // What a receiver gets is a structured clone of what was posted (postMessage throws on
    // symbols and functions, and runs getters on the sender's side).
    let msg;
    try { msg = structuredClone(message()); } catch (e) { continue; }
    const fromHost = rand() < 0.9;
    replies.length = 0;
    actions.length = 0;
    const origin = pick(['https://lms.example', 'null', '', undefined]);
    try {
      handler({ source: fromHost ? host : stranger, origin, data: msg });
    } catch (e) {
      throw new Error(`message ${n} threw: ${e.stack}`);
    }
    assert.ok(replies.length <= 1, `message ${n}: ${replies.length} replies`);
    if (!fromHost) assert.equal(replies.length, 0);
    const ours = msg && typeof msg === 'object' && typeof msg.type === 'string' && msg.type.startsWith('latentlab:');
    if (!ours) assert.equal(replies.length, 0, `message ${n} is not ours but was answered`);
    if (replies.length === 0) continue;
    ++answered;
    if (replies[0].msg.type !== 'latentlab:error') ++acted;
    const { msg: r } = replies[0];
    assert.equal(r.protocol, 1);
    assert.ok(['latentlab:ack', 'latentlab:error', 'latentlab:metrics'].includes(r.type), `reply type ${r.type}`);
    if (r.type === 'latentlab:error') {
      assert.equal(typeof r.reason, 'string');
      assert.ok(r.reason.length <= 400, `reason of ${r.reason.length} characters`);
      assert.ok(actions.every((a) => a !== 'switch'), 'an invalid message switched the lab');
    }
    JSON.stringify(r, (k, v) => (typeof v === 'bigint' ? assert.fail('a BigInt in a reply') : v));
  }
}
console.log(`postMessage fuzzer: ${n} messages, ${answered} answered (${acted} carried out), no findings (seed ${process.argv[3] || 1})`);
