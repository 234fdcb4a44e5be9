// Unit tests of the SDK's queue and retry logic (node --test), on a fake clock, network and storage.
// Run by SdkNodeTest from Maven when node is installed; the product itself never needs node.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const UGC = require(path.join(__dirname, "../../main/resources/cinema/ugc/ingest/sdk/ugc.js"));

function fakeBrowser(options) {
  const o = Object.assign({tokens: ["token-1", "token-2", "token-3"]}, options);
  let now = Date.parse("2026-12-05T10:00:00Z");
  let ids = 0;
  let timerIds = 0;
  const timers = new Map();
  const listeners = {};
  const store = o.store || new Map();
  const env = {
    requests: [], beacons: [], tokensAsked: 0, isOnline: true, beaconOk: true, answers: [],
    store: store,
    fetch(url, init) {
      env.requests.push({url, at: now, token: init.headers.Authorization, events: JSON.parse(init.body)});
      const answer = env.answers.length ? env.answers.shift() : {status: 202};
      if (answer.network) { return Promise.reject(new TypeError("Failed to fetch")); }
      return Promise.resolve({
        status: answer.status,
        headers: {get: (name) => (answer.headers || {})[name] || null},
        json: () => Promise.resolve(answer.body || {})
      });
    },
    storage: () => ({getItem: (k) => (store.has(k) ? store.get(k) : null), setItem: (k, v) => store.set(k, v)}),
    setTimeout(fn, ms) { timers.set(++timerIds, {fn, at: now + ms}); return timerIds; },
    clearTimeout(id) { timers.delete(id); },
    now: () => now,
    random: () => 0.5,
    uuid: () => "00000000-0000-4000-8000-" + String(++ids).padStart(12, "0"),
    online: () => env.isOnline,
    hidden: () => false,
    sendBeacon(url, body) {
      if (!env.beaconOk) { return false; }
      env.beacons.push({url, body, bytes: Buffer.byteLength(body)});
      return true;
    },
    listen(name, fn) { listeners[name] = fn; },
    fire(name) { listeners[name](); },
    nextTimer() {
      return Math.min(...[...timers.values()].map((t) => t.at)) - now;
    },
    /** Moves the clock, running each timer that falls due, then lets promises settle. */
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) { break; }
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await settle();
      }
      now = until;
      await settle();
    }
  };
  env.client = UGC.createClient(env);
  env.init = (extra) => env.client.init(Object.assign({
    endpoint: "https://ugc.example/",
    getToken: () => { env.tokensAsked += 1; return Promise.resolve(o.tokens[env.tokensAsked - 1]); }
  }, extra));
  return env;
}

async function settle() {
  for (let i = 0; i < 20; i++) { await new Promise((r) => setImmediate(r)); }
}

function track(env, n, fields) {
  const ids = [];
  for (let i = 0; i < n; i++) { ids.push(env.client.track("VIEW", Object.assign({film_id: "tt" + i}, fields))); }
  return ids;
}

test("fifty queued events go out at once, in one batch request", async () => {
  const env = fakeBrowser();
  env.init();
  track(env, 49);
  await settle();
  assert.equal(env.requests.length, 0);
  track(env, 1);
  await settle();
  assert.equal(env.requests.length, 1);
  assert.equal(env.requests[0].url, "https://ugc.example/api/v1/events/batch");
  assert.equal(env.requests[0].events.length, 50);
  assert.equal(env.requests[0].token, "Bearer token-1");
  assert.equal(env.client.stats().queued, 0);
});

test("fewer events go out two seconds after the first", async () => {
  const env = fakeBrowser();
  env.init();
  track(env, 3);
  await env.advance(1999);
  assert.equal(env.requests.length, 0);
  await env.advance(1);
  assert.equal(env.requests.length, 1);
  assert.equal(env.requests[0].events.length, 3);
});

test("an event gets its id and time when tracked and keeps them through retries", async () => {
  const env = fakeBrowser();
  env.init();
  env.answers.push({status: 503, headers: {"Retry-After": "3"}}, {status: 202});
  const ids = track(env, 2, {description: "x"});
  const flushed = await env.client.flush();
  assert.equal(flushed, false, "the attempt failed");
  await env.advance(2999);
  assert.equal(env.requests.length, 1, "Retry-After is honoured");
  await env.advance(1);
  assert.equal(env.requests.length, 2);
  assert.deepEqual(env.requests[1].events, env.requests[0].events);
  assert.deepEqual(env.requests[1].events.map((e) => e.event_id), ids);
  assert.equal(env.requests[0].events[0].event_time, "2026-12-05T10:00:00.000Z");
  assert.equal(env.client.stats().queued, 0);
});

