/* The live target check: as the unit types, the edit form is sent to the check endpoint and
   the list of issues beside it is rewritten. Without JavaScript the check runs on save. */
(function () {
  "use strict";
  var form = document.getElementById("target-form");
  var list = document.getElementById("lint");
  if (!form || !list || !window.fetch) { return; }
  var url = form.getAttribute("data-lint-url");
  var timer = null;

  function item(issue) {
    var li = document.createElement("li");
    li.className = "sev-" + issue.severity;
    li.setAttribute("data-code", issue.code);
    if (issue.row !== null) { li.setAttribute("data-row", issue.row); }
    var badge = document.createElement("span");
    badge.className = "badge sev-" + issue.severity;
    badge.textContent = issue.severity === "error" ? "错误" : "提示";
    var title = document.createElement("strong");
    title.textContent = issue.title;
    li.appendChild(badge);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(title);
    li.appendChild(document.createTextNode("：" + issue.message));
    return li;
  }

  function mark(issues) {
    var rows = document.querySelectorAll("#row-forms tbody tr");
    rows.forEach(function (tr) { tr.classList.remove("has-issue"); });
    issues.forEach(function (issue) {
      if (issue.row !== null && rows[issue.row]) { rows[issue.row].classList.add("has-issue"); }
    });
  }

  function check() {
    fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        list.textContent = "";
        if (!data.issues.length) {
          var ok = document.createElement("li");
          ok.className = "muted";
          ok.setAttribute("data-code", "");
          ok.textContent = "检查未发现问题。";
          list.appendChild(ok);
        }
        data.issues.forEach(function (issue) { list.appendChild(item(issue)); });
        mark(data.issues);
      })
      .catch(function () { /* the check on save still runs */ });
  }

  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 600);
  });
  form.addEventListener("change", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 200);
  });
})();
