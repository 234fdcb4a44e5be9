// The demo player: loads the SDK from the API's origin, attaches it to the video and shows every send and answer.
(function () {
  "use strict";
  var log = document.getElementById("log");

  function line(text, ok) {
    var li = document.createElement("li");
    li.className = ok ? "ok" : "bad";
    li.textContent = new Date().toLocaleTimeString() + "  " + text;
    log.insertBefore(li, log.firstChild);
  }

  function show(report) {
    var actions = (report.events || []).map(function (e) {
      return e.action + (e.properties && e.properties.position_s !== undefined ? "@" + e.properties.position_s + "s" : "");
    });
    var what = report.status === 202 ? "202 Accepted: " + report.count + " event(s) " + actions.join(", ")
      : (report.status ? "HTTP " + report.status : "network error") + " for " + report.count + " event(s)"
        + (report.error ? " (" + report.error + ")" : "") + (report.dropped ? ", dropped " + report.dropped : "");
    line(what, report.status === 202);
    stats();
  }

  function stats() {
    var s = window.UGC.stats();
    document.getElementById("stats").textContent = "queued " + s.queued + " · sent " + s.sent + " · retries "
      + s.retries + " · rejected " + s.rejected + " · dropped " + s.dropped;
  }

  function viewerId() {
    var id = localStorage.getItem("ugc.demo.viewer");
    if (!id) {
      id = "demo-" + Math.random().toString(36).slice(2, 12);
      localStorage.setItem("ugc.demo.viewer", id);
    }
    return id;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }

  function start(config) {
    var api = location.protocol + "//" + location.hostname + ":" + config.api_port;
    var viewer = viewerId();
    document.getElementById("page-origin").textContent = location.origin;
    document.getElementById("api-origin").textContent = api;
    document.getElementById("viewer").textContent = viewer;
    return loadScript(api + "/sdk/ugc.js").then(function () {
      var UGC = window.UGC;
      UGC.init({
        endpoint: api,
        getToken: function () {
          return fetch("token?viewer=" + viewer).then(function (r) { return r.json(); }).then(function (b) { return b.token; });
        },
        progressEvery: config.progress_every,
        onReport: show
      });
      var video = document.getElementById("player");
      var quality = document.getElementById("quality");
      var player = UGC.attachPlayer(video, {filmId: config.film_id, quality: quality.value});
      quality.addEventListener("change", function () { player.setQuality(quality.value); stats(); });
      document.getElementById("like").addEventListener("click", function () {
        UGC.track("CLICK", {film_id: config.film_id, description: "like"});
        stats();
      });
      document.getElementById("search-form").addEventListener("submit", function (e) {
        e.preventDefault();
        UGC.track("SEARCH", {properties: {query: document.getElementById("search").value.slice(0, 256)}});
        stats();
      });
      document.getElementById("flush").addEventListener("click", function () { UGC.flush(); });
      video.addEventListener("ended", stats);
      stats();
      document.body.setAttribute("data-ready", "true");
    });
  }

  fetch("config.json").then(function (r) { return r.json(); }).then(start).catch(function (e) {
    line("demo failed to start: " + e.message, false);
  });
})();
