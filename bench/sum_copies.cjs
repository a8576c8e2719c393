// Sums the throughputs of copies of one benchmark that ran at the same time (bench/run's
// latentlab_wasm_copies): what the machine gives that many independent single-thread processes
// at that moment, the most any threaded version of the same code could reach.
//   node bench/sum_copies.cjs SYSTEM OUT1 OUT2 ...   (each OUT: bench_core's stdout)
// Prints one JSON line like bench_core's, with the summed W1-W3 throughputs only (shares, seconds
// and GFLOP/s of the parts are not additive or not needed).
'use strict';
const fs = require('fs');
const [system, ...files] = process.argv.slice(2);
const outs = files.map((f) => {
  const lines = fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.startsWith('{'));
  if (!lines.length) throw new Error(`${f}: no result line`);
  return JSON.parse(lines[lines.length - 1]);
});
const results = {};
for (const key of ['W1', 'W2', 'W3']) {
  const v = outs.map((o) => o.results[key]);
  if (v.every((x) => typeof x === 'number')) results[key] = v.reduce((a, b) => a + b, 0);
}
console.log(JSON.stringify({ system, copies: outs.length, simd: outs[0].simd, threads: 1, results }));
