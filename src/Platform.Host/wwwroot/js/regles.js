// Rules pages: the colour preview follows the colour inputs before the form is saved.
// A file, not inline script: the Content-Security-Policy allows only the site's own scripts.
(function () {
    var preview = document.getElementById('apercu');
    if (!preview) return;
    document.querySelectorAll('input[data-preview]').forEach(function (input) {
        var update = function () {
            if (/^#[0-9a-fA-F]{6}$/.test(input.value)) preview.style.setProperty('--preview-' + input.dataset.preview, input.value);
        };
        input.addEventListener('input', update);
        update();
    });
})();
