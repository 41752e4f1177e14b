// « Copier » buttons: <button data-copy="id-of-element"> copies that element's text and says so
// in the button's status line. Loaded as a file (the Content-Security-Policy allows no inline script).
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = document.getElementById(button.getAttribute("data-copy") + "-copie");
      if (!source || !navigator.clipboard) return;
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (status) status.textContent = "Copié dans le presse-papiers.";
      }, function () {
        if (status) status.textContent = "La copie a échoué : sélectionnez le texte et copiez-le.";
      });
    });
  });
})();
