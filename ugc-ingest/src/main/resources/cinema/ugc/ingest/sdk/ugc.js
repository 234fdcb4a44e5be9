/*
 * ugc.js — the UGC service's browser SDK: batches events, retries without duplicating them (every event keeps the
 * event_id it got when tracked), keeps them in localStorage while offline or across a reload, and hands the rest to
 * navigator.sendBeacon when the page goes away. No dependency, no build step.
 *
 *   <script src="https://ugc.example/sdk/ugc.js"></script>          -> window.UGC
 *   import UGC from "https://ugc.example/sdk/ugc.mjs";               -> the same object, as an ES module
 *
 *   UGC.init({endpoint: "https://ugc.example", getToken: () => auth.currentJwt()});
 *   UGC.track("CLICK", {film_id: "tt0133093", description: "play"});
 *   UGC.attachPlayer(document.querySelector("video"), {filmId: "tt0133093"});
 */
(function (root, factory) {
  var UGC = factory(root);
  root.UGC = UGC;
  if (typeof module === "object" && module.exports) {
    module.exports = UGC;
  }
})(typeof globalThis !== "undefined" ? globalThis : this, function (root) {
  "use strict";

  var DEFAULTS = {
    batchSize: 50,            // send as soon as this many events are queued...
    flushInterval: 2000,      // ...or this many ms after the first one, whichever comes first
    maxChunk: 500,            // most events in one request (the API takes 1000 and 1 MiB)
    maxQueue: 5000,           // offline queue bound: events...
    maxQueueBytes: 1048576,   // ...and bytes of JSON; beyond either the oldest are dropped and counted
    beaconBytes: 60000,       // one beacon body stays under the browsers' 64 KiB keep-alive budget
    minBackoff: 500,
    maxBackoff: 60000,
    storageKey: "ugc.queue.v1",
    progressEvery: 30         // seconds of playback between FILM_PROGRESS events
  };

  function createClient(env) {
    var opts = null;
    var queue = [];
    var beaconed = [];        // handed to sendBeacon, kept in storage until the page lives on or loads again
    var token = null;
    var asking = null;
    var tokenRenewed = false;
    var sending = null;
    var timer = null;
    var retryTimer = null;
    var attempt = 0;
    var chunkLimit = DEFAULTS.maxChunk;
    var counts = {sent: 0, dropped: 0, rejected: 0, beaconed: 0, retries: 0};

    function init(options) {
      if (!options || !options.endpoint || typeof options.getToken !== "function") {
        throw new TypeError("UGC.init needs {endpoint, getToken}");
      }
      opts = Object.assign({}, DEFAULTS, options);
      opts.endpoint = String(opts.endpoint).replace(/\/+$/, "");
      chunkLimit = opts.maxChunk;
      var earlier = queue;
      var stored = load();
      var storedIds = ids(stored);
      queue = bounded(stored.concat(earlier.filter(function (e) { return !storedIds[e.event_id]; })));
      if (earlier.length) { save(); }
      env.listen("online", function () { cancelRetry(); flush(); });
      env.listen("pagehide", beaconAll);
      env.listen("visibilitychange", function () { if (env.hidden()) { beaconAll(); } else { resume(); } });
      env.listen("pageshow", resume);
      askToken().catch(function () { /* asked again before the first send */ });
      if (queue.length) { schedule(); }
      return api;
    }

    function track(action, fields) {
      var event = Object.assign({}, fields || {}, {
        event_id: env.uuid(),
        action: String(action),
        event_time: new Date(env.now()).toISOString()
      });
      queue.push(event);
      queue = bounded(queue);
      if (opts) {               // before init the storage key is not known yet: init stores what came earlier
        save();
        schedule();
      }
      return event.event_id;
    }

    function schedule() {
      if (sending || retryTimer) { return; }
      if (queue.length >= opts.batchSize) { flush(); return; }
      if (!timer) { timer = env.setTimeout(function () { timer = null; flush(); }, opts.flushInterval); }
    }

    /** Sends everything queued; resolves true when the queue is empty, false when an attempt failed. */
    function flush() {
      if (!opts) { return Promise.resolve(queue.length === 0); }
      if (!sending) {
        sending = drain().then(function (done) { sending = null; return done; },
          function (e) { sending = null; report({error: String(e)}); return false; });
      }
      return sending;
    }

    function drain() {
      if (timer) { env.clearTimeout(timer); timer = null; }
      if (!queue.length) { return Promise.resolve(true); }
      if (!env.online()) { return Promise.resolve(false); }   // the "online" event flushes
      var chunk = queue.slice(0, chunkLimit);
      return sendChunk(chunk).then(function (delay) {
        if (delay === null) { return drain(); }
        retryIn(delay);
        return false;
      });
    }

    /** Resolves null to go on with the next chunk, or the ms to wait before the next attempt. */
    function sendChunk(chunk) {
      return askToken().then(function (jwt) {
        return env.fetch(opts.endpoint + "/api/v1/events/batch", {
          method: "POST",
          headers: {"Content-Type": "application/json", "Authorization": "Bearer " + jwt},
          body: JSON.stringify(chunk)
        });
      }).then(function (response) {
        return answered(chunk, response);
      }, function (error) {
        report({status: 0, count: chunk.length, error: String(error)});
        return backoff(null);
      });
    }

    function answered(chunk, response) {
      var status = response.status;
      if (status === 202) {
        attempt = 0;
        tokenRenewed = false;
        counts.sent += chunk.length;
        remove(ids(chunk));
        report({status: status, count: chunk.length, events: chunk});
        return null;
      }
      if (status === 400) { return response.json().catch(function () { return {}; }).then(function (problem) {
        return rejected(chunk, problem);
      }); }
      report({status: status, count: chunk.length});
      if (status === 401 && !tokenRenewed) {
        tokenRenewed = true;
        token = null;
        return null;
      }
      if (status === 401) { token = null; }
      if (status === 413 && chunk.length > 1) {
        chunkLimit = Math.ceil(chunk.length / 2);
        return null;
      }
      if (status === 413) { counts.rejected += 1; remove(ids(chunk)); return null; }
      return backoff(retryAfter(response));
    }

    /** A 400 names the bad events by index: drop those, keep the others for the next request. */
    function rejected(chunk, problem) {
      var bad = {};
      (problem && problem.errors || []).forEach(function (e) {
        if (typeof e.index === "number" && chunk[e.index]) { bad[chunk[e.index].event_id] = true; }
      });
      if (!Object.keys(bad).length) { chunk.forEach(function (e) { bad[e.event_id] = true; }); }
      counts.rejected += Object.keys(bad).length;
      remove(bad);
      report({status: 400, count: chunk.length, dropped: Object.keys(bad).length, problem: problem});
      return null;
    }

    function backoff(retryAfterMs) {
      var cap = Math.min(opts.maxBackoff, opts.minBackoff * Math.pow(2, attempt));
      attempt += 1;
      counts.retries += 1;
      var jittered = cap / 2 + env.random() * cap / 2;
      return Math.max(jittered, retryAfterMs || 0);
    }

    function retryAfter(response) {
      var value = response.headers && response.headers.get("Retry-After");
      if (!value) { return null; }
      var seconds = Number(value);
      if (!isNaN(seconds)) { return seconds * 1000; }
      var at = Date.parse(value);
      return isNaN(at) ? null : Math.max(0, at - env.now());
    }

    function retryIn(delay) {
      cancelRetry();
      retryTimer = env.setTimeout(function () { retryTimer = null; flush(); }, delay);
    }

    function cancelRetry() {
      if (retryTimer) { env.clearTimeout(retryTimer); retryTimer = null; }
    }

    /** The cached token, or one getToken() call shared by everyone who needs a token meanwhile. */
    function askToken() {
      if (token) { return Promise.resolve(token); }
      if (!asking) {
        asking = Promise.resolve().then(opts.getToken).then(function (jwt) {
          asking = null;
          if (!jwt) { throw new Error("getToken() gave no token"); }
          token = String(jwt);
          return token;
        }, function (e) { asking = null; throw e; });
      }
      return asking;
    }

    /**
     * The page may be going away: what is queued goes out in beacons under 64 KiB each, as many as the browser takes.
     * sendBeacon says only that the browser took the request, not that it arrived, so the events stay in storage:
     * a later visit (or this page, if it becomes visible again) sends them once more, and the event_id makes the
     * copy harmless.
     */
    function beaconAll() {
      if (!opts || !token || !queue.length || !env.online()) { return; }
      var url = opts.endpoint + "/api/v1/events/beacon";
      while (queue.length) {
        var chunk = queue.slice(0, beaconSize(queue));
        if (!env.sendBeacon(url, JSON.stringify({token: token, events: chunk}))) { break; }
        counts.beaconed += chunk.length;
        beaconed = beaconed.concat(chunk);
        queue = queue.slice(chunk.length);
      }
      save();
    }

    /** The page lives on after a beacon: send those events again the ordinary way, where answers can be read. */
    function resume() {
      if (!beaconed.length) { return; }
      var again = beaconed;
      beaconed = [];
      queue = again.concat(queue.filter(function (e) { return !ids(again)[e.event_id]; }));
      save();
      if (opts) { schedule(); }
    }

    function beaconSize(events) {
      var bytes = utf8Length(JSON.stringify({token: token, events: []}));
      var n = 0;
      while (n < events.length && n < opts.maxChunk) {
        var next = utf8Length(JSON.stringify(events[n])) + 1;
        if (bytes + next > opts.beaconBytes) { break; }
        bytes += next;
        n += 1;
      }
      return Math.max(n, 1);
    }

    function ids(events) {
      var set = {};
      events.forEach(function (e) { set[e.event_id] = true; });
      return set;
    }

    function remove(idSet) {
      queue = queue.filter(function (e) { return !idSet[e.event_id]; });
      save();
    }

    function bounded(events) {
      var limit = opts ? opts : DEFAULTS;
      var over = events.length - limit.maxQueue;
      if (over > 0) { counts.dropped += over; events = events.slice(over); }
      var bytes = utf8Length(JSON.stringify(events));
      while (bytes > limit.maxQueueBytes && events.length) {
        var cut = Math.max(1, Math.ceil(events.length / 10));
        counts.dropped += cut;
        events = events.slice(cut);
        bytes = utf8Length(JSON.stringify(events));
      }
      return events;
    }

    function load() {
      try {
        var text = env.storage() && env.storage().getItem(key());
        var stored = text ? JSON.parse(text) : [];
        return Array.isArray(stored) ? stored : [];
      } catch (e) {
        return [];
      }
    }

    function save() {
      try {
        if (env.storage()) { env.storage().setItem(key(), JSON.stringify(queue.concat(beaconed))); }
      } catch (e) { /* storage full or blocked: the queue still lives in memory */ }
    }

    function key() {
      return (opts || DEFAULTS).storageKey;
    }

    function report(info) {
      if (opts && typeof opts.onReport === "function") {
        try { opts.onReport(info); } catch (e) { /* the page's problem */ }
      }
    }

    /** FILM_PROGRESS for each stretch watched (every progressEvery s, on pause, seek and end), FILM_FINISHED on end. */
    function attachPlayer(video, options) {
      var o = Object.assign({progressEvery: opts ? opts.progressEvery : DEFAULTS.progressEvery}, options);
      if (!o.filmId) { throw new TypeError("attachPlayer needs {filmId}"); }
      var quality = o.quality || null;
      var from = null;
      var last = 0;
      function props() {
        var p = {position_s: round(last), from_s: round(from)};
        if (isFinite(video.duration)) { p.duration_s = round(video.duration); }
        if (quality) { p.quality = quality; }
        return p;
      }
      function progress() {
        if (from === null || last - from < 0.5) { return; }
        var now = env.now();
        track("FILM_PROGRESS", {film_id: o.filmId, start_time: new Date(now - (last - from) * 1000).toISOString(),
          end_time: new Date(now).toISOString(), properties: props()});
        from = last;
      }
      var handlers = {
        playing: function () { if (from === null) { from = last = video.currentTime; } },
        timeupdate: function () {
          if (from === null || video.seeking) { return; }
          last = video.currentTime;
          if (last - from >= o.progressEvery) { progress(); }
        },
        pause: function () { if (from !== null) { last = video.currentTime; progress(); } from = null; },
        seeking: function () { progress(); from = null; },
        seeked: function () { last = video.currentTime; if (!video.paused) { from = last; } },
        ended: function () {
          if (from !== null) { last = video.currentTime; progress(); }
          from = null;
          track("FILM_FINISHED", {film_id: o.filmId, properties: {duration_s: round(video.duration)}});
        }
      };
      Object.keys(handlers).forEach(function (name) { video.addEventListener(name, handlers[name]); });
      return {
        setQuality: function (next) {
          track("QUALITY_CHANGE", {film_id: o.filmId,
            properties: {from: quality || "unknown", to: String(next), position_s: round(video.currentTime)}});
          quality = String(next);
        },
        detach: function () {
          Object.keys(handlers).forEach(function (name) { video.removeEventListener(name, handlers[name]); });
        }
      };
    }

    function stats() {
      return Object.assign({queued: queue.length}, counts);
    }

    var api = {init: init, track: track, flush: flush, attachPlayer: attachPlayer, stats: stats,
      createClient: createClient};
    return api;
  }

  function round(x) {
    return typeof x === "number" && isFinite(x) ? Math.round(x * 10) / 10 : 0;
  }

  function utf8Length(text) {
    var n = text.length;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      // 2 bytes up to U+07FF, 3 above; a surrogate pair (2 code units) is 4 bytes, so 2 for each half
      n += c <= 0x7f ? 0 : c <= 0x7ff || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
    }
    return n;
  }

  function uuid() {
    var c = root.crypto;
    if (c && typeof c.randomUUID === "function") { return c.randomUUID(); }
    var b = new Uint8Array(16);
    c.getRandomValues(b);              // randomUUID needs a secure context; getRandomValues does not
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  /** What a browser offers; every piece is looked up when used, so loading the file in Node does nothing. */
  var browser = {
    fetch: function (url, init) { return root.fetch(url, init); },
    storage: function () { try { return root.localStorage || null; } catch (e) { return null; } },
    setTimeout: function (fn, ms) { return root.setTimeout(fn, ms); },
    clearTimeout: function (id) { root.clearTimeout(id); },
    now: function () { return Date.now(); },
    random: Math.random,
    uuid: uuid,
    online: function () { return !root.navigator || root.navigator.onLine !== false; },
    hidden: function () { return root.document && root.document.visibilityState === "hidden"; },
    sendBeacon: function (url, body) {
      return !!(root.navigator && root.navigator.sendBeacon && root.navigator.sendBeacon(url, body));
    },
    listen: function (name, fn) {
      var target = name === "visibilitychange" ? root.document : root;
      if (target && target.addEventListener) { target.addEventListener(name, fn); }
    }
  };

  return createClient(browser);
});
