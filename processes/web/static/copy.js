// The draft page's Copy buttons: each copies the textarea it names and says so. Without
// JavaScript the buttons stay hidden and the text can be selected and copied by hand.
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    var status = document.getElementById(button.getAttribute('data-copy') + '-copied');
    if (!field) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(field.value).then(
        function () { if (status) status.textContent = 'Copied.'; },
        function () { if (status) status.textContent = 'Could not copy: select the text and copy it by hand.'; },
      );
    });
  });
})();
