// neardup HTML report: filtering (also from ?q= in the address, so a
// filtered page can be linked), anchors, passage hover. The page works
// without it (every section is a plain <details>); the script only adds
// conveniences. It marks <body data-ready="ok"> when it has set up, and
// counts uncaught errors in data-errors, so a headless test can read both
// from the DOM.
"use strict";
(function () {
  var body = document.body;
  var errors = 0;
  window.addEventListener("error", function () {
    errors += 1;
    body.setAttribute("data-errors", String(errors));
  });

  var clusters = Array.prototype.slice.call(document.querySelectorAll("details.cluster"));
  var uniques = Array.prototype.slice.call(document.querySelectorAll("#unique li"));
  var q = document.getElementById("q");
  var count = document.getElementById("count");
  // Lower-cased section texts, built on the first search (reading the text
  // of thousands of sections costs more than one keystroke should).
  var hay = null;
  var OPEN_MATCHES = 3;

  function filter() {
    var s = q.value.trim().toLowerCase();
    if (s && !hay) {
      hay = clusters.map(function (el) { return el.textContent.toLowerCase(); });
    }
    var matches = [];
    clusters.forEach(function (el, i) {
      var ok = !s || hay[i].indexOf(s) >= 0;
      el.hidden = !ok;
      if (ok) { matches.push(el); }
    });
    // A search that narrows down to a few clusters shows them open.
    if (s && matches.length <= OPEN_MATCHES) {
      matches.forEach(function (el) { el.open = true; });
    }
    var shown = matches.length;
    uniques.forEach(function (li) {
      li.hidden = !!s && li.textContent.toLowerCase().indexOf(s) < 0;
    });
    count.textContent = s
      ? shown + " of " + clusters.length + " clusters match"
      : clusters.length + " clusters";
  }

  var timer = null;
  q.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(filter, 150);
  });
  document.getElementById("open").addEventListener("click", function () {
    clusters.forEach(function (el) { if (!el.hidden) { el.open = true; } });
  });
  document.getElementById("close").addEventListener("click", function () {
    clusters.forEach(function (el) { el.open = false; });
  });

  // #c3 opens cluster 3, #c3m2 its view of member 2.
  function openHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) { return; }
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
    el.scrollIntoView();
  }
  window.addEventListener("hashchange", openHash);

  // Hovering a passage lights up its counterpart in the other column.
  var lit = [];
  function light(target) {
    lit.forEach(function (el) { el.classList.remove("hl"); });
    lit = [];
    var piece = target.closest ? target.closest("[data-p]") : null;
    var pair = piece && piece.closest(".pair");
    if (!pair) { return; }
    var sel = '[data-p="' + piece.getAttribute("data-p") + '"]';
    lit = Array.prototype.slice.call(pair.querySelectorAll(sel));
    lit.forEach(function (el) { el.classList.add("hl"); });
  }
  document.addEventListener("mouseover", function (e) { light(e.target); });

  var given = new URLSearchParams(location.search).get("q");
  if (given) { q.value = given; }
  filter();
  openHash();
  // Milliseconds from navigation to here (the whole page parsed), for measuring.
  body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
  body.setAttribute("data-ready", "ok");
})();
