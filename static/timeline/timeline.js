// Progressive enhancement only: the pages work without this file.
(function () {
  "use strict";
  // Arriving at a highlighted passage (#ev-12): focus it, so keyboard and screen-reader users
  // start there too.
  function focusTarget() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: false });
      target.classList.add("current");
    }
  }
  document.addEventListener("DOMContentLoaded", focusTarget);

  // Facet counts come back out of band for the choices that still match; the others are 0.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "results") {
      document.querySelectorAll("#filters .count").forEach(function (count) {
        count.textContent = "0";
      });
    }
  });
  window.addEventListener("hashchange", focusTarget);
})();
