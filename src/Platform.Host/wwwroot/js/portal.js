// Small progressive enhancements of the portal; every page works without them.
(function () {
  "use strict";

  // CSP/PCS code suggestions: the code or a keyword, answered by the cspCodes query.
  var csp = document.querySelector("input[list='csp-codes']");
  var list = document.getElementById("csp-codes");
  if (csp && list) {
    var timer;
    csp.addEventListener("input", function () {
      clearTimeout(timer);
      var search = csp.value.trim();
      if (search.length < 2) return;
      timer = setTimeout(function () {
        fetch("/graphql", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          credentials: "same-origin",
          body: JSON.stringify({ query: "query($s: String!) { cspCodes(search: $s, first: 15) { code label } }", variables: { s: search } })
        }).then(function (r) { return r.json(); }).then(function (body) {
          list.innerHTML = "";
          ((body.data && body.data.cspCodes) || []).forEach(function (c) {
            var option = document.createElement("option");
            option.value = c.code;
            option.label = c.code + " – " + c.label;
            list.appendChild(option);
          });
        }).catch(function () { /* suggestions are a help, not a need */ });
      }, 250);
    });
  }

  // Imports: show the upload's progress, then that the file is being checked, for long files.
  document.querySelectorAll("form.import-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      event.preventDefault();
      var progress = form.querySelector("progress");
      var button = form.querySelector("button[type=submit]");
      var status = form.querySelector(".import-status") || document.createElement("p");
      status.className = "import-status muted";
      status.setAttribute("role", "status");
      form.appendChild(status);
      button.disabled = true;
      progress.hidden = false;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) {
          progress.value = Math.round(100 * e.loaded / e.total);
          status.textContent = "Envoi du fichier : " + progress.value + " %";
        }
      });
      xhr.upload.addEventListener("load", function () {
        progress.removeAttribute("value");
        status.textContent = "Fichier reçu, vérification des lignes en cours…";
      });
      xhr.addEventListener("load", function () {
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener("error", function () {
        button.disabled = false;
        status.textContent = "L'envoi a échoué : vérifiez votre connexion et recommencez.";
      });
      xhr.send(new FormData(form));
    });
  });
})();

// "Imprimer" buttons.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});

// Forms whose fields depend on a choice (the visit request's type, a box ticked): without scripts
// every field shows with its hint and the server keeps only those of the choice.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var type = document.querySelector("select[data-visit-type]");
  var byType = document.querySelectorAll("[data-for-types]");
  var byCheck = document.querySelectorAll("[data-when-checked]");
  function refresh() {
    byType.forEach(function (el) {
      var show = type && type.value !== "" && el.getAttribute("data-for-types").split(" ").indexOf(type.value) >= 0;
      el.hidden = !show;
    });
    byCheck.forEach(function (el) {
      var box = document.getElementById(el.getAttribute("data-when-checked"));
      el.hidden = !(box && box.checked);
    });
  }
  if (!byType.length && !byCheck.length) return;
  if (type) type.addEventListener("change", refresh);
  document.addEventListener("change", function (event) {
    if (event.target && (event.target.type === "checkbox" || event.target.type === "radio")) refresh();
  });
  refresh();
})();
