// Progressive enhancement for the upload form: drag and drop, a progress bar, then live status.
// Without JavaScript the plain form still posts and the status page refreshes itself.
(function () {
  var form = document.getElementById('upload-form');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var input = document.getElementById('file');
  var drop = document.getElementById('drop');
  var progress = document.getElementById('progress');
  var status = document.getElementById('status');

  var next = form.getAttribute('data-next');

  function say(text) { status.textContent = text; }
  // A failed import spent its link: the guided start's page mints a fresh one when opened again.
  function offerAgain() {
    var again = document.createElement('a');
    again.href = form.getAttribute('data-again');
    again.className = 'button';
    again.textContent = 'Try another file';
    status.parentNode.insertBefore(again, status.nextSibling);
  }
  function chosen() { if (input.files && input.files.length) say('Ready to upload ' + input.files[0].name + '.'); }

  // The label is the button from here on; the input stays focusable for the keyboard.
  drop.classList.add('js');
  input.addEventListener('change', chosen);

  ['dragenter', 'dragover'].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      chosen();
    }
  });

  function poll(url) {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.onload = function () {
      var body = JSON.parse(xhr.responseText || '{}');
      say(body.message || 'Working…');
      if (body.status === 'pending' || body.status === 'importing') setTimeout(function () { poll(url); }, 1000);
      // From the guided start, a finished import goes straight on to its last step.
      else if (next && body.status === 'imported') window.location.assign(next);
      else if (next && body.status === 'failed') offerAgain();
    };
    xhr.send();
  }

  form.addEventListener('submit', function (e) {
    if (!input.files || !input.files.length) { say('Choose your export first, or drop it on the box.'); e.preventDefault(); return; }
    e.preventDefault();
    var data = new FormData(form);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('accept', 'application/json');
    progress.hidden = false;
    xhr.upload.onprogress = function (ev) {
      if (ev.lengthComputable) { progress.value = Math.round((ev.loaded / ev.total) * 100); say('Uploading… ' + progress.value + '%'); }
    };
    xhr.onload = function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = { message: 'The upload failed. Please try again.' }; }
      say(body.message || '');
      if (xhr.status < 300 && body.statusUrl) poll(body.statusUrl);
    };
    xhr.onerror = function () { say('The connection was lost during the upload. Please try again.'); };
    xhr.send(data);
  });
})();
