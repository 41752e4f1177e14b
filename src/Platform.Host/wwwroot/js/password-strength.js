// Password strength meter (tenants whose rule sets strengthMeter): a hint while typing; the server's rule decides.
(function () {
  "use strict";
  var labels = ["très faible", "faible", "moyen", "bon", "très bon"];

  function score(password, minLength) {
    if (!password) return 0;
    var kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(function (k) { return k.test(password); }).length;
    var s = 0;
    if (password.length >= minLength) s++;
    if (password.length >= minLength + 4) s++;
    if (kinds >= 3) s++;
    if (kinds === 4) s++;
    if (/^(.)\1*$/.test(password) || /^(?:0123|1234|azer|qwer|motdepasse|password)/i.test(password)) s = Math.min(s, 1);
    return s;
  }

  document.querySelectorAll("[data-strength-for]").forEach(function (box) {
    var input = document.getElementById(box.getAttribute("data-strength-for"));
    if (!input) return;
    var meter = box.querySelector("meter");
    var label = box.querySelector(".strength-label");
    var minLength = parseInt(box.getAttribute("data-min-length"), 10) || 8;
    box.hidden = false;
    function update() {
      var s = score(input.value, minLength);
      meter.value = s;
      label.textContent = input.value ? labels[s] : "";
    }
    input.addEventListener("input", update);
    update();
  });
})();
