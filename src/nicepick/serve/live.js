// nicepick serve: reload the page when the site is rebuilt, and show build errors over it.
// Injected only by `nicepick serve`; never part of a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var events = new EventSource(script.getAttribute("data-events"));
  var first = null;
  var overlay = null;
  function show(errors) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,24,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;" +
        "padding:2rem;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = (first === 0
      ? "nicepick: the site does not build yet; this page reloads once it does."
      : "nicepick: the last edit has problems; the page shows the last good build.") +
      "\n\n" + errors.join("\n");
  }
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  events.onmessage = function (message) {
    var state = JSON.parse(message.data);
    if (first === null) { first = state.generation; }
    if (state.errors.length) { show(state.errors); return; }
    hide();
    if (state.generation !== first) { window.location.reload(); }
  };
}());
