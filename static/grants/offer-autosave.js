// Saves the offer draft while the person types, and once more when the page is left.
// The server answers with the new version number, which goes into the form so the next
// save is not taken for a stale one; a 409 means another editor saved first.
(function () {
  "use strict";
  var form = document.getElementById("offer-form");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var status = document.getElementById("autosave-status");
  var timer = null;
  var dirty = false;
  var blocked = false;
  var inflight = null;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function save(keepalive) {
    if (!dirty || blocked) {
      return;
    }
    dirty = false;
    var data = new FormData(form);
    data.append("autosave", "1");
    inflight = fetch(form.getAttribute("data-autosave"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      keepalive: !!keepalive,
      headers: { "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      return response.json().then(function (body) {
        if (body.saved) {
          form.elements["version"].value = body.version;
        } else if (response.status === 409) {
          blocked = true;
        } else {
          dirty = true;
        }
        say(body.message || "");
      });
    }).catch(function () {
      dirty = true;
    }).then(function () {
      inflight = null;
    });
  }

  form.addEventListener("input", function () {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  });
  form.addEventListener("submit", function (event) {
    clearTimeout(timer);
    dirty = false;
    if (inflight) {
      // Let the background save finish first, so this save carries its new version.
      event.preventDefault();
      var submitter = event.submitter;
      inflight.then(function () {
        form.requestSubmit(submitter);
      });
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      save(true);
    }
  });
})();
