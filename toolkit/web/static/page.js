// advocacy serve: the page's one small script (served by the toolkit; no build step).
// Without it the page still works: forms submit, a running job refreshes itself.
(function () {
  "use strict";
  var token = document.body.dataset.csrf;

  // Step 1: check the campaign as it is typed (campaign check, beside each field).
  var form = document.getElementById("campaign-form");
  if (form) {
    var timer = null;
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(check, 400);
    });
    function check() {
      fetch(form.action, {method: "POST", body: new FormData(form),
                          headers: {"Accept": "application/json", "X-CSRF-Token": token}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (found) { if (found) show(found); });
    }
    function show(found) {
      document.querySelectorAll(".beside").forEach(function (box) {
        var name = box.dataset.for;
        box.querySelectorAll(".bad, .placeholder").forEach(function (e) { e.remove(); });
        var hint = box.querySelector(".hint");
        (found.fields[name] || []).forEach(function (what) {
          var e = document.createElement("span"); e.className = "bad"; e.textContent = what;
          box.insertBefore(e, hint);
        });
        if (found.placeholders[name]) {
          var p = document.createElement("span"); p.className = "placeholder";
          p.textContent = "a placeholder: put yours"; box.insertBefore(p, hint);
        }
      });
      var general = document.getElementById("campaign-general");
      general.replaceChildren.apply(general, found.general.map(function (line) {
        var li = document.createElement("li"); li.textContent = line; return li;
      }));
      document.getElementById("draft-banner").hidden =
        Object.keys(found.placeholders).length === 0;
    }
  }

  // Step 2: a changed column mapping reads the sheet again at once (--map).
  document.querySelectorAll("select.remap").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // Step 4: the progress bar of a run, then the page with its summary.
  var bar = document.getElementById("progress");
  if (bar) {
    var text = document.getElementById("progress-text");
    var poll = function () {
      fetch(bar.dataset.run).then(function (r) { return r.json(); }).then(function (run) {
        if (run.state !== "running") { location.reload(); return; }
        bar.max = run.total || 1; bar.value = run.done;
        text.textContent = run.done + " of " + (run.total || "?") + " documents";
        setTimeout(poll, 500);
      });
    };
    setTimeout(poll, 300);
  }
})();
