// The BLS upload page: while a file uploads and the server reads it (a large one takes many
// seconds), say how far it has got. The server names the upload in a hidden field and answers
// progress questions about it at the form's data-progress-url. Without JavaScript the upload
// works the same, without the note.
(function () {
  "use strict";
  var INTERVAL_MS = 700;

  function describe(state) {
    if (state.state === "reading") {
      return "Reading " + state.file + ": " + state.rows_read.toLocaleString("en-US") + " rows so far…";
    }
    if (state.state === "read") return "Read " + state.file + ": working out what would change…";
    return "Uploading the file…";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-progress-url]");
    var status = document.getElementById("import-progress");
    var bar = document.getElementById("import-progress-bar");
    if (!form || !status || !bar || !window.fetch) return;
    form.addEventListener("submit", function () {
      var url = form.dataset.progressUrl + "?upload=" + encodeURIComponent(form.elements.upload.value);
      bar.hidden = false;
      status.textContent = "Uploading the file…";
      function ask() {
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (state) { if (state) status.textContent = describe(state); })
          .catch(function () { /* the page is being replaced by the answer */ })
          .finally(function () { window.setTimeout(ask, INTERVAL_MS); });
      }
      window.setTimeout(ask, INTERVAL_MS);
    });
  });
})();
