// After a refused form, focus goes to the first field in error (its message is beside it and read with
// it through aria-describedby), or to the first error panel when the error concerns no field.
(function () {
  "use strict";
  var first = document.querySelector("[aria-invalid='true'], fieldset.invalid input, .error[role='alert']");
  if (!first) return;
  for (var parent = first.parentElement; parent; parent = parent.parentElement) {
    if (parent.tagName === "DETAILS") parent.open = true;
  }
  if (first.classList.contains("error")) first.setAttribute("tabindex", "-1");
  first.focus();
})();
