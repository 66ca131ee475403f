// Live preview for the knowledge-base editor. It posts the text to the
// server as you type and shows the HTML the site will show, rendered by the
// same code. Without JavaScript the Preview button does the same.
(function () {
  'use strict';
  var form = document.querySelector('form[data-preview]');
  var section = document.getElementById('preview');
  var target = document.getElementById('preview-body');
  if (!form || !section || !target || !window.fetch || !window.FormData) return;
  var body = form.querySelector('textarea[name="body"]');
  if (!body) return;
  var timer = 0;
  var seq = 0;

  function update() {
    var n = ++seq;
    var data = new FormData(form);
    data.delete('image');
    data.delete('action');
    var lang = form.querySelector('select[name="language"]');
    data.set('language', lang ? lang.value : form.getAttribute('data-lang'));
    fetch(form.getAttribute('data-preview'), { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (res) { return res.ok ? res.text() : Promise.reject(res.status); })
      .then(function (html) {
        if (n !== seq) return;
        target.innerHTML = html; // escaped and sanitised by the server's renderer
        section.hidden = false;
      })
      .catch(function () { /* the Preview button still works */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(update, 600);
  }

  form.addEventListener('input', later);
  update();
})();
