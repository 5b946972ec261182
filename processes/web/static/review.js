// The review page, saved as you go. Without JavaScript the page is a form: the tapped answer's
// button posts it, and nothing else is saved until Save answers is pressed. With this script:
// - the tapped answer's button saves that one answer and gives way, in place, to "Saved" and Undo;
// - every other item saves as soon as it is chosen, one item per request, and says so beside it.
// Nothing is ever sent when the page opens: only a person's tap or choice posts (link scanners
// open pages and run their scripts). Every request carries the page's form token and asks for JSON.
(function () {
  var form = document.querySelector('form[data-autosave]');
  if (!form || !window.fetch || !window.URLSearchParams || !window.Promise) return;
  var csrfField = form.querySelector('input[name=csrf]');
  if (!csrfField) return;
  var csrf = csrfField.value;
  var action = form.getAttribute('action');
  var undoAction = form.getAttribute('data-undo');
  var tapped = document.querySelector('form.tapped');
  // An introduction's button always posts the page: the page that follows shows the draft.
  if (tapped && (tapped.getAttribute('data-answer') === 'intro' || !tapped.querySelector('button.confirm'))) tapped = null;

  // The page's sentences about saving are true in one mode only.
  document.querySelectorAll('[data-without-script]').forEach(function (el) { el.hidden = true; });
  document.querySelectorAll('[data-with-script]').forEach(function (el) { el.hidden = false; });

  /** What a failed request offers: the same request again, or, when the page's form token no longer works, a fresh page. */
  function retry(error, again) {
    if (error.status === 403) return [{ label: 'Reload the page', onClick: function () { window.location.reload(); } }];
    return [{ label: 'Try again', onClick: again }];
  }

  /** POSTs fields as a form, asking for JSON; resolves with the answer's body, or rejects with words. */
  // The chart above the list, redrawn from what a save or undo sends back: the server's own
  // rendering of it (escaped there; this page runs no inline script). Answers can arrive out of
  // order across items: only a newer request's chart replaces the one shown.
  var chart = document.querySelector('.progress');
  var sent = 0;
  var drawn = 0;
  function redraw(seq, data) {
    if (!chart || typeof data.chart !== 'string' || seq < drawn) return;
    drawn = seq;
    chart.innerHTML = data.chart;
  }

  function post(url, fields) {
    var seq = ++sent;
    var body = new URLSearchParams();
    body.append('csrf', csrf);
    Object.keys(fields).forEach(function (key) { body.append(key, fields[key]); });
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    }).then(
      function (response) {
        return response.json().then(
          function (data) { return { ok: response.ok, status: response.status, data: data || {} }; },
          function () { return { ok: false, status: response.status, data: {} }; },
        ).then(function (answer) {
          if (answer.ok) redraw(seq, answer.data);
          if (answer.ok || answer.status === 422) return answer.data;
          var error = new Error(answer.data.error || wordsFor(answer.status));
          error.status = answer.status;
          throw error;
        });
      },
      function () { throw new Error('Not saved: the page could not reach Rapport. Check your connection.'); },
    );
  }

  function wordsFor(status) {
    if (status === 429) return 'Not saved: that was a lot of answers in a short time. Wait a minute, then try again.';
    if (status === 403) return 'Not saved: this page was open for too long. Reload the page and choose again.';
    if (status === 404) return 'Not saved: this link no longer works. Your latest digest has fresh links.';
    return 'Not saved: something went wrong on our side.';
  }

  // One request at a time per item, in the order chosen: the last choice is the one that stays.
  var queues = {};
  function inTurn(key, run) {
    var next = (queues[key] || Promise.resolve()).then(run, run);
    queues[key] = next.then(function () {}, function () {});
    return next;
  }

  /** Writes a status: a line of words, then buttons, each { label, aria, onClick }. */
  function show(status, words, buttons, options) {
    if (!status) return;
    options = options || {};
    status.textContent = '';
    status.className = 'item-status' + (options.error ? ' is-error' : words ? ' is-set' : '');
    if (options.heading) {
      var heading = document.createElement('h2');
      heading.textContent = options.heading;
      status.appendChild(heading);
    }
    var line = document.createElement('p');
    if (words) line.appendChild(document.createTextNode(words));
    var first = null;
    (buttons || []).forEach(function (b) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary small';
      button.textContent = b.label;
      if (b.aria) button.setAttribute('aria-label', b.aria);
      button.addEventListener('click', function () { button.disabled = true; b.onClick(); });
      line.appendChild(document.createTextNode(' '));
      line.appendChild(button);
      if (!first) first = button;
    });
    if (words || first) status.appendChild(line);
    return first;
  }

  var statusOf = function (fieldset) { return fieldset && fieldset.querySelector('.item-status'); };
  var itemFieldset = function (item) { return form.querySelector('fieldset[data-item="' + item + '"]'); };
  var personFieldset = function (id) { return form.querySelector('fieldset[data-person="' + id + '"]'); };
  var checkedIn = function (fieldset) {
    var checked = fieldset.querySelector('input[type=radio]:checked');
    return checked ? checked.value : '';
  };
  function check(fieldset, value) {
    fieldset.querySelectorAll('input[type=radio]').forEach(function (radio) { radio.checked = radio.value === value; });
  }
  var outcomeOf = function (fieldset, value) {
    var radio = fieldset && fieldset.querySelector('input[type=radio][value="' + value + '"]');
    return radio && radio.parentNode ? radio.parentNode.textContent.trim() : value;
  };

  // -------------------------------------------------------------------------------------------
  // Items of the week, and the tapped answer at the top
  // -------------------------------------------------------------------------------------------

  /** Saves one item's answer; `from` is the button or status that asked, for focus. */
  function saveItem(item, answer, from) {
    var fieldset = itemFieldset(item);
    show(statusOf(fieldset), 'Saving…');
    if (from === 'tapped') showTapped('saving');
    return inTurn('item_' + item, function () {
      var fields = {};
      fields['item_' + item] = answer;
      return post(action, fields);
    }).then(
      function (data) {
        var saved = (data.saved || []).filter(function (s) { return s.item === item; })[0];
        if (!saved) {
          var reason = (data.rejected || []).map(function (r) { return r.message; }).join(' ') || 'Not saved.';
          show(statusOf(fieldset), reason, [], { error: true });
          if (from === 'tapped') showTapped('error', reason, []);
          return;
        }
        if (fieldset) {
          fieldset.setAttribute('data-saved', saved.answer);
          // A later choice may be waiting its turn: only the last one moves the radios.
          if (!queuedSince(item, answer)) check(fieldset, saved.answer);
        }
        showSaved(item, saved.outcome, from);
      },
      function (error) {
        var again = retry(error, function () { saveItem(item, answer, from); });
        show(statusOf(fieldset), error.message, again, { error: true });
        if (from === 'tapped') showTapped('error', error.message, again);
      },
    );
  }

  function queuedSince(item, answer) {
    var fieldset = itemFieldset(item);
    return fieldset && checkedIn(fieldset) !== answer && checkedIn(fieldset) !== '';
  }

  function undoButton(item, from) {
    return { label: 'Undo', aria: 'Undo the answer to item ' + item, onClick: function () { undoItem(item, from); } };
  }

  /** "Saved: known · Undo" beside the item, and at the top when it is the tapped item's answer. */
  function showSaved(item, outcome, from) {
    var fieldset = itemFieldset(item);
    var undo = show(statusOf(fieldset), 'Saved: ' + outcome + '.', [undoButton(item, 'item')], {});
    syncTapped(item, from);
    if (from === 'item' && undo && document.activeElement && document.activeElement.tagName === 'BODY') undo.focus();
  }

  function undoItem(item, from) {
    var fieldset = itemFieldset(item);
    show(statusOf(fieldset), 'Undoing…');
    return inTurn('item_' + item, function () { return post(undoAction, { item: String(item) }); }).then(
      function (data) {
        if (data.status === 'undone' && fieldset) {
          fieldset.setAttribute('data-saved', data.restored || '');
          check(fieldset, data.restored || '');
        }
        var again = data.status === 'undone' && data.restored ? [undoButton(item, 'item')] : [];
        var undo = show(statusOf(fieldset), data.message, again);
        syncTapped(item, from, data.message, data.status);
        // The Undo pressed is gone: keep the keyboard where it was, on this item.
        if (from === 'item' && fieldset && document.activeElement === document.body) {
          (undo || fieldset.querySelector('input[type=radio]:checked') || fieldset.querySelector('input[type=radio]')).focus();
        }
      },
      function (error) {
        var again = retry(error, function () { undoItem(item, from); });
        show(statusOf(fieldset), error.message, again, { error: true });
        // The answer is still saved: the top box keeps its state and offers the retry.
        if (tapped && Number(tapped.getAttribute('data-item')) === item) show(tappedStatus, error.message, again, { error: true });
      },
    );
  }

  // The tapped answer's box: its button until that answer is saved, then "Saved" and Undo.
  var tappedButton = tapped && tapped.querySelector('button.confirm');
  var tappedStatus = tapped && tapped.querySelector('.item-status');
  var tappedNote = tapped && tapped.querySelector('.tapped-note');

  function showTapped(state, words, buttons) {
    if (!tapped) return;
    var item = Number(tapped.getAttribute('data-item'));
    tapped.setAttribute('data-state', state);
    tappedButton.hidden = state === 'saved' || state === 'kept';
    tappedButton.disabled = state === 'saving';
    if (tappedNote) tappedNote.hidden = state === 'saved' || state === 'kept';
    if (state === 'saved') {
      return show(tappedStatus, words, [undoButton(item, 'tapped')], { heading: 'Saved' });
    }
    if (state === 'saving') return show(tappedStatus, 'Saving…');
    return show(tappedStatus, words || '', buttons || [], { error: state === 'error' });
  }

  /** Brings the top box in line with the item's saved answer, after a save or an undo anywhere. */
  function syncTapped(item, from, message, undoStatus) {
    if (!tapped || Number(tapped.getAttribute('data-item')) !== item) return;
    var fieldset = itemFieldset(item);
    var savedAnswer = fieldset ? fieldset.getAttribute('data-saved') : '';
    var answer = tapped.getAttribute('data-answer');
    var focusAfter = from === 'tapped';
    if (message && savedAnswer === answer && undoStatus !== 'undone') {
      // Undo kept a newer answer: say so, and offer nothing that would pretend otherwise.
      showTapped('kept', message);
      if (focusAfter) tappedStatus.focus();
      return;
    }
    if (savedAnswer === answer) {
      var words = message || '\u201c' + tappedButton.textContent.trim() + '\u201d is saved.';
      var undo = showTapped('saved', words);
      if (focusAfter && undo) undo.focus();
      return;
    }
    showTapped('open', message || '');
    if (focusAfter) tappedButton.focus();
  }

  if (tapped) {
    tappedStatus.setAttribute('tabindex', '-1');
    tapped.addEventListener('submit', function (event) {
      event.preventDefault();
      if (tapped.getAttribute('data-state') === 'saving') return;
      var item = Number(tapped.getAttribute('data-item'));
      var answer = tapped.getAttribute('data-answer');
      var fieldset = itemFieldset(item);
      if (fieldset) check(fieldset, answer);
      saveItem(item, answer, 'tapped');
    });
  }

  // -------------------------------------------------------------------------------------------
  // The people at a target: saved as chosen; another choice changes the answer again
  // -------------------------------------------------------------------------------------------

  function savePerson(id, tie) {
    var fieldset = personFieldset(id);
    show(statusOf(fieldset), 'Saving…');
    return inTurn('person_' + id, function () {
      var fields = {};
      fields['person_' + id] = tie;
      return post(action, fields);
    }).then(
      function (data) {
        var saved = (data.people || []).filter(function (p) { return p.person === id; })[0];
        if (!saved) {
          show(statusOf(fieldset), (data.rejected || []).map(function (r) { return r.message; }).join(' ') || 'Not saved.', [], { error: true });
          return;
        }
        fieldset.setAttribute('data-saved', saved.answer);
        show(statusOf(fieldset), 'Saved: ' + saved.outcome + '.', [{ label: 'Undo', aria: 'Undo the answer about this person', onClick: function () { undoPerson(id); } }]);
      },
      function (error) {
        show(statusOf(fieldset), error.message, retry(error, function () { savePerson(id, tie); }), { error: true });
      },
    );
  }

  function undoPerson(id) {
    var fieldset = personFieldset(id);
    show(statusOf(fieldset), 'Undoing…');
    return inTurn('person_' + id, function () { return post(undoAction, { person: id }); }).then(
      function (data) {
        if (data.status === 'undone') {
          fieldset.setAttribute('data-saved', data.restored || '');
          check(fieldset, data.restored || '');
        }
        show(statusOf(fieldset), data.message, []);
        if (document.activeElement === document.body) (fieldset.querySelector('input[type=radio]:checked') || fieldset.querySelector('input[type=radio]')).focus();
      },
      function (error) {
        show(statusOf(fieldset), error.message, retry(error, function () { undoPerson(id); }), { error: true });
      },
    );
  }

  // -------------------------------------------------------------------------------------------
  // Choices
  // -------------------------------------------------------------------------------------------

  form.addEventListener('change', function (event) {
    var radio = event.target;
    if (!radio || radio.type !== 'radio') return;
    var fieldset = radio.closest('fieldset');
    if (!fieldset) return;
    var saved = fieldset.getAttribute('data-saved') || '';
    var person = fieldset.getAttribute('data-person');
    // A newer choice replaces one still waiting to be sent.
    clearTimeout(timers[person ? 'person_' + person : 'item_' + fieldset.getAttribute('data-item')]);
    if (radio.value === '') {
      // "No answer" takes nothing back by itself: an answer already saved stays until undone.
      if (!saved) return show(statusOf(fieldset), '');
      var keep = 'Your saved answer stays: ' + outcomeOf(fieldset, saved) + '.';
      var undoSaved = person
        ? { label: 'Undo', aria: 'Undo the answer about this person', onClick: function () { undoPerson(person); } }
        : undoButton(Number(fieldset.getAttribute('data-item')), 'item');
      return show(statusOf(fieldset), keep + ' Undo takes it back.', [undoSaved]);
    }
    show(statusOf(fieldset), radio.value === 'intro' ? '' : 'Saving…');
    if (person) return settled('person_' + person, function () { savePerson(person, checkedIn(fieldset)); });
    var item = Number(fieldset.getAttribute('data-item'));
    if (radio.value === 'intro') return pendingIntro(fieldset);
    settled('item_' + item, function () { if (checkedIn(fieldset) && checkedIn(fieldset) !== 'intro') saveItem(item, checkedIn(fieldset), 'item'); });
  });

  // Arrow keys move through a radio group one choice at a time, each a change: the answer is sent
  // once the choice has rested a moment, so passing over "Don't know" does not save it.
  var timers = {};
  var SETTLE_MS = 400;
  function settled(key, run) {
    clearTimeout(timers[key]);
    timers[key] = setTimeout(function () { delete timers[key]; run(); }, SETTLE_MS);
  }

  function pendingIntro(fieldset) {
    show(statusOf(fieldset), 'Not saved yet: press Save answers to draft this introduction and see the draft.');
  }

  // Answers the link preselected are not saved yet: say so, and offer to save each.
  form.querySelectorAll('fieldset[data-item]').forEach(function (fieldset) {
    var chosen = checkedIn(fieldset);
    if (!chosen || chosen === (fieldset.getAttribute('data-saved') || '')) return;
    if (chosen === 'intro') return pendingIntro(fieldset);
    var item = Number(fieldset.getAttribute('data-item'));
    show(statusOf(fieldset), 'Not saved yet.', [{ label: 'Save', aria: 'Save the answer to item ' + item, onClick: function () { saveItem(item, checkedIn(fieldset), 'item'); } }]);
  });

  // The tapped answer already saved (opened again): show it as saved.
  if (tapped) syncTapped(Number(tapped.getAttribute('data-item')));
})();
