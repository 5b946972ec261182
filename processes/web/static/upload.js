// Progressive enhancement for the upload form: drag and drop, a progress bar, then live status.
// Without JavaScript the plain form still posts and the status page refreshes itself.
(function () {
  var form = document.getElementById('upload-form');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var input = document.getElementById('file');
  var drop = document.getElementById('drop');
  var progress = document.getElementById('progress');
  var status = document.getElementById('status');

  function say(text) { status.textContent = text; }

  ['dragenter', 'dragover'].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      say('Ready to upload ' + input.files[0].name + '.');
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
    };
    xhr.send();
  }

  form.addEventListener('submit', function (e) {
    if (!input.files || !input.files.length) return;
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
