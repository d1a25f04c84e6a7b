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
  // "Print this plan" needs a script to open the dialog; without one the browser's own Print
  // gives the same sheet (site.css, @media print), so the button only appears with JavaScript.
  function revealPrint() {
    if (typeof window.print !== "function") return;
    document.querySelectorAll("[data-print-plan]").forEach(function (button) {
      button.hidden = false;
    });
  }
  // Leave unanswered fields out of the request, so the address of a plan stays short.
  document.addEventListener("htmx:configRequest", function (event) {
    var parameters = event.detail.parameters;
    Array.from(parameters.keys ? parameters.keys() : Object.keys(parameters)).forEach(function (key) {
      if (parameters.get ? parameters.get(key) === "" : parameters[key] === "") {
        parameters.delete ? parameters.delete(key) : delete parameters[key];
      }
    });
  });
  // An update swaps in the fields' messages (out of band), not the fields: mark the controls
  // they describe as invalid or valid again, as the full page does.
  function markInvalid() {
    document.querySelectorAll(".assessment .field-error[id]").forEach(function (message) {
      var selector = 'input[aria-describedby~="' + message.id + '"], select[aria-describedby~="' + message.id + '"]';
      document.querySelectorAll(selector).forEach(function (control) {
        if (message.textContent.trim()) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      });
    });
  }
  // A folded part of the plan (templates/careerpath/plan/folded.html), drawn when opened: its
  // place is busy while htmx asks for it, and the status line says when it is there (a screen
  // reader hears nothing of the "Loading…" line), if the reader is still at it: a part that
  // comes after they moved on must not talk over what they did since. If it cannot be drawn,
  // the place says so and links to the page that holds it, as it does without JavaScript, and
  // opening the part again asks for it again (its `retry` trigger; `toggle once` is spent).
  function foldedPart(event) {
    var elt = event.detail.elt;
    return elt && elt.matches && elt.matches("details[hx-get]") ? elt : null;
  }
  function announce(text) {
    var status = document.getElementById("plan-status");
    if (status) status.textContent = text;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var details = foldedPart(event);
    if (details) details.querySelector(".folded").setAttribute("aria-busy", "true");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var details = foldedPart(event);
    if (!details) return;
    var place = details.querySelector(".folded");
    var name = details.querySelector("summary").textContent.trim();
    var stillThere = details.contains(document.activeElement);
    place.removeAttribute("aria-busy");
    if (event.detail.successful) {
      if (stillThere) announce(name + ": shown.");
      return;
    }
    var address = details.getAttribute("hx-get").replace(/&part=([\w-]+)$/, "#$1");
    var loading = place.querySelector(".loading");
    var message = document.createElement("p");
    var link = document.createElement("a");
    message.className = "failed";
    message.textContent = "This part could not be loaded. ";
    link.href = address;
    link.textContent = "Open the page of this plan’s details and sources";
    message.appendChild(link);
    loading.hidden = true;  // kept for a retry
    place.replaceChildren(loading, message);
    if (stillThere) announce(name + ": could not be loaded.");
  });
  // `toggle` does not bubble: listened for on the way down.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.open || !details.matches("details[hx-get]")) return;
    var failed = details.querySelector(".folded > .failed");
    if (!failed) return;
    failed.remove();
    details.querySelector(".folded > .loading").hidden = false;
    htmx.trigger(details, "retry");
  }, true);
  document.addEventListener("DOMContentLoaded", reveal);
  document.addEventListener("htmx:afterSettle", reveal);
  document.addEventListener("DOMContentLoaded", revealPrint);
  document.addEventListener("htmx:afterSettle", revealPrint);
  document.addEventListener("htmx:afterSettle", markInvalid);
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print-plan]")) window.print();
  });
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
