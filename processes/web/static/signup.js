// Sends the browser's time zone with the sign-up form, so the first digest arrives at a sensible
// local hour. Without JavaScript the form still works and the zone defaults to UTC.
(function () {
  var field = document.getElementById('time_zone');
  var label = document.getElementById('time-zone-name');
  if (!field || !window.Intl) return;
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) return;
  field.value = zone;
  if (label) label.textContent = zone.replace(/_/g, ' ');
})();
