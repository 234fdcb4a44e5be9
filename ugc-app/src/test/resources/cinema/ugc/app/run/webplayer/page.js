// Test page: loads the SDK from ?api= (as a script, or as an ES module with ?module=1), tokens for ?user= from this
// page's own server, and keeps what the SDK reported in window.reports for the test to read.
(function () {
  "use strict";
  var q = new URLSearchParams(location.search);
  var api = q.get("api");
  var user = q.get("user");
  window.tokenCalls = 0;
  window.reports = [];

  function getToken() {
    window.tokenCalls += 1;
    return fetch("/token?user=" + encodeURIComponent(user) + "&ttl=" + (q.get("ttl") || "1800"))
      .then(function (r) { return r.text(); });
  }

  function start(UGC) {
    UGC.init({
      endpoint: api,
      getToken: getToken,
      storageKey: "ugc.test." + user,
      flushInterval: Number(q.get("interval") || 2000),
      minBackoff: 200,
      maxBackoff: 2000,
      onReport: function (r) { window.reports.push({status: r.status, count: r.count, error: r.error || null}); }
    });
    window.sdk = UGC;
    document.body.setAttribute("data-ready", "true");
  }

  if (q.get("module")) {
    import(api + "/sdk/ugc.mjs").then(function (m) { start(m.default); });
  } else {
    var s = document.createElement("script");
    s.src = api + "/sdk/ugc.js";
    s.onload = function () { start(window.UGC); };
    document.head.appendChild(s);
  }
})();
