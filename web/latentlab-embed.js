// The postMessage protocol between a lab running in an iframe and the course page hosting it
// (docs/embedding.md has the full list and an example). Active only inside a frame.
//   lab -> host: latentlab:ready, latentlab:height, latentlab:metrics, latentlab:lab-changed,
//                latentlab:ack (a command was carried out), latentlab:error (it was not, and why)
//   host -> lab: latentlab:select-lab {lab}, latentlab:start, latentlab:pause, latentlab:reset,
//                latentlab:get-metrics; each may carry an `id` that the reply echoes.
// Messages are checked by shape and only ever read as data: nothing from a message reaches the
// DOM or is evaluated.
(function () {
  'use strict';
  const api = window.latentlab;
  if (!api || window.parent === window) return;

  const PROTOCOL = 1;
  const METRICS_EVERY_MS = 5000;  // periodic metrics while the lab's numbers change
  const host = window.parent;
  let appReady = false;

  // Announcements go out before the host has said anything, so the lab cannot know its origin:
  // '*'. They carry only training numbers. Replies go to the asking window and origin alone.
  function announce(msg) {
    host.postMessage(Object.assign({ protocol: PROTOCOL }, msg), '*');
  }
  function reply(event, msg) {
    // An opaque origin ('null': sandboxed or file:// host) cannot be named as a target.
    const target = event.origin && event.origin !== 'null' ? event.origin : '*';
    event.source.postMessage(Object.assign({ protocol: PROTOCOL }, msg), target);
  }
  function metricsMessage(reason) {
    const m = api.metrics();
    return { type: 'latentlab:metrics', reason: reason, lab: m.lab, metrics: m };
  }

  // What each command needs besides `type` and an optional `id`, and what it does. run()
  // returns the reply, or throws a reason.
  const COMMANDS = {
    'latentlab:select-lab': {
      fields: { lab: 'string' },
      run: (msg) => {
        const keys = api.labs().map((l) => l.key);
        if (!keys.includes(msg.lab))
          throw 'unknown lab ' + JSON.stringify(msg.lab.slice(0, 60)) + ' (labs: ' + keys.join(', ') + ')';
        api.switchLab(msg.lab);
        return { type: 'latentlab:ack', lab: api.lab() };
      },
    },
    'latentlab:start': { fields: {}, run: () => control(api.start(), 'started') },
    'latentlab:pause': { fields: {}, run: () => control(api.pause(), 'paused') },
    'latentlab:reset': { fields: {}, run: () => control(api.reset(), 'reset') },
    'latentlab:get-metrics': { fields: {}, run: () => metricsMessage('request') },
  };
  function control(ok, what) {
    if (!ok) throw 'the ' + api.lab() + ' lab cannot be ' + what + ' from a course page yet';
    return { type: 'latentlab:ack', lab: api.lab() };
  }

  // Returns why `msg` is malformed, or '' if its shape is right.
  function problem(msg, spec) {
    if ('id' in msg && !(typeof msg.id === 'string' && msg.id.length <= 200) &&
        !(typeof msg.id === 'number' && Number.isFinite(msg.id)))
      return 'id must be a string (at most 200 characters) or a finite number';
    for (const [name, kind] of Object.entries(spec.fields))
      if (typeof msg[name] !== kind) return 'field ' + name + ' must be a ' + kind;
    for (const name of Object.keys(msg))
      if (!['type', 'id', 'protocol'].includes(name) && !(name in spec.fields))
        return 'unknown field ' + JSON.stringify(name.slice(0, 60));
    return '';
  }

  window.addEventListener('message', (event) => {
    if (event.source !== host) return;  // only the hosting page controls the lab
    const msg = event.data;
    // Other scripts on a course page (an LMS, extensions) post messages too: only objects whose
    // type starts with "latentlab:" are ours; anything else is not answered.
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string' || !msg.type.startsWith('latentlab:'))
      return;
    const id = typeof msg.id === 'string' || typeof msg.id === 'number' ? { id: msg.id } : {};
    const fail = (reason) => reply(event, Object.assign(
      { type: 'latentlab:error', request: msg.type.slice(0, 60), reason: reason }, id));
    const spec = Object.prototype.hasOwnProperty.call(COMMANDS, msg.type) ? COMMANDS[msg.type] : null;
    if (!spec) return fail('unknown message type; expected one of ' + Object.keys(COMMANDS).join(', '));
    const why = problem(msg, spec);
    if (why) return fail(why);
    if (!appReady) return fail('not ready yet: wait for latentlab:ready');
    try {
      reply(event, Object.assign({ request: msg.type }, spec.run(msg), id));
    } catch (e) {
      fail(typeof e === 'string' ? e : 'failed: ' + e.message);
    }
  });

  // Milestones: reason 'done' when a run finishes (a `done` flag in the lab's numbers turns
  // true; checked every second), reason 'interval' every 5 s while the numbers change. A lab's
  // own metrics may nest its run one level down (the GAN lab: under `image`).
  function finished(m) {
    const own = m.metrics || {};
    return [own].concat(Object.values(own)).some((p) => p && typeof p === 'object' && p.done === true);
  }
  let watchedLab = '', wasDone = false, lastSent = '';
  function send(m, reason) {
    lastSent = JSON.stringify(m.metrics);
    announce({ type: 'latentlab:metrics', reason: reason, lab: m.lab, metrics: m });
  }
  function watchForDone() {
    const m = api.metrics();
    const done = finished(m);
    if (m.lab === watchedLab && done && !wasDone) send(m, 'done');
    watchedLab = m.lab;  // a lab opened when already finished is no milestone
    wasDone = done;
  }
  function periodic() {
    if (document.visibilityState === 'hidden') return;
    const m = api.metrics();
    if (JSON.stringify(m.metrics) !== lastSent) send(m, 'interval');
  }

  api.onReady(() => {
    appReady = true;
    announce({ type: 'latentlab:ready', lab: api.lab(), labs: api.labs(), embed: api.embedded() });
    api.onContentHeight((px) => announce({ type: 'latentlab:height', height: px }));
    if (api.contentHeight() > 0) announce({ type: 'latentlab:height', height: api.contentHeight() });
    api.onLabChange((key) => announce({ type: 'latentlab:lab-changed', lab: key }));
    watchForDone();
    setInterval(watchForDone, 1000);
    setInterval(periodic, METRICS_EVERY_MS);
  });
})();
