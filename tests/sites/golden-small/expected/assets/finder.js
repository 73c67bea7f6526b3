// Progressive enhancement for the home page: a live filter over the lists that are already
// on the page. Without JavaScript the lists are all there and the filter box stays hidden.
(function () {
  "use strict";
  var box = document.querySelector(".finder-box");
  var input = document.getElementById("finder-input");
  var status = document.getElementById("finder-status");
  if (!box || !input) { return; }
  box.hidden = false;
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-search]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.category"));
  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var text = item.getAttribute("data-search");
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      item.hidden = !match;
      if (match && item.closest(".comparison-list")) { shown += 1; }
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("li[data-search]:not([hidden])");
    });
    status.textContent = !words.length ? "" :
      shown === 1 ? "1 matching comparison" : shown + " matching comparisons";
  }
  input.addEventListener("input", apply);
  if (input.value) { apply(); }
}());
