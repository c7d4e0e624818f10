// The live viewer page (/events/{slug}) and its embed (/embed/{slug}): keeps the clock, the agenda,
// the video and the Q&A current over the live hub (docs/hub-protocol.md) with the official SignalR
// client (/lib/signalr/signalr.min.js, served by this site). The server renders the whole page
// first (src/OzgLive.Web/Viewer/); this script only changes what it rendered, with the same words
// (the resource strings arrive in <script id="viewer-texts">) and the same markup (it clones the
// server's <template>s).
//
// What the browser keeps (localStorage, this site only):
//   ozglive.viewerToken         proof of this anonymous viewer (IdentifyViewer), so questions and
//                               votes stay theirs across reloads and reconnects
//   ozglive.draft.{slug}        what is typed in the ask form, until it is sent
//   ozglive.pending.{slug}      questions sent while offline, each with its clientId; sent again
//                               with the SAME clientId, which the server answers idempotently
//   ozglive.youtubeConsent      only if the viewer ticked "remember my choice"
// An ES module, deferred like every module: it runs once the page is parsed, after the classic
// signalr.min.js has defined window.signalR. The function around the rest only lets it stop early.
import * as live from './live-shared.js';
import { videoConsent } from './video-consent.js';

(function () {
  'use strict';

  var root = document.querySelector('[data-viewer]');
  var textsEl = document.getElementById('viewer-texts');
  if (!root || !textsEl) {
    return;
  }

  var texts = JSON.parse(textsEl.textContent);
  var lang = texts.lang || document.documentElement.lang || 'de-DE';
  var slug = root.getAttribute('data-event-slug');
  var keys = {
    token: 'ozglive.viewerToken',
    draft: 'ozglive.draft.' + slug,
    pending: 'ozglive.pending.' + slug
  };

  function byId(id) {
    return document.getElementById(id);
  }

  /** A resource string with {0}, {1} … filled in. */
  function t(key) {
    var text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    var args = Array.prototype.slice.call(arguments, 1);
    return text.replace(/\{(\d+)\}/g, function (all, i) {
      return args[i] !== undefined ? String(args[i]) : all;
    });
  }

  function setText(el, text) {
    if (el && el.textContent !== text) {
      el.textContent = text;
    }
  }

  // --- Storage: a browser that refuses storage (private mode, a blocked iframe) still works ------

  var memory = {};
  var storage = {
    get: function (key) {
      try {
        var value = window.localStorage.getItem(key);
        return value !== null ? value : (memory[key] !== undefined ? memory[key] : null);
      } catch (e) {
        return memory[key] !== undefined ? memory[key] : null;
      }
    },
    set: function (key, value) {
      memory[key] = value;
      try {
        window.localStorage.setItem(key, value);
      } catch (e) { /* kept in memory for this page */ }
    },
    remove: function (key) {
      delete memory[key];
      try {
        window.localStorage.removeItem(key);
      } catch (e) { /* nothing kept */ }
    },
    json: function (key, fallback) {
      try {
        var value = JSON.parse(storage.get(key));
        return value === null ? fallback : value;
      } catch (e) {
        return fallback;
      }
    }
  };

  // --- State: the last snapshot with every delta applied in order -------------------------------

  var eventId = Number(root.getAttribute('data-event-id'));
  var renderedSeq = Number(root.getAttribute('data-seq'));
  var seq = -1;
  var event = null;
  var clock = null;
  var settings = null;
  var questions = null;      // id -> public question; null until the first snapshot
  var mine = {};             // id -> own question
  var myVotes = {};          // id -> true
  var pending = storage.json(keys.pending, []);
  var joined = false;
  // serverNow - browser now, in ms. The browser's clock may be off by minutes (or, in tests, the
  // server's may be a fake): times are always computed on the server's time line.
  var offsetMs = 0;
  var sort = root.getAttribute('data-sort') === 'neueste' ? 'neueste' : 'stimmen';

  function serverNow() {
    return Date.now() + offsetMs;
  }

  // --- Dates and times --------------------------------------------------------------------------

  var berlinDateTime = new Intl.DateTimeFormat(lang, {
    timeZone: 'Europe/Berlin', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });
  var berlinTime = new Intl.DateTimeFormat(lang, {
    timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });
  var relative = typeof Intl.RelativeTimeFormat === 'function'
    ? new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })
    : null;

  /** "Donnerstag, 31. März 2022, 10:00 Uhr" (ViewerWords.LongDateTime). */
  function longDateTime(iso) {
    var parts = {};
    berlinDateTime.formatToParts(new Date(iso)).forEach(function (p) { parts[p.type] = p.value; });
    return texts.Js_LongDateTime.replace(/\{(\w+)\}/g, function (all, name) {
      return parts[name] !== undefined ? parts[name] : all;
    });
  }

  /** "vor 3 Minuten", in the steps Humanizer uses on the server (RelativeTime.Format). */
  function ago(iso) {
    var seconds = Math.round((serverNow() - Date.parse(iso)) / 1000);
    var s = Math.abs(seconds);
    if (s < 10 || !relative) {
      return t('Relative_Now');
    }
    var sign = seconds >= 0 ? -1 : 1;
    if (s < 60) return relative.format(sign * s, 'second');
    // Humanizer says "vor einer Minute" where Intl says "vor 1 Minute": the server's words win.
    if (s < 120) return sign < 0 ? t('Relative_MinuteAgo') : relative.format(sign, 'minute');
    if (s < 45 * 60) return relative.format(sign * Math.floor(s / 60), 'minute');
    if (s < 90 * 60) return sign < 0 ? t('Relative_HourAgo') : relative.format(sign, 'hour');
    if (s < 24 * 3600) return relative.format(sign * Math.floor(s / 3600), 'hour');
    if (s < 48 * 3600) return relative.format(sign, 'day');
    return relative.format(sign * Math.floor(s / 86400), 'day');
  }

  function formatSeconds(total) {
    return live.formatSeconds(total);
  }

  // --- Clock ------------------------------------------------------------------------------------

  var statusEl = byId('clock-status');
  var remainingEl = byId('clock-remaining');
  var connectionEl = byId('connection-state');
  var clockEl = byId('clock');
  var blocksEl = byId('blocks');
  var tickTimer = 0;

  function statusText() {
    switch (clock.phase) {
      case 'notStarted':
        return event.status === 'ended' || event.status === 'published'
          ? t('Clock_Ended')
          : t('Clock_NotStarted', longDateTime(event.scheduledStart));
      case 'intro':
        return t('Clock_Intro');
      case 'block':
        return clock.current && clock.current.state === 'paused'
          ? t('Clock_BlockPaused', clock.currentBlock)
          : t('Clock_BlockRunning', clock.currentBlock);
      case 'between':
        return t('Clock_Between');
      case 'ended':
        return t('Clock_Ended');
      default:
        return '';
    }
  }

  function blockStateText(state) {
    switch (state) {
      case 'running': return t('Block_Running');
      case 'paused': return t('Block_Paused');
      case 'done': return t('Block_Done');
      default: return '';
    }
  }

  /** Milliseconds left in the current block on the server's time line; null without one. */
  function remainingMs() {
    return live.remainingMs(clock, serverNow());
  }

  function warningFor(ms) {
    return live.warningFor(ms);
  }

  function renderRemaining() {
    window.clearTimeout(tickTimer);
    var ms = remainingMs();
    var text = ms === null ? ''
      : ms < 0 ? t('Clock_Overtime', formatSeconds(Math.floor(-ms / 1000)))
      : t('Clock_Remaining', formatSeconds(Math.floor(ms / 1000)));
    setText(remainingEl, text);
    remainingEl.hidden = text === '';
    clockEl.setAttribute('data-warning', warningFor(ms));

    if (ms !== null && clock.current.state === 'running') {
      // Wake just after the shown second changes, so the display never lags a whole second.
      var intoSecond = ((ms % 1000) + 1000) % 1000;
      var delay = ms >= 0 ? intoSecond + 20 : 1000 - intoSecond + 20;
      tickTimer = window.setTimeout(renderRemaining, delay);
    }
  }

  function renderClock() {
    // Only a changed text is written: the status line is aria-live, and rewriting the same words
    // would make screen readers say them again.
    setText(statusEl, statusText());
    clockEl.setAttribute('data-phase', clock.phase);
    root.setAttribute('data-seq', String(seq));

    var states = {};
    clock.blocks.forEach(function (b) { states[b.number] = b.state; });
    Array.prototype.forEach.call(blocksEl.querySelectorAll('li[data-block]'), function (li) {
      var number = Number(li.getAttribute('data-block'));
      var state = states[number] || 'upcoming';
      li.className = 'block block-' + state;
      setText(li.querySelector('[data-block-state]'), blockStateText(state));
      if (clock.currentBlock === number) {
        li.setAttribute('aria-current', 'true');
      } else {
        li.removeAttribute('aria-current');
      }
    });
    renderRemaining();
  }

  // --- Agenda -----------------------------------------------------------------------------------

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function timeElement(date) {
    var el = element('time', null, berlinTime.format(date));
    el.setAttribute('datetime', date.toISOString());
    return el;
  }

  /** Rebuilds the header and agenda after an organiser changed them (EventUpdated), as Agenda.razor renders them. */
  function renderEvent() {
    var title = root.querySelector('[data-field="title"]');
    if (title && title.textContent !== event.title) {
      document.title = document.title.replace(title.textContent, event.title);
      title.textContent = event.title;
    }
    var start = root.querySelector('[data-field="start"]');
    if (start) {
      setText(start, longDateTime(event.scheduledStart));
      start.setAttribute('datetime', new Date(event.scheduledStart).toISOString());
    }
    var total = event.blocks.reduce(function (sum, b) { return sum + b.plannedMinutes; }, 0);
    setText(root.querySelector('[data-field="duration"]'), String(total));
    var description = root.querySelector('[data-field="description"]');
    if (description) {
      setText(description, event.description);
      description.hidden = !event.description;
    }
    var suffix = t('Agenda_TimeSuffix');

    var at = new Date(event.scheduledStart);
    var items = event.blocks.map(function (block) {
      var end = new Date(at.getTime() + block.plannedMinutes * 60000);
      var li = element('li', 'block block-upcoming');
      li.setAttribute('data-block', String(block.number));

      var head = element('div', 'block-head');
      var time = element('p', 'block-time');
      time.appendChild(timeElement(at));
      time.appendChild(document.createTextNode('–'));
      time.appendChild(timeElement(end));
      if (suffix) {
        time.appendChild(document.createTextNode(' ' + suffix));
      }
      head.appendChild(time);
      var state = element('span', 'block-state');
      state.setAttribute('data-block-state', '');
      head.appendChild(state);
      li.appendChild(head);

      li.appendChild(element('h3', null, t('Agenda_Block', block.number, block.title)));
      if (block.description) {
        li.appendChild(element('p', 'block-description', block.description));
      }
      if (block.speakers.length > 0) {
        var list = element('ul', 'speakers');
        list.setAttribute('aria-label', t('Agenda_Speakers'));
        block.speakers.forEach(function (speaker) {
          var item = element('li');
          item.appendChild(element('strong', null, speaker.name));
          var rest = [speaker.role, speaker.organisation].filter(function (s) { return s; });
          if (rest.length > 0) {
            item.appendChild(document.createTextNode(', ' + rest.join(', ')));
          }
          list.appendChild(item);
        });
        li.appendChild(list);
      }
      at = end;
      return li;
    });
    blocksEl.replaceChildren.apply(blocksEl, items);
  }

  // --- Video: two clicks (Zwei-Klick-Lösung) ------------------------------------------------------
  // Until the viewer clicks "load", nothing on this page comes from YouTube. The choice lasts for
  // this page; only "remember" keeps it in this browser (ozglive.youtubeConsent).

  // The two clicks themselves live in video-consent.js (shared with the replay page).
  var video = videoConsent({
    frameTitle: function (title) { return t('Video_FrameTitle', title); }
  });

  function currentVideoId() {
    if (clock.phase === 'block' && clock.currentBlock) {
      var block = event.blocks[clock.currentBlock - 1];
      if (block && block.videoId) {
        return block.videoId;
      }
    }
    return event.liveVideoId || null;
  }

  // --- Announcements (aria-live, polite) ----------------------------------------------------------

  var announcer = byId('viewer-announcer');
  var announceTimer = 0;

  function announce(text) {
    // Emptied first, so the same words twice are read twice.
    window.clearTimeout(announceTimer);
    announcer.textContent = '';
    announceTimer = window.setTimeout(function () { announcer.textContent = text; }, 100);
  }

  // --- Ask form ---------------------------------------------------------------------------------

  var form = byId('ask-form');
  var fields = byId('ask-fields');
  var textEl = byId('ask-text');
  var nameEl = byId('ask-name');
  var orgEl = byId('ask-organisation');
  var counterEl = byId('ask-counter');
  var counterLive = byId('ask-counter-live');
  var askError = byId('ask-error');
  var askDone = byId('ask-done');
  var askState = byId('ask-state');
  var maxLength = Number(textEl.getAttribute('data-max')) || 500;
  var minLength = Number(textEl.getAttribute('data-min')) || 3;
  var counterTimer = 0;

  /** Characters as the server counts them: code points after collapsing whitespace (QuestionText). */
  function questionLength(text) {
    return Array.from(text.replace(/\s+/g, ' ').trim()).length;
  }

  function renderCounter() {
    var left = maxLength - questionLength(textEl.value);
    var text = left >= 0
      ? (left === 1 ? t('Ask_CounterOneLeft') : t('Ask_CounterLeft', left))
      : (left === -1 ? t('Ask_CounterOneOver') : t('Ask_CounterOver', -left));
    setText(counterEl, text);
    counterEl.setAttribute('data-over', left < 0 ? 'true' : 'false');
    // Read out only near the limit, and only once typing pauses.
    window.clearTimeout(counterTimer);
    if (left <= 50) {
      counterTimer = window.setTimeout(function () { setText(counterLive, text); }, 1000);
    }
  }

  function saveDraft() {
    if (textEl.value || nameEl.value || orgEl.value) {
      storage.set(keys.draft, JSON.stringify({ text: textEl.value, name: nameEl.value, organisation: orgEl.value }));
    } else {
      storage.remove(keys.draft);
    }
  }

  function availability() {
    if (!event || !clock || !settings) {
      return form.getAttribute('data-availability') || 'open';
    }
    if (event.status === 'ended' || event.status === 'published' || clock.phase === 'ended') return 'ended';
    if (event.status !== 'scheduled' && event.status !== 'live') return 'closed';
    if (settings.questionsState === 'paused') return 'paused';
    if (settings.questionsState === 'closed') return 'closed';
    if (clock.phase === 'block' && clock.currentBlock) {
      var block = settings.blocks.filter(function (b) { return b.number === clock.currentBlock; })[0];
      if (block && block.questionsState !== 'open') return 'blockClosed';
    }
    return 'open';
  }

  var availabilityKeys = { paused: 'Ask_Paused', closed: 'Ask_Closed', blockClosed: 'Ask_BlockClosed', ended: 'Ask_Ended' };

  function renderAvailability() {
    var now = availability();
    var key = availabilityKeys[now];
    form.setAttribute('data-availability', now);
    setText(askState, key ? t(key) : '');
    fields.disabled = !!key;
  }

  function clearMessages() {
    setText(askError, '');
    setText(askDone, '');
    [textEl, nameEl, orgEl].forEach(function (el) { el.removeAttribute('aria-invalid'); });
  }

  function refuse(field, message) {
    setText(askError, message);
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  }

  function newClientId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return 'q-' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function savePending() {
    if (pending.length > 0) {
      storage.set(keys.pending, JSON.stringify(pending.map(function (p) {
        return { clientId: p.clientId, text: p.text, displayName: p.displayName, organisation: p.organisation, createdAt: p.createdAt };
      })));
    } else {
      storage.remove(keys.pending);
    }
  }

  function dropPending(clientId) {
    pending = pending.filter(function (p) { return p.clientId !== clientId; });
    savePending();
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearMessages();
    if (fields.disabled) {
      return;
    }
    var length = questionLength(textEl.value);
    var name = nameEl.value.trim();
    var organisation = orgEl.value.trim();
    if (length < minLength) {
      refuse(textEl, t('Ask_TooShort'));
      return;
    }
    if (length > maxLength) {
      refuse(textEl, t('Ask_TooLong', length - maxLength));
      return;
    }
    if (name && (Array.from(name).length < 2 || Array.from(name).length > 40)) {
      refuse(nameEl, t('Ask_NameLength'));
      return;
    }
    if (Array.from(organisation).length > 80) {
      refuse(orgEl, t('Ask_OrganisationLength'));
      return;
    }

    pending.push({
      clientId: newClientId(),
      text: textEl.value.trim(),
      displayName: name || null,
      organisation: organisation || null,
      createdAt: new Date(serverNow()).toISOString()
    });
    savePending();
    // Name and organisation stay for the next question; the question itself is on its way.
    textEl.value = '';
    saveDraft();
    renderCounter();
    if (!joined) {
      setText(askDone, t('Ask_Queued'));
    }
    renderMine();
    flushPending();
  });

  [textEl, nameEl, orgEl].forEach(function (el) {
    el.addEventListener('input', function () {
      el.removeAttribute('aria-invalid');
      saveDraft();
      if (el === textEl) {
        renderCounter();
      }
    });
  });

  (function restoreDraft() {
    var draft = storage.json(keys.draft, null);
    if (draft) {
      textEl.value = draft.text || '';
      nameEl.value = draft.name || '';
      orgEl.value = draft.organisation || '';
    }
    renderCounter();
    renderAvailability();
  })();

  // --- Errors from the hub ----------------------------------------------------------------------

  /** { code, text } when the server refused the call; null when the connection failed instead. */
  function refusal(error) {
    var message = (error && error.message) || '';
    var coded = /HubException: ([a-z-]+): ([\s\S]*)$/.exec(message);
    if (coded) {
      return { code: coded[1], text: coded[2] };
    }
    // An answer from the server without a code: an internal error. Anything else is the connection.
    return /error occurred invoking/.test(message) ? { code: '', text: '' } : null;
  }

  function refusalText(found, context) {
    switch (found.code) {
      case 'questions-paused': return t('Error_QuestionsPaused');
      case 'questions-closed': return t('Error_QuestionsClosed');
      case 'rate-limited': return t(context === 'vote' ? 'Error_VoteRateLimited' : 'Error_RateLimited');
      case 'viewer-required': return t('Error_ViewerRequired');
      case 'event-not-found': return t('Error_EventNotFound');
      case 'question-not-found': return t('Error_QuestionNotFound');
      case 'invalid-transition': return t('Error_InvalidTransition');
      case 'invalid-argument': return t('Error_InvalidArgument', found.text);
      default: return found.text || t('Error_Unknown');
    }
  }

  // --- Sending questions: one at a time, each with its own clientId, again after every join -------

  var flushing = false;

  function flushPending() {
    if (flushing || !joined || pending.length === 0) {
      return;
    }
    flushing = true;
    var item = pending[0];
    item.sending = true;
    renderMine();
    connection.invoke('AskQuestion', eventId, {
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
      mine[own.id] = own;
      setText(askDone, own.status === 'pending' ? t('Ask_Sent') : t('Ask_SentApproved'));
      showPrivateLink(own.followKey);
      renderMine();
      flushPending();
    }, function (error) {
      flushing = false;
      item.sending = false;
      var found = refusal(error);
      if (!found) {
        // The connection went; the question waits and goes again, with the same clientId, after
        // the next join. If the server had stored it already, it answers with the stored one.
        setText(askDone, t('Ask_Queued'));
        renderMine();
        return;
      }
      dropPending(item.clientId);
      // Refused (paused, closed, too many): what was typed goes back into the form, not lost.
      if (!textEl.value.trim()) {
        textEl.value = item.text;
        saveDraft();
        renderCounter();
      }
      setText(askError, refusalText(found, 'ask'));
      renderMine();
      flushPending();
    });
  }

  // --- The asker's private link (/fragen/{key}): shown after asking, only this browser knows it ------

  var linkBox = byId('ask-link');
  var linkUrl = byId('ask-link-url');
  var linkCopied = byId('ask-link-copied');

  function followUrl(key) {
    return window.location.origin + '/fragen/' + encodeURIComponent(key);
  }

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

  // --- Lists: update in place, keep the focused control focused -----------------------------------

  function syncList(listEl, items, keyOf, keyAttribute, create, fill) {
    var active = document.activeElement;
    var hadFocus = active && listEl.contains(active);
    var existing = {};
    Array.prototype.forEach.call(listEl.children, function (li) {
      existing[li.getAttribute(keyAttribute)] = li;
    });
    var created = [];
    items.forEach(function (item, index) {
      var key = keyOf(item);
      var li = existing[key];
      if (li) {
        delete existing[key];
      } else {
        li = create();
        created.push(li);
      }
      fill(li, item);
      li.setAttribute(keyAttribute, key);
      var at = listEl.children[index];
      if (at !== li) {
        listEl.insertBefore(li, at || null);
      }
    });
    Object.keys(existing).forEach(function (key) { existing[key].remove(); });
    // Moving an element blurs it; a keyboard user must not lose their place.
    if (hadFocus && document.activeElement !== active && listEl.contains(active)) {
      active.focus({ preventScroll: true });
    }
    return created;
  }

  function cloneTemplate(id) {
    return byId(id).content.firstElementChild.cloneNode(true);
  }

  function field(li, name) {
    return li.querySelector('[data-field="' + name + '"]');
  }

  // --- My questions -----------------------------------------------------------------------------

  var mineSection = byId('mine');
  var mineList = byId('my-questions');
  var ownStatusKeys = {
    pending: 'Status_Pending', approved: 'Status_Approved', onStage: 'Status_OnStage', answered: 'Status_Answered',
    rejected: 'Status_Rejected', withdrawn: 'Status_Withdrawn', merged: 'Status_Merged'
  };

  function renderMine() {
    var known = {};
    Object.keys(mine).forEach(function (id) { known[mine[id].clientId] = true; });
    // A question the server has already (the answer got lost on the way) is no longer pending.
    var before = pending.length;
    pending = pending.filter(function (p) { return !known[p.clientId]; });
    if (pending.length !== before) {
      savePending();
    }

    var local = pending.slice().reverse().map(function (p) {
      return { key: 'c-' + p.clientId, status: joined || p.sending ? 'sending' : 'queued', text: p.text, createdAt: p.createdAt, id: null };
    });
    var stored = Object.keys(mine).map(function (id) { return mine[id]; })
      .filter(function (q) { return q.status !== 'withdrawn'; })
      .sort(function (a, b) { return Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id; })
      .map(function (q) { return { key: 'q-' + q.id, status: q.status, text: q.text, createdAt: q.createdAt, id: q.id, followKey: q.followKey || null }; });
    var items = local.concat(stored);

    syncList(mineList, items, function (item) { return item.key; }, 'data-key',
      function () { return cloneTemplate('my-question-template'); },
      function (li, item) {
        li.setAttribute('data-status', item.status);
        setText(field(li, 'text'), item.text);
        setText(field(li, 'status'), item.status === 'sending' ? t('Status_Sending')
          : item.status === 'queued' ? t('Status_Queued') : t(ownStatusKeys[item.status]));
        var time = field(li, 'created');
        time.setAttribute('datetime', new Date(item.createdAt).toISOString());
        setText(time, ago(item.createdAt));
        var withdraw = li.querySelector('[data-action="withdraw"]');
        withdraw.parentElement.hidden = item.status !== 'pending';
        if (item.id !== null) {
          withdraw.setAttribute('data-question-id', String(item.id));
        }
        var linkRow = field(li, 'link-row');
        linkRow.hidden = !item.followKey;
        if (item.followKey) {
          field(li, 'link').setAttribute('href', followUrl(item.followKey));
        }
      });
    mineSection.hidden = items.length === 0;
  }

  mineList.addEventListener('click', function (e) {
    var button = e.target.closest('[data-action="withdraw"]');
    if (!button || !joined) {
      return;
    }
    clearMessages();
    connection.invoke('WithdrawQuestion', eventId, Number(button.getAttribute('data-question-id'))).then(function (own) {
      mine[own.id] = own;
      renderMine();
      textEl.focus();
    }, function (error) {
      setText(askError, refusalText(refusal(error) || { code: '', text: t('Error_Offline') }, 'ask'));
    });
  });

  // --- Public questions -------------------------------------------------------------------------

  var listEl = byId('question-list');
  var emptyEl = byId('questions-empty');
  var voteError = byId('vote-error');
  var liveControl = byId('live-control');
  var liveToggle = byId('live-toggle');
  var heldEl = byId('live-held');
  var paused = false;
  var held = 0;
  var heldNew = [];
  var firstRender = true;

  function isPublic(status) {
    return status === 'approved' || status === 'onStage' || status === 'answered';
  }

  /** What the list shows of a question (moderators' messages carry more). */
  function publicPart(q) {
    return {
      id: q.id, blockNumber: q.blockNumber, text: q.text, displayName: q.displayName, organisation: q.organisation,
      status: q.status, votes: q.votes, answerText: q.answerText, createdAt: q.createdAt
    };
  }

  function rank(q) {
    return q.status === 'onStage' ? 0 : q.status === 'answered' ? 2 : 1;
  }

  /** The order of QuestionOrder.Sort on the server: change both together. */
  function sortedQuestions() {
    return Object.keys(questions).map(function (id) { return questions[id]; }).sort(function (a, b) {
      var byRank = rank(a) - rank(b);
      if (byRank !== 0) return byRank;
      var age = Date.parse(a.createdAt) - Date.parse(b.createdAt);
      if (sort === 'neueste') return -age || b.id - a.id;
      return (b.votes - a.votes) || age || a.id - b.id;
    });
  }

  function votesWord(count) {
    return count === 1 ? t('Vote_OneVote') : t('Vote_Votes');
  }

  function author(q) {
    var who = q.displayName ? q.displayName : t('Question_Anonymous');
    return q.organisation ? who + ', ' + q.organisation : who;
  }

  /** Fills a question's <li> as QuestionItem.razor renders it. */
  function fillQuestion(li, q) {
    var id = 'question-' + q.id;
    var onStage = q.status === 'onStage';
    var answered = q.status === 'answered';
    li.className = onStage ? 'question question-on-stage' : 'question';
    li.id = id;
    li.setAttribute('data-status', q.status);
    var flag = field(li, 'flag');
    flag.hidden = !onStage && !answered;
    setText(flag, onStage ? t('Question_OnStage') : answered ? t('Question_Answered') : '');
    var text = field(li, 'text');
    text.id = id + '-text';
    setText(text, q.text);
    setText(field(li, 'author'), author(q));
    var time = field(li, 'created');
    time.setAttribute('datetime', new Date(q.createdAt).toISOString());
    setText(time, ago(q.createdAt));
    field(li, 'answer').hidden = !q.answerText;
    setText(field(li, 'answerText'), q.answerText || '');
    var vote = li.querySelector('[data-action="vote"]');
    vote.hidden = answered;
    vote.setAttribute('aria-describedby', id + '-text');
    vote.setAttribute('aria-pressed', myVotes[q.id] ? 'true' : 'false');
    setText(field(li, 'votes'), String(q.votes));
    setText(field(li, 'votesWord'), ' ' + votesWord(q.votes));
    var total = field(li, 'votesTotal');
    total.hidden = !answered;
    setText(total, q.votes + ' ' + votesWord(q.votes));
  }

  function renderQuestions() {
    var created = syncList(listEl, sortedQuestions(), function (q) { return String(q.id); }, 'data-question-id',
      function () { return cloneTemplate('question-template'); },
      fillQuestion);
    emptyEl.hidden = listEl.children.length > 0;
    if (!firstRender) {
      created.forEach(function (li) {
        li.classList.add('question-new');
        window.setTimeout(function () { li.classList.remove('question-new'); }, 1500);
      });
    }
    firstRender = false;
  }

  function renderHeld() {
    heldEl.hidden = !paused;
    setText(heldEl, held === 0 ? t('Live_HeldNone') : held === 1 ? t('Live_HeldOne') : t('Live_Held', held));
  }

  function announceNew(items) {
    if (items.length === 1) {
      announce(t('Announce_NewQuestion', items[0].text));
    } else if (items.length > 1) {
      announce(t('Announce_NewQuestions', items.length));
    }
  }

  /** The list changed: show it, or, while live updates are held, count what waits. */
  function questionsChanged(newOnes, staged) {
    if (paused) {
      held += 1;
      heldNew = heldNew.concat(newOnes);
      renderHeld();
      return;
    }
    renderQuestions();
    if (staged) {
      announce(t('Announce_OnStage', staged.text));
    } else {
      announceNew(newOnes);
    }
  }

  function takeQuestions(list) {
    var newOnes = [];
    var staged = null;
    list.forEach(function (q) {
      var before = questions[q.id];
      if (!isPublic(q.status)) {
        delete questions[q.id];
        return;
      }
      if (!before) {
        newOnes.push(q);
      }
      if (q.status === 'onStage' && (!before || before.status !== 'onStage')) {
        staged = q;
      }
      questions[q.id] = publicPart(q);
    });
    questionsChanged(newOnes, staged);
  }

  listEl.addEventListener('click', function (e) {
    var button = e.target.closest('[data-action="vote"]');
    if (!button) {
      return;
    }
    setText(voteError, '');
    if (!joined) {
      setText(voteError, t('Error_Offline'));
      return;
    }
    if (button.getAttribute('aria-busy') === 'true') {
      return;
    }
    var li = button.closest('li[data-question-id]');
    var id = Number(li.getAttribute('data-question-id'));
    var up = button.getAttribute('aria-pressed') !== 'true';
    // Not disabled while waiting: a disabled button would lose the keyboard focus.
    button.setAttribute('aria-busy', 'true');
    connection.invoke('Vote', eventId, id, up).then(function (result) {
      button.removeAttribute('aria-busy');
      if (result.voted) {
        myVotes[id] = true;
      } else {
        delete myVotes[id];
      }
      var q = questions && questions[id];
      if (!q) {
        return;
      }
      q.votes = result.votes;
      // One's own vote shows at once; while live updates are held, the list keeps its order.
      if (paused) {
        fillQuestion(li, q);
      } else {
        renderQuestions();
      }
    }, function (error) {
      button.removeAttribute('aria-busy');
      setText(voteError, refusalText(refusal(error) || { code: '', text: t('Error_Offline') }, 'vote'));
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll('#sort-form input[name="sortierung"]'), function (radio) {
    radio.addEventListener('change', function () {
      if (!radio.checked) {
        return;
      }
      sort = radio.value === 'neueste' ? 'neueste' : 'stimmen';
      root.setAttribute('data-sort', sort);
      // A reload keeps the order the viewer chose.
      var url = new URL(window.location.href);
      url.searchParams.set('sortierung', sort);
      window.history.replaceState(null, '', url.toString());
      if (questions) {
        // Sorting shows the list as it is now, including what live updates held back.
        renderQuestions();
        held = 0;
        heldNew = [];
        if (paused) {
          renderHeld();
        }
      } else {
        sortRendered();
      }
    });
  });

  /** Before the first snapshot: reorder what the server rendered by its data attributes. */
  function sortRendered() {
    var items = Array.prototype.map.call(listEl.children, function (li) {
      return {
        li: li,
        id: Number(li.getAttribute('data-question-id')),
        status: li.getAttribute('data-status'),
        votes: Number(field(li, 'votes').textContent),
        createdAt: field(li, 'created').getAttribute('datetime')
      };
    });
    questions = {};
    items.forEach(function (item) { questions[item.id] = item; });
    var order = sortedQuestions();
    questions = null;
    order.forEach(function (item) { listEl.appendChild(item.li); });
  }

  document.getElementById('sort-form').addEventListener('submit', function (e) { e.preventDefault(); });

  liveControl.hidden = false;
  liveToggle.addEventListener('click', function () {
    paused = !paused;
    setText(liveToggle, paused ? t('Live_Resume') : t('Live_Pause'));
    if (!paused) {
      var waiting = heldNew;
      held = 0;
      heldNew = [];
      if (questions) {
        renderQuestions();
      }
      announceNew(waiting.filter(function (q) { return questions && questions[q.id]; }));
    }
    renderHeld();
  });

  // "vor 3 Minuten" moves on by itself (not while the viewer holds the page still).
  window.setInterval(function () {
    if (paused) {
      return;
    }
    Array.prototype.forEach.call(root.querySelectorAll('time[data-field="created"]'), function (time) {
      var at = time.getAttribute('datetime');
      if (at) {
        setText(time, ago(at));
      }
    });
  }, 30000);

  // --- Applying the server's state ----------------------------------------------------------------

  function takeServerTime(clockView) {
    offsetMs = Date.parse(clockView.serverNow) - Date.now();
  }

  function renderLive() {
    renderAvailability();
    video.show(currentVideoId(), event.title);
  }

  function applySnapshot(snapshot) {
    // The first snapshot usually says what the server just rendered; rebuild the agenda only if
    // the event changed since (or since the last snapshot).
    var eventChanged = event === null
      ? snapshot.seq !== renderedSeq
      : JSON.stringify(event) !== JSON.stringify(snapshot.event);
    eventId = snapshot.eventId;
    seq = snapshot.seq;
    event = snapshot.event;
    clock = snapshot.clock;
    settings = snapshot.questions;
    takeServerTime(clock);
    if (eventChanged) {
      renderEvent();
    }
    renderClock();
    renderLive();

    // Moderators and organisers who open the public page get the whole queue: show its public part.
    var list = snapshot.publicQuestions || (snapshot.queue || []).filter(function (q) { return isPublic(q.status); });
    var first = questions === null;
    var before = questions || {};
    questions = {};
    myVotes = {};
    (snapshot.myVotes || []).forEach(function (id) { myVotes[id] = true; });
    mine = {};
    (snapshot.myQuestions || []).forEach(function (q) { mine[q.id] = q; });
    list.forEach(function (q) { questions[q.id] = publicPart(q); });
    if (first) {
      renderQuestions();
    } else if (JSON.stringify(before) !== JSON.stringify(questions)) {
      // After a gap or a reconnect: whatever appeared meanwhile is news like any other.
      questionsChanged(list.filter(function (q) { return !before[q.id]; }), null);
    } else if (!paused) {
      renderQuestions();
    }
    renderMine();
  }

  function applyDelta(kind, message) {
    seq = message.seq;
    switch (kind) {
      case 'ClockChanged':
        clock = message.clock;
        takeServerTime(clock);
        renderClock();
        renderLive();
        break;
      case 'EventUpdated':
        event = message.event;
        clock = message.clock;
        takeServerTime(clock);
        renderEvent();
        renderClock();
        renderLive();
        break;
      case 'QuestionsChanged':
        (message.removed || []).forEach(function (id) { delete questions[id]; });
        takeQuestions(message.questions);
        break;
      case 'QueueChanged':
        takeQuestions(message.questions);
        break;
      case 'QuestionSettingsChanged':
        settings = message.settings;
        renderAvailability();
        break;
    }
    root.setAttribute('data-seq', String(seq));
  }

  // --- Sequence numbers -------------------------------------------------------------------------

  /** The numbered stream's rules (wwwroot/js/live-shared.js). */
  var stream = live.numberedStream({
    eventId: function () { return eventId; },
    seq: function () { return seq; },
    applySnapshot: function (snapshot) { applySnapshot(snapshot); },
    applyDelta: function (kind, message) { applyDelta(kind, message); },
    fetchSnapshot: function () { return connection.invoke('GetSnapshot', eventId); }
  });

  function receive(kind, message) {
    stream.receive(kind, message);
  }

  function resync(fetchSnapshot) {
    return stream.resync(fetchSnapshot);
  }

  // --- Connection -------------------------------------------------------------------------------

  var everConnected = false;

  function showConnection(state) {
    var words = { connecting: 'Connection_Connecting', connected: 'Connection_Connected', reconnecting: 'Connection_Reconnecting', offline: 'Connection_Offline' };
    connectionEl.hidden = false;
    connectionEl.setAttribute('data-state', state);
    setText(connectionEl, t(words[state]));
  }

  function lost(state) {
    joined = false;
    showConnection(state);
    renderMine();
  }

  if (typeof window.signalR === 'undefined') {
    // Without the client nothing is live, but typing and the video still work; say so.
    lost('offline');
    return;
  }

  var connection = live.liveConnection(window.signalR, ['ClockChanged', 'EventUpdated', 'QuestionsChanged', 'QueueChanged', 'QuestionSettingsChanged'], receive);

  // Absolute values, not numbered: the last one received is right.
  connection.on('VotesChanged', function (message) {
    if (!message || message.eventId !== eventId || !questions) {
      return;
    }
    var changed = false;
    Object.keys(message.votes).forEach(function (id) {
      if (questions[id] && questions[id].votes !== message.votes[id]) {
        questions[id].votes = message.votes[id];
        changed = true;
      }
    });
    if (changed) {
      questionsChanged([], null);
    }
  });

  connection.on('MyQuestionsChanged', function (message) {
    if (!message || message.eventId !== eventId) {
      return;
    }
    message.questions.forEach(function (q) {
      var before = mine[q.id];
      mine[q.id] = q;
      if (before && before.status !== q.status) {
        if (q.status === 'approved' && before.status === 'pending') announce(t('Announce_MineApproved'));
        if (q.status === 'rejected') announce(t('Announce_MineRejected'));
        if (q.status === 'answered') announce(t('Announce_MineAnswered'));
      }
    });
    renderMine();
  });

  /** Every (re)connect: prove who this viewer is, then join; the snapshot replaces what we show. */
  function join() {
    return connection.invoke('IdentifyViewer', storage.get(keys.token)).then(function (ticket) {
      storage.set(keys.token, ticket.token);
      return resync(function () { return connection.invoke('JoinEvent', slug); });
    }).then(function () {
      joined = true;
      showConnection('connected');
      if (!everConnected) {
        everConnected = true;
        // From now on a change of the connection is news worth hearing; the first "Verbunden"
        // while the page loads is not.
        connectionEl.setAttribute('aria-live', 'polite');
      }
      renderMine();
      flushPending();
    });
  }

  connection.onreconnecting(function () {
    lost('reconnecting');
  });

  // A reconnect without stateful replay is a new connection: it is in no group, so join again.
  connection.onreconnected(function () {
    join().catch(function () { connection.stop(); });
  });

  // Automatic reconnect gives up after a few tries; the page keeps trying, more slowly.
  var start = live.keepConnected(connection, {
    join: join,
    offline: function () { lost('offline'); }
  });

  // Count down from what the server rendered until the snapshot arrives.
  var renderedState = remainingEl.getAttribute('data-block-state');
  var renderedEndsAt = remainingEl.getAttribute('data-ends-at');
  var renderedNow = remainingEl.getAttribute('data-server-now');
  if (renderedNow) {
    offsetMs = Date.parse(renderedNow) - Date.now();
  }
  if (renderedState === 'running' && renderedEndsAt) {
    clock = { current: { state: 'running', endsAt: renderedEndsAt, remainingSeconds: 0 } };
    renderRemaining();
  }

  showConnection('connecting');
  renderMine();
  start();
})();
