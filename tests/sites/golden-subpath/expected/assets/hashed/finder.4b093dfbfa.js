// The home page's pair finder. Two fields with suggestions over every technique's name and
// aliases; choosing both goes straight to their comparison, in either order; Enter works.
// It loads a small index of techniques, then the pairs of the technique chosen first, so it
// works the same on a site of 100,000 comparisons as on one of ten. Without JavaScript the
// form stays hidden and the A-to-Z list below it leads to every comparison.
(function () {
  "use strict";
  var form = document.querySelector(".finder-form");
  if (!form || !window.fetch) { return; }
  var first = document.getElementById("finder-first");
  var second = document.getElementById("finder-second");
  var names = document.getElementById("finder-names");
  var opponents = document.getElementById("finder-opponents");
  var status = document.getElementById("finder-status");
  var base = form.getAttribute("data-base");
  var bySlug = {}, byWord = {}, pairs = null, pairsOf = "", loading = null;

  function key(text) { return text.trim().toLowerCase().replace(/\s+/g, " "); }

  function fill(list, slugs) {
    var options = document.createDocumentFragment();
    slugs.forEach(function (slug) {
      var t = bySlug[slug];
      [t.n].concat(t.a).forEach(function (word, i) {
        var option = document.createElement("option");
        option.value = word;
        if (i) { option.label = word + " (" + t.n + ")"; }
        options.appendChild(option);
      });
    });
    list.textContent = "";
    list.appendChild(options);
  }

  function index() {
    if (!loading) {
      loading = fetch(base + form.getAttribute("data-index")).then(function (r) { return r.json(); })
        .then(function (all) {
          all.forEach(function (t) {
            bySlug[t.s] = t;
            [t.n, t.s].concat(t.a).forEach(function (w) { byWord[key(w)] = t.s; });
          });
          fill(names, all.map(function (t) { return t.s; }));
        });
    }
    return loading;
  }

  // One request per technique: Enter pressed while its list is still on the way waits for
  // that request instead of sending a second one.
  function opponentsOf(slug) {
    if (pairsOf === slug && pairs) { return pairs; }
    pairsOf = slug;
    var url = base + form.getAttribute("data-pairs") + encodeURIComponent(slug) + ".json";
    pairs = fetch(url).then(function (r) { return r.json(); }).then(function (found) {
      var of = {};
      found.forEach(function (p) { of[p[0]] = p[1]; });
      if (pairsOf === slug) { fill(opponents, Object.keys(of)); }
      return of;
    }, function (failed) {
      if (pairsOf === slug) { pairs = null; }  // asked again next time
      throw failed;
    });
    return pairs;
  }

  function say(template, values) {
    status.textContent = template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  function open(path) { window.location.href = base + encodeURI(path); }

  function go() {
    var a = byWord[key(first.value)], b = byWord[key(second.value)];
    if (!a) { say(form.getAttribute("data-not-found"), {text: first.value}); return; }
    if (!second.value.trim()) { open(bySlug[a].p); return; }
    if (!b) { say(form.getAttribute("data-not-found"), {text: second.value}); return; }
    opponentsOf(a).then(function (found) {
      if (found[b]) { open(found[b]); return; }
      say(form.getAttribute("data-no-pair"), {first: bySlug[a].n, second: bySlug[b].n});
    });
  }

  first.addEventListener("focus", index);
  second.addEventListener("focus", index);
  // A name picked from the suggestions arrives as one "replacement" input. Picking the first
  // moves on to the second field; picking the second is the last step, so it goes. Typing
  // never moves anyone anywhere: that waits for Enter or the button.
  function picked(event) { return event.inputType === "insertReplacementText" || !event.inputType; }
  first.addEventListener("input", function (event) {
    index().then(function () {
      var a = byWord[key(first.value)];
      status.textContent = "";
      if (a) { opponentsOf(a); }
      if (a && picked(event)) { second.focus(); }
    });
  });
  second.addEventListener("input", function (event) {
    index().then(function () {
      if (picked(event) && byWord[key(first.value)] && byWord[key(second.value)]) { go(); }
    });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    index().then(go);
  });
}());
