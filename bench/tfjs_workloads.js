// The TensorFlow.js workloads W1-W5 (bench/README.md) and the timing rule of bench_timer.h, written
// once for both TF.js systems: tfjs_bench.cjs requires this file in node, and tfjs_mt_bench.cjs
// loads it as a plain <script> next to tf.min.js in Chromium (where it defines the global
// tfjsWorkloads). Same workloads, batch sizes and optimizers as bench_core.cpp.
//
//   const { workloads, results, info } = tfjsWorkloads(tf, { quick, log });
//   workloads.W2();   // times W2, logs its lines, adds its figures to `results`
//
// Models are plain tf.variables with a custom loop (optimizer.minimize), which is faster than
// tf.LayersModel.fit on small nets. Batches are one sample per ROW here, TF.js's convention.
'use strict';

function tfjsWorkloads(tf, { quick, log }) {
  // Same rule as bench_timer.h: quick = 0.1 s samples x 5, full = 0.3 s samples x 11.
  const cfg = { minSampleS: quick ? 0.1 : 0.3, samples: quick ? 5 : 11 };

  const results = {};
  const report = (key, value, unit) => {
    results[key] = value;
    log(`  ${key.padEnd(28)} ${value.toPrecision(4).padStart(12)} ${unit}`);
  };
  const now = () => performance.now() / 1000;

  // Median seconds per call of f(); warm-up and calibration as in bench_timer.h.
  function medianSeconds(f, c = cfg) {
    let t0 = now();
    f();
    const once = now() - t0;
    let reps = Math.max(1, Math.ceil(c.minSampleS / Math.max(once, 1e-9)));
    t0 = now();
    for (let r = 0; r < reps; ++r) f();
    reps = Math.max(1, Math.ceil(c.minSampleS / Math.max((now() - t0) / reps, 1e-9)));
    const perSample = [];
    for (let s = 0; s < c.samples; ++s) {
      t0 = now();
      for (let r = 0; r < reps; ++r) f();
      perSample.push((now() - t0) / reps);
    }
    perSample.sort((a, b) => a - b);
    return perSample[Math.floor(perSample.length / 2)];
  }

  const ACT = {
    tanh: tf.tanh, sigmoid: tf.sigmoid, relu: tf.relu, identity: (x) => x,
    leaky: (x) => tf.leakyRelu(x, 0.01),
  };

  // Dense layers x W + b with Glorot-uniform weights (the init does not change the speed).
  function makeMlp(sizes, acts) {
    const layers = [];
    for (let l = 0; l + 1 < sizes.length; ++l) {
      const lim = Math.sqrt(6 / (sizes[l] + sizes[l + 1]));
      layers.push({ W: tf.variable(tf.randomUniform([sizes[l], sizes[l + 1]], -lim, lim)),
        b: tf.variable(tf.zeros([sizes[l + 1]])), act: ACT[acts[l]] });
    }
    const vars = layers.flatMap((L) => [L.W, L.b]);
    // Returns the output layer's pre-activation (losses are taken from logits, as in the core).
    const logits = (x) => layers.reduce((a, L, l) => {
      const z = tf.add(tf.matMul(a, L.W), L.b);
      return l + 1 < layers.length ? L.act(z) : z;
    }, x);
    const forward = (x) => layers[layers.length - 1].act(logits(x));
    return { vars, logits, forward };
  }

  // One training step with the core's loss scaling (sum over the batch, divided by the batch).
  function trainStep(opt, vars, lossFn) {
    tf.tidy(() => opt.minimize(lossFn, false, vars));
  }

  function w1() {
    const B = 64, X = tf.randomUniform([B, 64], -1, 1);
    const net = makeMlp([64, 16, 64], ['tanh', 'tanh']);
    const opt = tf.train.momentum(0.01, 0.9);
    const t = medianSeconds(() => trainStep(opt, net.vars,
      () => tf.div(tf.sum(tf.squaredDifference(net.forward(X), X)), B)));
    report('W1', B / t, 'samples/s');
  }

  const W2_SIZES = [784, 1000, 500, 250, 30, 250, 500, 1000, 784];
  function w2() {
    const B = 100, X = tf.randomUniform([B, 784], 0, 1);
    const acts = ['sigmoid', 'sigmoid', 'sigmoid', 'identity', 'sigmoid', 'sigmoid', 'sigmoid', 'sigmoid'];
    const net = makeMlp(W2_SIZES, acts);
    const opt = tf.train.momentum(0.01, 0.9);
    const t = medianSeconds(() => trainStep(opt, net.vars,
      () => tf.div(tf.sum(tf.losses.sigmoidCrossEntropy(X, net.logits(X), undefined, 0,
        tf.Reduction.NONE)), B)));
    let weights = 0;
    for (let l = 0; l + 1 < W2_SIZES.length; ++l) weights += W2_SIZES[l] * W2_SIZES[l + 1];
    report('W2', B / t, 'samples/s');
    report('W2_gflops', (6 * weights * B) / t / 1e9, 'GFLOP/s');
  }

  // D step on 64 real + 64 generated samples (no gradient into G), then a G step with the
  // non-saturating loss -ln D(G(z)) that updates only G's variables.
  function w3() {
    const B = 64, real = tf.randomUniform([B, 784], -1, 1);
    const G = makeMlp([100, 256, 512, 1024, 784], ['relu', 'relu', 'relu', 'tanh']);
    const D = makeMlp([784, 512, 256, 1], ['leaky', 'leaky', 'sigmoid']);
    const optG = tf.train.adam(2e-4, 0.5), optD = tf.train.adam(2e-4, 0.5);
    const Td = tf.concat([tf.ones([B, 1]), tf.zeros([B, 1])], 0), ones = tf.ones([B, 1]);
    const bce = (t, z) => tf.div(tf.sum(tf.losses.sigmoidCrossEntropy(t, z, undefined, 0,
      tf.Reduction.NONE)), t.shape[0] / 2);
    const t = medianSeconds(() => tf.tidy(() => {
      const Xd = tf.concat([real, G.forward(tf.randomNormal([B, 100]))], 0);
      optD.minimize(() => bce(Td, D.logits(Xd)), false, D.vars);
      optG.minimize(() => bce(ones, D.logits(G.forward(tf.randomNormal([B, 100])))), false, G.vars);
    }));
    report('W3', 1 / t, 'iterations/s');
  }

  // Cyclic Jacobi eigendecomposition of a small symmetric matrix (k x k, row-major Float64Array):
  // TF.js has no symmetric eigensolver, so the Rayleigh-Ritz step of W4 is done in plain JS.
  function jacobiEigen(A, k) {
    const V = new Float64Array(k * k);
    for (let i = 0; i < k; ++i) V[i * k + i] = 1;
    for (let sweep = 0; sweep < 50; ++sweep) {
      let off = 0;
      for (let p = 0; p < k; ++p) for (let q = p + 1; q < k; ++q) off += A[p * k + q] ** 2;
      if (off < 1e-20) break;
      for (let p = 0; p < k; ++p) for (let q = p + 1; q < k; ++q) {
        const apq = A[p * k + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (A[q * k + q] - A[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let i = 0; i < k; ++i) {  // A = J^T A J, V = V J
          const aip = A[i * k + p], aiq = A[i * k + q];
          A[i * k + p] = c * aip - s * aiq; A[i * k + q] = s * aip + c * aiq;
        }
        for (let i = 0; i < k; ++i) {
          const api = A[p * k + i], aqi = A[q * k + i];
          A[p * k + i] = c * api - s * aqi; A[q * k + i] = s * api + c * aqi;
        }
        for (let i = 0; i < k; ++i) {
          const vip = V[i * k + p], viq = V[i * k + q];
          V[i * k + p] = c * vip - s * viq; V[i * k + q] = s * vip + c * viq;
        }
      }
    }
    return { values: Array.from({ length: k }, (_, i) => A[i * k + i]), vectors: V };
  }

  // W4: mean and covariance in TF.js, the top-k subspace by orthogonal iteration (tf.linalg.qr),
  // stopped when its trace settles, then Rayleigh-Ritz with jacobiEigen. Data: the recipe of
  // bench_core.cpp (random 30-d subspace, scales 1/(1+j), uniform noise).
  function w4() {
    const n = 10000, d = 784, k = 30;
    const X = tf.tidy(() => {
      const scales = tf.div(1, tf.add(1, tf.range(0, k)));
      const codes = tf.mul(tf.randomNormal([n, k]), scales);
      return tf.add(tf.matMul(codes, tf.randomUniform([d, k], -1, 1), false, true),
        tf.randomUniform([n, d], -0.1, 0.1));
    });
    let iters = 0, lambda1 = 0;
    const fit = () => tf.tidy(() => {
      const Xc = tf.sub(X, tf.mean(X, 0));
      // An explicit transpose copy: TF.js's transposed matMul is ~10x slower than its plain one.
      const C = tf.div(tf.matMul(tf.transpose(Xc), Xc), n);
      let Q = tf.linalg.qr(tf.randomNormal([d, k]))[0], trace = 0;
      for (iters = 1; iters <= 500; ++iters) {
        const next = tf.tidy(() => tf.linalg.qr(tf.matMul(C, Q))[0]);
        Q.dispose();
        Q = next;
        const tr = tf.tidy(() => tf.sum(tf.mul(Q, tf.matMul(C, Q))).dataSync()[0]);
        if (Math.abs(tr - trace) <= 1e-6 * Math.abs(tr)) break;
        trace = tr;
      }
      const H = Float64Array.from(tf.matMul(Q, tf.matMul(C, Q), true, false).dataSync());
      const eig = jacobiEigen(H, k);
      lambda1 = Math.max(...eig.values);
      // components = Q V (k columns of the d x k subspace), computed as the core's Pca would.
      return tf.matMul(Q, tf.tensor2d(Float32Array.from(eig.vectors), [k, k])).dataSync()[0];
    });
    const t = medianSeconds(fit, { minSampleS: 0, samples: cfg.samples });
    report('W4', t, 's');
    log(`  (W4: ${iters} subspace iterations, lambda_1 = ${lambda1.toPrecision(4)})`);
  }

  function w5() {
    for (const [m, k, n] of [[100, 784, 1000], [64, 64, 16], [1000, 1000, 1000]]) {
      const name = `W5_${m}x${k}x${n}`, flops = 2 * m * k * n;
      const A = tf.randomUniform([m, k], -1, 1), B = tf.randomUniform([k, n], -1, 1);
      const At = tf.transpose(A), Bt = tf.transpose(B);
      const gflops = (a, b, ta, tb) => flops / medianSeconds(() => tf.matMul(a, b, ta, tb).dispose()) / 1e9;
      report(name, gflops(A, B, false, false), 'GFLOP/s');
      report(`${name}_At`, gflops(At, B, true, false), 'GFLOP/s');
      report(`${name}_Bt`, gflops(A, Bt, false, true), 'GFLOP/s');
      tf.dispose([A, B, At, Bt]);
    }
  }

  // What both runners put into their JSON line about the backend (call after tf.setBackend).
  const info = () => ({ version: tf.version['tfjs-core'], backend: tf.getBackend(),
    simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT') });

  return { workloads: { W1: w1, W2: w2, W3: w3, W4: w4, W5: w5 }, results, info };
}

// CommonJS in node; in a page the function declaration above is the global.
if (typeof module === 'object' && module.exports) module.exports = tfjsWorkloads;
