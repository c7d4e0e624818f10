/*
 * The ask form (AskForm.razor): the counter, the draft kept in this browser, "Anonym fragen" and
 * "merken", similar approved questions to support instead, the questions waiting to be sent (each
 * with its clientId, sent again with the SAME clientId, which the server answers idempotently) and
 * the asker's private link.
 * page: { t, storage, keys, state, serverNow(), connection(), mineChanged(), vote(id, up) }
 */
import { setText, field, cloneTemplate, syncList, refusal, refusalText } from './viewer-dom.js';
import { questionLength, counterText, availability, askerOf, askProblem, similarQuestions } from './viewer-words.js';

var availabilityKeys = { paused: 'Ask_Paused', closed: 'Ask_Closed', blockClosed: 'Ask_BlockClosed', ended: 'Ask_Ended' };

export function followUrl(key) {
  return window.location.origin + '/fragen/' + encodeURIComponent(key);
}

export function askView(page) {
  var t = page.t;
  var state = page.state;
  var storage = page.storage;
  function byId(id) { return document.getElementById(id); }
  var form = byId('ask-form');
  var fields = byId('ask-fields');
  var textEl = byId('ask-text');
  var nameEl = byId('ask-name');
  var orgEl = byId('ask-organisation');
  var anonymousEl = byId('ask-anonymous');
  var rememberEl = byId('ask-remember');
  var counterEl = byId('ask-counter');
  var counterLive = byId('ask-counter-live');
  var askError = byId('ask-error');
  var askDone = byId('ask-done');
  var askState = byId('ask-state');
  var similarBox = byId('ask-similar');
  var similarList = byId('ask-similar-list');
  var maxLength = Number(textEl.getAttribute('data-max')) || 500;
  var minLength = Number(textEl.getAttribute('data-min')) || 3;
  var counterTimer = 0;
  var similarTimer = 0;
  var pending = storage.json(page.keys.pending, []);
  var flushing = false;

  function renderCounter() {
    var text = counterText(t, maxLength - questionLength(textEl.value));
    setText(counterEl, text);
    counterEl.setAttribute('data-over', questionLength(textEl.value) > maxLength ? 'true' : 'false');
    // Read out only near the limit, and only once typing pauses.
    clearTimeout(counterTimer);
    if (maxLength - questionLength(textEl.value) <= 50) {
      counterTimer = setTimeout(function () { setText(counterLive, text); }, 1000);
    }
  }

  /** What is typed stays in this browser until it is sent; the name only while it is meant to be used. */
  function saveDraft() {
    if (textEl.value || nameEl.value || orgEl.value || rememberEl.checked) {
      storage.set(page.keys.draft, JSON.stringify({
        text: textEl.value, name: nameEl.value, organisation: orgEl.value,
        anonymous: anonymousEl.checked, remember: rememberEl.checked
      }));
    } else {
      storage.remove(page.keys.draft);
    }
  }

  function renderAvailability() {
    var now = availability(state.event, state.clock, state.settings, form.getAttribute('data-availability'));
    var key = availabilityKeys[now];
    form.setAttribute('data-availability', now);
    setText(askState, key ? t(key) : '');
    fields.disabled = !!key;
    // "Frage stellen" at the bottom of a phone's screen only while questions are taken.
    byId('ask-open-bar').hidden = !!key;
  }

  function clearMessages() {
    setText(askError, '');
    setText(askDone, '');
    [textEl, nameEl, orgEl].forEach(function (el) { el.removeAttribute('aria-invalid'); });
  }

  function refuse(el, message) {
    setText(askError, message);
    el.setAttribute('aria-invalid', 'true');
    el.focus();
  }

  function newClientId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return 'q-' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function savePending() {
    if (pending.length > 0) {
      storage.set(page.keys.pending, JSON.stringify(pending.map(function (p) {
        return { clientId: p.clientId, text: p.text, displayName: p.displayName, organisation: p.organisation, createdAt: p.createdAt };
      })));
    } else {
      storage.remove(page.keys.pending);
    }
  }

  function dropPending(clientId) {
    pending = pending.filter(function (p) { return p.clientId !== clientId; });
    savePending();
  }

  /** After a question went out: a new one starts anonymous again, unless the viewer asked to keep the name. */
  function resetAsker() {
    if (!rememberEl.checked) {
      nameEl.value = '';
      orgEl.value = '';
      anonymousEl.checked = true;
    }
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearMessages();
    if (fields.disabled) {
      return;
    }
    var asker = askerOf(anonymousEl.checked, nameEl.value, orgEl.value);
    var problem = askProblem(questionLength(textEl.value), minLength, maxLength, asker.displayName, asker.organisation);
    if (problem) {
      refuse({ text: textEl, name: nameEl, organisation: orgEl }[problem.field], t(problem.key, problem.arg));
      return;
    }

    pending.push({
      clientId: newClientId(),
      text: textEl.value.trim(),
      displayName: asker.displayName,
      organisation: asker.organisation,
      createdAt: new Date(page.serverNow()).toISOString()
    });
    savePending();
    textEl.value = '';
    resetAsker();
    saveDraft();
    renderCounter();
    renderSimilar();
    if (!state.joined) {
      setText(askDone, t('Ask_Queued'));
    }
    page.mineChanged();
    flushPending();
  });

  textEl.addEventListener('input', function () {
    textEl.removeAttribute('aria-invalid');
    saveDraft();
    renderCounter();
    // Looked up once typing pauses, not at every key.
    clearTimeout(similarTimer);
    similarTimer = setTimeout(renderSimilar, 300);
  });
  [nameEl, orgEl].forEach(function (el) {
    el.addEventListener('input', function () {
      el.removeAttribute('aria-invalid');
      // Typing a name is choosing to ask with it.
      anonymousEl.checked = !nameEl.value && !orgEl.value;
      saveDraft();
    });
  });
  anonymousEl.addEventListener('change', function () {
    if (anonymousEl.checked) {
      nameEl.value = '';
      orgEl.value = '';
      rememberEl.checked = false;
    }
    saveDraft();
  });
  rememberEl.addEventListener('change', saveDraft);

  // --- Similar approved questions, to support instead of asking again ------------------------------

  function renderSimilar() {
    var all = state.questions ? Object.keys(state.questions).map(function (id) { return state.questions[id]; }) : [];
    var found = similarQuestions(textEl.value, all, 3);
    syncList(similarList, found, function (q) { return String(q.id); }, 'data-question-id',
      function () { return cloneTemplate('similar-template'); },
      function (li, q) {
        setText(field(li, 'text'), q.text);
        var button = li.querySelector('[data-action="support"]');
        var supported = !!state.myVotes[q.id];
        button.setAttribute('aria-pressed', supported ? 'true' : 'false');
        setText(button, supported ? t('Similar_Supported') : t('Similar_Support'));
      });
    similarBox.hidden = found.length === 0;
  }

  similarList.addEventListener('click', function (e) {
    var button = e.target.closest('[data-action="support"]');
    if (!button) {
      return;
    }
    var id = Number(button.closest('li[data-question-id]').getAttribute('data-question-id'));
    page.vote(id, button.getAttribute('aria-pressed') !== 'true', button).then(renderSimilar);
  });

  // --- Sending: one at a time, each with its own clientId, again after every join ------------------

  function flushPending() {
    if (flushing || !state.joined || pending.length === 0) {
      return;
    }
    flushing = true;
    var item = pending[0];
    item.sending = true;
    page.mineChanged();
    page.connection().invoke('AskQuestion', state.eventId, {
      clientId: item.clientId,
      text: item.text,
      displayName: item.displayName,
      organisation: item.organisation,
      blockNumber: null,
      // In the embed the partner's snippet names the partner (?partner=origin); the server believes
      // it only for the event's listed partners (src/OzgLive.Web/Channels/PartnerOrigins.cs).
      channel: window.location.pathname.indexOf('/embed/') === 0
        ? 'embed:' + (new URLSearchParams(window.location.search).get('partner') || '') : null
    }).then(function (own) {
      flushing = false;
      dropPending(item.clientId);
      state.mine[own.id] = own;
      setText(askDone, own.status === 'pending' ? t('Ask_Sent') : t('Ask_SentApproved'));
      showPrivateLink(own.followKey);
      page.mineChanged();
      flushPending();
    }, function (error) {
      flushing = false;
      item.sending = false;
      var found = refusal(error);
      if (!found) {
        // The connection went; the question waits and goes again, with the same clientId, after
        // the next join. If the server had stored it already, it answers with the stored one.
        setText(askDone, t('Ask_Queued'));
        page.mineChanged();
        return;
      }
      dropPending(item.clientId);
      // Refused (paused, closed, too many): what was typed goes back into the form, not lost.
      if (!textEl.value.trim()) {
        textEl.value = item.text;
        saveDraft();
        renderCounter();
      }
      setText(askError, refusalText(t, found, 'ask'));
      page.mineChanged();
      flushPending();
    });
  }

  /** The questions not yet stored by the server; those it has already (by clientId) are dropped. */
  function waiting(knownClientIds) {
    var before = pending.length;
    pending = pending.filter(function (p) { return !knownClientIds[p.clientId]; });
    if (pending.length !== before) {
      savePending();
    }
    return pending;
  }

  // --- The asker's private link (/fragen/{key}): shown after asking, only this browser knows it ------

  var linkBox = byId('ask-link');
  var linkUrl = byId('ask-link-url');
  var linkCopied = byId('ask-link-copied');

  function showPrivateLink(key) {
    if (!key) {
      return;
    }
    var url = followUrl(key);
    linkUrl.setAttribute('href', url);
    setText(linkUrl, url);
    setText(linkCopied, '');
    linkBox.hidden = false;
  }

  byId('ask-link-copy').addEventListener('click', function () {
    var url = linkUrl.getAttribute('href');
    var done = function () { setText(linkCopied, t('Js_LinkCopied')); };
    var failed = function () {
      // Selected, so that Ctrl+C (or the long-press menu) copies it.
      var range = document.createRange();
      range.selectNodeContents(linkUrl);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      setText(linkCopied, t('Js_LinkCopyFailed'));
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(done, failed);
    } else {
      failed();
    }
  });

  (function restoreDraft() {
    var draft = storage.json(page.keys.draft, null);
    if (draft) {
      textEl.value = draft.text || '';
      nameEl.value = draft.name || '';
      orgEl.value = draft.organisation || '';
      anonymousEl.checked = draft.anonymous !== false && !nameEl.value && !orgEl.value;
      rememberEl.checked = !!draft.remember;
    }
    renderCounter();
    renderAvailability();
  })();

  return {
    renderAvailability: renderAvailability,
    renderSimilar: renderSimilar,
    flushPending: flushPending,
    waiting: waiting,
    clearMessages: clearMessages,
    showError: function (text) { setText(askError, text); },
    focus: function () { textEl.focus(); }
  };
}