test("network errors and 503s back off exponentially with jitter up to the cap", async () => {
  const env = fakeBrowser();
  env.init({minBackoff: 1000, maxBackoff: 8000});
  for (let i = 0; i < 6; i++) { env.answers.push({network: true}); }
  track(env, 1);
  await env.client.flush();
  const delays = [];
  for (let i = 0; i < 5; i++) {
    delays.push(env.nextTimer());
    await env.advance(env.nextTimer());
  }
  // random() = 0.5 puts the jitter at 3/4 of the cap: 1000, 2000, 4000, 8000, 8000
  assert.deepEqual(delays, [750, 1500, 3000, 6000, 6000]);
  assert.equal(env.requests.length, 6);
  assert.equal(new Set(env.requests.map((r) => r.events[0].event_id)).size, 1);
});

test("a 429 waits for Retry-After even when the back-off is shorter", async () => {
  const env = fakeBrowser();
  env.init();
  env.answers.push({status: 429, headers: {"Retry-After": "7"}});
  track(env, 1);
  await env.client.flush();
  assert.equal(env.nextTimer(), 7000);
});

test("a 400 drops only the events its errors name by index and sends the rest", async () => {
  const env = fakeBrowser();
  env.init();
  const ids = track(env, 5);
  env.answers.push({status: 400, body: {errors: [{index: 1, field: "film_id"}, {index: 3, field: "event_time"},
    {index: 3, field: "action"}]}});
  assert.equal(await env.client.flush(), true);
  assert.equal(env.requests.length, 2);
  assert.deepEqual(env.requests[1].events.map((e) => e.event_id), [ids[0], ids[2], ids[4]]);
  assert.equal(env.client.stats().rejected, 2);
});

test("a 401 asks getToken once more and goes on with the new token", async () => {
  const env = fakeBrowser();
  env.init();
  env.answers.push({status: 401}, {status: 202});
  track(env, 2);
  assert.equal(await env.client.flush(), true);
  assert.equal(env.tokensAsked, 2);
  assert.deepEqual(env.requests.map((r) => r.token), ["Bearer token-1", "Bearer token-2"]);
  assert.deepEqual(env.requests[1].events, env.requests[0].events);
});

test("a token refused twice is not a loop: the events wait with back-off and the token is asked for again", async () => {
  const env = fakeBrowser();
  env.init();
  env.answers.push({status: 401}, {status: 401}, {status: 202});
  track(env, 1);
  assert.equal(await env.client.flush(), false);
  assert.equal(env.requests.length, 2);
  await env.advance(env.nextTimer());
  assert.equal(env.requests.length, 3);
  assert.equal(env.requests[2].token, "Bearer token-3");
  assert.equal(env.client.stats().queued, 0);
});

test("offline events wait in storage, survive a reload and go out once when back online", async () => {
  const first = fakeBrowser();
  first.isOnline = false;
  first.init();
  const ids = track(first, 3);
  await first.advance(10000);
  assert.equal(first.requests.length, 0);

  const reloaded = fakeBrowser({store: first.store});
  reloaded.isOnline = false;
  reloaded.init();
  assert.equal(reloaded.client.stats().queued, 3);
  await reloaded.advance(10000);
  assert.equal(reloaded.requests.length, 0);
  reloaded.isOnline = true;
  reloaded.fire("online");
  await settle();
  assert.equal(reloaded.requests.length, 1);
  assert.deepEqual(reloaded.requests[0].events.map((e) => e.event_id), ids);
  assert.equal(JSON.parse(reloaded.store.get("ugc.queue.v1")).length, 0);
});

test("the offline queue is bounded: the oldest events are dropped and counted", async () => {
  const env = fakeBrowser();
  env.isOnline = false;
  env.init({maxQueue: 10});
  const ids = track(env, 15);
  assert.equal(env.client.stats().queued, 10);
  assert.equal(env.client.stats().dropped, 5);
  assert.deepEqual(JSON.parse(env.store.get("ugc.queue.v1")).map((e) => e.event_id), ids.slice(5));

  const small = fakeBrowser();
  small.isOnline = false;
  small.init({maxQueueBytes: 2000});
  track(small, 40, {description: "d".repeat(100)});
  assert.ok(Buffer.byteLength(small.store.get("ugc.queue.v1")) <= 2000);
  assert.equal(small.client.stats().queued + small.client.stats().dropped, 40);
});

