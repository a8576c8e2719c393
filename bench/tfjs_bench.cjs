// TensorFlow.js reference for workloads W1-W5 (bench/README.md), on the WASM backend with one
// thread, in node. The workloads and their timing are in tfjs_workloads.js, shared with the
// threaded run in Chromium (tfjs_mt_bench.cjs). Progress goes to stderr; the result is one JSON
// line on stdout (TF.js may print its own notes to stdout first, so bench/run reads the last line
// that starts with '{').
//
//   node bench/tfjs_bench.cjs [--quick] [--only W1,W5]      (NODE_PATH from scripts/env.sh)
'use strict';
const tf = require('@tensorflow/tfjs');
const tfwasm = require('@tensorflow/tfjs-backend-wasm');
const tfjsWorkloads = require('./tfjs_workloads.js');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.indexOf('--only') >= 0 ? args[args.indexOf('--only') + 1] : '';
const selected = (w) => !onlyArg || onlyArg.split(',').includes(w);

(async () => {
  // TF.js never offers its threaded build in node (WASM_HAS_MULTITHREAD_SUPPORT is false there),
  // so this is the SIMD build on the calling thread; the count makes one thread explicit anyway.
  tfwasm.setThreadsCount(1);
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js wasm backend failed to initialise');
  await tf.ready();
  const { workloads, results, info: backendInfo } =
    tfjsWorkloads(tf, { quick, log: (line) => process.stderr.write(`${line}\n`) });
  const info = { ...backendInfo(),
    threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'multithread build' : 1 };
  process.stderr.write(`tfjs_wasm ${JSON.stringify(info)}\n`);
  for (const [w, run] of Object.entries(workloads)) {
    if (selected(w)) run();
  }
  console.log(JSON.stringify({ system: 'tfjs_wasm', quick, ...info, results }));
})().catch((e) => { console.error(e); process.exit(1); });
