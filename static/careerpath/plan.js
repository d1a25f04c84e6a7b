// "Copy link": copies the address of the page, which always holds the plan (hx-push-url).
// Works on content swapped in by htmx because the listener sits on the document.
(function () {
  "use strict";
  function reveal() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
      button.hidden = false;
    });
  }
  document.addEventListener("DOMContentLoaded", reveal);
  document.addEventListener("htmx:afterSettle", reveal);
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-link]");
    if (!button) return;
    navigator.clipboard.writeText(window.location.href).then(function () {
      var status = document.getElementById("plan-status");
      button.textContent = "Link copied";
      if (status) status.textContent = "Link to this plan copied.";
      setTimeout(function () { button.textContent = "Copy link"; }, 2500);
    });
  });
})();