test("on page close the queue goes out in beacons under 64 KiB carrying the token, as many as the browser takes", async () => {
  const env = fakeBrowser();
  env.init({batchSize: 10000});
  await settle();  // the token was asked for at init
  const ids = track(env, 300, {description: "é".repeat(200)});
  env.fire("pagehide");
  assert.ok(env.beacons.length >= 2, "several beacons: " + env.beacons.length);
  for (const b of env.beacons) {
    assert.equal(b.url, "https://ugc.example/api/v1/events/beacon");
    assert.ok(b.bytes < 64 * 1024, "beacon of " + b.bytes + " bytes");
    assert.equal(JSON.parse(b.body).token, "token-1");
  }
  assert.deepEqual(env.beacons.flatMap((b) => JSON.parse(b.body).events.map((e) => e.event_id)), ids);
  assert.equal(env.client.stats().queued, 0);
  assert.deepEqual(JSON.parse(env.store.get("ugc.queue.v1")).map((e) => e.event_id), ids,
    "kept in storage: a beacon taken is not a beacon delivered");
  await settle();
  assert.equal(env.requests.length, 0);

  const reloaded = fakeBrowser({store: env.store});
  reloaded.init();
  assert.equal(await reloaded.client.flush(), true);
  assert.deepEqual(reloaded.requests.flatMap((r) => r.events.map((e) => e.event_id)), ids, "the next visit resends them");

  env.fire("visibilitychange");  // visible again: this page lives on and resends what it beaconed
  assert.equal(await env.client.flush(), true);
  assert.deepEqual(env.requests.flatMap((r) => r.events.map((e) => e.event_id)), ids);
  assert.equal(JSON.parse(env.store.get("ugc.queue.v1")).length, 0);

  const refused = fakeBrowser();
  refused.init();
  await settle();
  track(refused, 3);
  refused.beaconOk = false;
  refused.fire("pagehide");
  assert.equal(refused.client.stats().queued, 3, "what the browser refused stays for the next visit");

  const offline = fakeBrowser();
  offline.init();
  await settle();
  track(offline, 2);
  offline.isOnline = false;
  offline.fire("pagehide");
  assert.equal(offline.beacons.length, 0, "no beacon while offline");
  assert.equal(offline.client.stats().queued, 2);
});

test("events tracked before init are kept and sent after it", async () => {
  const env = fakeBrowser();
  const ids = track(env, 2);
  env.init();
  assert.equal(await env.client.flush(), true);
  assert.deepEqual(env.requests[0].events.map((e) => e.event_id), ids);
});

test("flush resolves true once the queue is empty", async () => {
  const env = fakeBrowser();
  env.init({maxChunk: 100, batchSize: 10000});
  track(env, 250);
  assert.equal(await env.client.flush(), true);
  assert.deepEqual(env.requests.map((r) => r.events.length), [100, 100, 50]);
});

test("attachPlayer reports each stretch watched, with position, duration and quality, then FILM_FINISHED", async () => {
  const env = fakeBrowser();
  env.init({batchSize: 10000});
  const handlers = {};
  const video = {currentTime: 0, duration: 95, paused: false, seeking: false,
    addEventListener: (name, fn) => { handlers[name] = fn; }, removeEventListener: () => {}};
  const player = env.client.attachPlayer(video, {filmId: "tt0133093", quality: "720p"});
  handlers.playing();
  for (let t = 1; t <= 31; t++) { video.currentTime = t; await env.advance(1000); handlers.timeupdate(); }
  video.currentTime = 40;
  await env.advance(9000);
  handlers.pause();
  player.setQuality("1080p");
  video.currentTime = 60;
  handlers.playing();
  video.currentTime = 95;
  handlers.ended();
  await env.client.flush();
  const events = env.requests.flatMap((r) => r.events);
  assert.deepEqual(events.map((e) => e.action),
    ["FILM_PROGRESS", "FILM_PROGRESS", "QUALITY_CHANGE", "FILM_PROGRESS", "FILM_FINISHED"]);
  const progress = events.filter((e) => e.action === "FILM_PROGRESS");
  assert.deepEqual(progress.map((e) => [e.properties.from_s, e.properties.position_s]), [[0, 30], [30, 40], [60, 95]]);
  for (const e of progress) {
    const seconds = (Date.parse(e.end_time) - Date.parse(e.start_time)) / 1000;
    assert.equal(seconds, e.properties.position_s - e.properties.from_s, "the stretch is as long as what was watched");
    assert.equal(e.properties.duration_s, 95);
    assert.equal(e.film_id, "tt0133093");
  }
  assert.equal(progress[0].properties.quality, "720p");
  assert.equal(progress[2].properties.quality, "1080p");
  assert.deepEqual(events[2].properties, {from: "720p", to: "1080p", position_s: 40});
});
