// Keeps the presenter screen (/events/{slug}/stage) current over the live hub, with the official
// SignalR client (/lib/signalr/signalr.min.js). The server renders the whole screen first
// (src/OzgLive.Web/Stage/*.razor); every part this script rebuilds uses the same markup and the
// same rules (StageQuestions, StageClock in Stage/StageState.cs): change both together.
//
// The presenter key stays in the address bar: it is read from there, sent only in JoinAsPresenter,
// and never written into the page, a link or storage.
// An ES module, deferred like every module: it runs once the page is parsed, after the classic
// signalr.min.js has defined window.signalR. The function around the rest only lets it stop early.
import * as live from './live-shared.js';

(function () {
  'use strict';

  var root = document.getElementById('stage');
  var textsEl = document.getElementById('stage-texts');
  if (!root || !textsEl || typeof window.signalR === 'undefined') {
    return;
  }

  var texts = JSON.parse(textsEl.textContent);
  var culture = texts.Culture || 'de-DE';
  var slug = root.getAttribute('data-event-slug');
  var key = new URLSearchParams(window.location.search).get('key');

  var eventId = Number(root.getAttribute('data-event-id'));
  var seq = -1;
  var staff = false;
  var event = null;
  var clock = null;
  var questions = new Map();
  var backstage = [];
  // serverNow - browser now, in ms: the countdown runs on the server's time line.
  var offsetMs = 0;
  var tickTimer = 0;
  var shownLabel = null;
  var stopped = false;
  var everConnected = false;

  var PUBLIC = { approved: true, onStage: true, answered: true };

  var berlinTime = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });
  var berlinDate = new Intl.DateTimeFormat(culture, {
    timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric'
  });

  // --- Texts ----------------------------------------------------------------------------------

  /** A text from StageTexts.resx with {0}, {1} … filled in. */
  function t(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    var text = texts[name] || name;
    return text.replace(/\{(\d+)\}/g, function (_, i) { return String(args[Number(i)]); });
  }

  function formatSeconds(total) {
    return live.formatSeconds(total);
  }

  function iso(value) {
    return new Date(value).toISOString();
  }

  function asker(question) {
    var name = question.displayName && question.displayName.trim() ? question.displayName : null;
    var organisation = question.organisation && question.organisation.trim() ? question.organisation : null;
    return name && organisation ? t('Asker_NameAndOrganisation', name, organisation) : (name || organisation);
  }

  // --- Markup helpers ---------------------------------------------------------------------------

  function element(tag, attributes, children) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      el.setAttribute(name, value === true ? '' : String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return el;
  }

  function normalise(html) {
    return html.replace(/>\s+</g, '><').trim();
  }

  /** Swaps in a rebuilt part only if it differs: live regions then speak only of real changes. */
  function replace(id, fresh) {
    var current = document.getElementById(id);
    if (current && normalise(current.outerHTML) !== normalise(fresh.outerHTML)) {
      current.replaceWith(fresh);
    }
  }

  function setText(el, text) {
    if (el && el.textContent !== text) {
      el.textContent = text;
    }
  }

  function setAttribute(el, name, value) {
    if (value === null || value === undefined) {
      el.removeAttribute(name);
    } else if (el.getAttribute(name) !== String(value)) {
      el.setAttribute(name, String(value));
    }
  }

  // --- Block (StageBlock.razor) -----------------------------------------------------------------

  function blockState(number) {
    var found = clock.blocks.filter(function (b) { return b.number === number; })[0];
    return found ? found.state : 'upcoming';
  }

  function nextBlock() {
    return event.blocks.filter(function (b) { return blockState(b.number) === 'upcoming'; })[0] || null;
  }

  function renderBlock() {
    var current = clock.current
      ? event.blocks.filter(function (b) { return b.number === clock.current.number; })[0] || null
      : null;
    var waitingPhase = clock.phase === 'notStarted' || clock.phase === 'intro' || clock.phase === 'between';
    var upcoming = !current && waitingPhase ? nextBlock() : null;
    var shown = current || upcoming;
    var kicker = current ? t('Block_Of', current.number, event.blocks.length)
      : upcoming ? t('Block_Next', upcoming.number, event.blocks.length)
      : '';

    var children = [
      element('p', { 'class': 'stage-kicker', hidden: kicker.length === 0 }, [kicker]),
      element('h1', null, [shown ? shown.title : event.title])
    ];
    if (shown && shown.speakers.length > 0) {
      children.push(element('ul', { 'class': 'stage-speakers', 'aria-label': t('Block_Speakers') },
        shown.speakers.map(function (speaker) {
          return element('li', null, [
            element('strong', null, [speaker.name]),
            speaker.organisation ? ', ' + speaker.organisation : ''
          ]);
        })));
    }
    replace('stage-block', element('div', {
      'class': 'stage-block', id: 'stage-block',
      'data-block': shown ? shown.number : null,
      'data-upcoming': upcoming ? 'true' : null
    }, children));
  }

  // --- Countdown (StageCountdown.razor) ---------------------------------------------------------

  /** Milliseconds left in the current block on the server's time line; null without one. */
  function remainingMs() {
    return live.remainingMs(clock, Date.now() + offsetMs);
  }

  function levelOf(ms) {
    return live.warningFor(ms);
  }

  function levelText(level) {
    switch (level) {
      case 'fiveMinutes': return t('Clock_FiveMinutes');
      case 'oneMinute': return t('Clock_OneMinute');
      case 'overtime': return t('Clock_Overtime');
      default: return t('Clock_Running');
    }
  }

  function phaseText() {
    switch (clock.phase) {
      case 'intro': return t('Clock_Intro');
      case 'between': return t('Clock_Between');
      case 'ended': return t('Clock_Ended');
      default:
        return event && (event.status === 'ended' || event.status === 'published') ? t('Clock_Ended') : t('Clock_NotStarted');
    }
  }

  function noteText() {
    var current = clock.current;
    if (current) {
      return current.extendedMinutes > 0
        ? t('Clock_PlannedExtended', current.plannedMinutes, current.extendedMinutes)
        : t('Clock_Planned', current.plannedMinutes);
    }
    if (clock.phase === 'notStarted' && event && (event.status === 'scheduled' || event.status === 'draft')) {
      var start = new Date(event.scheduledStart);
      return t('Clock_StartsAt', berlinDate.format(start), berlinTime.format(start));
    }
    return '';
  }

  /** Writes the countdown's frame after a change of state; tick() keeps the numbers going. */
  function renderClock() {
    var section = document.getElementById('stage-clock');
    var time = document.getElementById('stage-clock-time');
    var note = document.getElementById('stage-clock-note');
    var current = clock.current;
    setAttribute(section, 'data-phase', clock.phase);
    setAttribute(section, 'data-state', current ? current.state : null);
    setAttribute(time, 'data-ends-at', current && current.state === 'running' && current.endsAt ? iso(current.endsAt) : null);
    setAttribute(time, 'data-server-now', iso(clock.serverNow));
    var text = noteText();
    setText(note, text);
    note.hidden = text === '';
    tick();
  }

  function tick() {
    window.clearTimeout(tickTimer);
    if (stopped) {
      return;
    }
    var section = document.getElementById('stage-clock');
    var label = document.getElementById('stage-clock-label');
    var time = document.getElementById('stage-clock-time');
    var current = clock.current;
    var ms = remainingMs();
    var level = levelOf(ms);

    var labelText = !current ? phaseText() : current.state === 'paused' ? t('Clock_Paused') : levelText(level);
    setText(label, labelText);
    setAttribute(section, 'data-warning', level);
    var timeText = ms === null ? ''
      : ms <= 0 ? '+' + formatSeconds(Math.floor(-ms / 1000))
      : formatSeconds(Math.floor(ms / 1000));
    setText(time, timeText);
    time.hidden = ms === null;

    // Crossing a mark ("Letzte Minute") or pausing is said once; the ticking numbers are not.
    if (shownLabel !== null && shownLabel !== labelText && current) {
      setText(document.getElementById('stage-announce'), labelText);
    }
    shownLabel = labelText;

    if (ms !== null && current.state === 'running') {
      // Wake just after the shown second changes, so the display never lags a whole second.
      var intoSecond = ((ms % 1000) + 1000) % 1000;
      var delay = ms > 0 ? intoSecond + 20 : 1000 - intoSecond + 20;
      tickTimer = window.setTimeout(tick, delay);
    }
  }

  // --- Questions (StageOnStage.razor, StageNextQuestions.razor) --------------------------------

  function publicQuestions() {
    return Array.from(questions.values()).filter(function (q) { return PUBLIC[q.status]; });
  }

  function onStage() {
    return publicQuestions()
      .filter(function (q) { return q.status === 'onStage'; })
      .sort(function (a, b) {
        return (Date.parse(b.stagedAt || 0) - Date.parse(a.stagedAt || 0)) || (b.id - a.id);
      })[0] || null;
  }

  /** Pinned first in the order they were pinned, then most votes, then oldest (StageQuestions.Waiting). */
  function waiting() {
    var max = Number.MAX_SAFE_INTEGER;
    // After the end nothing comes next: a clean end state (StageScreen.razor agrees).
    if (clock && clock.phase === 'ended') return [];
    return publicQuestions()
      .filter(function (q) { return q.status === 'approved'; })
      .sort(function (a, b) {
        return (Number(b.pinned) - Number(a.pinned))
          || ((a.pinned ? (a.moderatorOrder === null ? max : a.moderatorOrder) : 0) - (b.pinned ? (b.moderatorOrder === null ? max : b.moderatorOrder) : 0))
          || (b.votes - a.votes)
          || (Date.parse(a.createdAt) - Date.parse(b.createdAt))
          || (a.id - b.id);
      });
  }

  function renderOnStage() {
    var question = onStage();
    var children = [element('h2', { id: 'stage-onstage-heading' }, [t('OnStage_Heading')])];
    if (!question) {
      children.push(element('p', { 'class': 'stage-empty' }, [t('OnStage_None')]));
    } else {
      children.push(element('blockquote', { 'class': 'stage-question' }, [element('p', null, [question.text])]));
      var who = asker(question);
      if (who) {
        children.push(element('p', { 'class': 'stage-asker' }, [who]));
      }
    }
    replace('stage-onstage', element('section', {
      'class': 'stage-onstage', id: 'stage-onstage', 'aria-labelledby': 'stage-onstage-heading',
      'data-question-id': question ? question.id : null
    }, children));
  }

  function renderNext() {
    var all = waiting();
    var shown = all.slice(0, 3);
    var more = all.length - shown.length;
    var currentBlock = clock ? clock.currentBlock : null;
    var children = [element('h2', { id: 'stage-next-heading' }, [t('Next_Heading')])];
    if (shown.length === 0) {
      children.push(element('p', { 'class': 'stage-empty' }, [t('Next_None')]));
    } else {
      children.push(element('ol', { 'class': 'stage-next-list' }, shown.map(function (q) {
        var who = asker(q);
        return element('li', { 'data-question-id': q.id, 'data-pinned': q.pinned ? 'true' : null }, [
          element('p', { 'class': 'stage-next-text' }, [q.text]),
          element('p', { 'class': 'stage-next-meta' }, [
            q.pinned ? element('span', { 'class': 'stage-pin' }, [t('Next_Pinned')]) : null,
            who ? element('span', { 'class': 'stage-next-asker' }, [who]) : null,
            element('span', { 'class': 'stage-votes' }, [q.votes === 1 ? t('Votes_One') : t('Votes_Many', q.votes)]),
            q.blockNumber !== null && q.blockNumber !== currentBlock
              ? element('span', { 'class': 'stage-next-block' }, [t('Next_ForBlock', q.blockNumber)])
              : null
          ])
        ]);
      })));
      if (more > 0) {
        children.push(element('p', { 'class': 'stage-more' }, [more === 1 ? t('Next_MoreOne') : t('Next_More', more)]));
      }
    }
    replace('stage-next', element('section', {
      'class': 'stage-next', id: 'stage-next', 'aria-labelledby': 'stage-next-heading'
    }, children));
  }

  // --- Backstage (StageBackstage.razor) ---------------------------------------------------------

  function renderBackstage() {
    replace('stage-backstage', element('section', {
      'class': 'stage-backstage', id: 'stage-backstage', 'aria-labelledby': 'stage-backstage-heading',
      hidden: backstage.length === 0
    }, [
      element('h2', { id: 'stage-backstage-heading' }, [t('Backstage_Heading')]),
      element('ul', { 'class': 'stage-backstage-list' }, backstage.map(function (message) {
        return element('li', { 'data-message-id': message.id }, [
          element('p', { 'class': 'stage-backstage-text' }, [message.text]),
          element('p', { 'class': 'stage-backstage-time' }, [
            element('time', { datetime: iso(message.createdAt) }, [t('Backstage_Time', berlinTime.format(new Date(message.createdAt)))])
          ])
        ]);
      }))
    ]));
  }

  // --- State ------------------------------------------------------------------------------------

  function renderAll() {
    setText(document.getElementById('stage-event-title'), event.title);
    document.title = t('PageTitle', event.title);
    root.setAttribute('data-seq', String(seq));
    renderBlock();
    renderClock();
    renderBackstage();
    renderOnStage();
    renderNext();
  }

  function takeServerTime(serverNow) {
    offsetMs = Date.parse(serverNow) - Date.now();
  }

  /** Staff get the moderators' queue; the screen keeps only what the public may see. */
  function takeQueued(list) {
    list.forEach(function (q) {
      if (PUBLIC[q.status]) {
        questions.set(q.id, q);
      } else {
        questions.delete(q.id);
      }
    });
  }

  function applySnapshot(snapshot) {
    eventId = snapshot.eventId;
    seq = snapshot.seq;
    staff = snapshot.role === 'moderator' || snapshot.role === 'organiser';
    root.setAttribute('data-role', snapshot.role);
    event = snapshot.event;
    clock = snapshot.clock;
    takeServerTime(clock.serverNow);
    questions = new Map();
    takeQueued(staff ? (snapshot.queue || []) : (snapshot.publicQuestions || []));
    backstage = snapshot.backstage || [];
    renderAll();
  }

  function applyDelta(kind, message) {
    seq = message.seq;
    root.setAttribute('data-seq', String(seq));
    switch (kind) {
      case 'ClockChanged':
        clock = message.clock;
        takeServerTime(clock.serverNow);
        renderBlock();
        renderClock();
        renderNext();
        break;
      case 'EventUpdated':
        event = message.event;
        clock = message.clock;
        takeServerTime(clock.serverNow);
        renderAll();
        break;
      case 'QuestionsChanged':
        message.questions.forEach(function (q) { questions.set(q.id, q); });
        message.removed.forEach(function (id) { questions.delete(id); });
        renderOnStage();
        renderNext();
        break;
      case 'QueueChanged':
        takeQueued(message.questions);
        renderOnStage();
        renderNext();
        break;
      default:
        // QuestionSettingsChanged: nothing on this screen, but it counts in the sequence.
        break;
    }
  }

  /** The numbered stream's rules (wwwroot/js/live-shared.js). */
  var stream = live.numberedStream({
    eventId: function () { return eventId; },
    seq: function () { return seq; },
    applySnapshot: function (snapshot) { applySnapshot(snapshot); },
    applyDelta: function (kind, message) { applyDelta(kind, message); },
    fetchSnapshot: function () { return connection.invoke('GetSnapshot', eventId); },
    stopped: function () { return stopped; }
  });

  function receive(kind, message) {
    stream.receive(kind, message);
  }

  function resync(fetchSnapshot) {
    return stream.resync(fetchSnapshot);
  }

  // --- Access revoked -------------------------------------------------------------------------

  /** The key was renewed or revoked: say so, show nothing of the event any more, and stop. */
  function revoke() {
    if (stopped) return;
    stopped = true;
    window.clearTimeout(tickTimer);
    questions = new Map();
    backstage = [];
    root.className = 'stage stage-revoked';
    root.removeAttribute('data-event-slug');
    root.removeAttribute('data-event-id');
    root.removeAttribute('data-seq');
    root.replaceChildren(element('main', { id: 'main', 'class': 'stage-main' }, [
      element('h1', null, [t('Revoked_Heading')]),
      element('p', { 'class': 'stage-message', role: 'alert' }, [t('Revoked_Text')])
    ]));
    document.title = t('DeniedPageTitle');
    connection.stop().catch(function () { });
  }

  function isInvalidKey(error) {
    return /invalid-presenter-key/.test(String(error && error.message));
  }

  // --- Connection -------------------------------------------------------------------------------

  var connectionEl = document.getElementById('stage-connection');

  function showConnection(state, text) {
    if (stopped) return;
    connectionEl.hidden = false;
    connectionEl.setAttribute('data-state', state);
    setText(connectionEl, text);
  }

  var connection = live.liveConnection(window.signalR, ['ClockChanged', 'EventUpdated', 'QuestionsChanged', 'QueueChanged', 'QuestionSettingsChanged'], receive);

  connection.on('VotesChanged', function (message) {
    if (stopped || !message || message.eventId !== eventId) return;
    Object.keys(message.votes).forEach(function (id) {
      var question = questions.get(Number(id));
      if (question) question.votes = message.votes[id];
    });
    renderNext();
  });

  connection.on('BackstageChanged', function (message) {
    if (stopped || !message || message.eventId !== eventId) return;
    backstage = message.messages;
    renderBackstage();
  });

  // Warnings carry the server's time: a good moment to line the countdown up with it again.
  connection.on('ClockWarning', function (message) {
    if (stopped || !message || message.eventId !== eventId || !clock) return;
    takeServerTime(message.serverNow);
    tick();
  });

  connection.on('AccessRevoked', function (message) {
    if (!message || message.eventId === eventId) revoke();
  });

  function join() {
    return resync(function () {
      return key ? connection.invoke('JoinAsPresenter', slug, key) : connection.invoke('JoinEvent', slug);
    }).then(function () {
      showConnection('connected', t('Connection_Connected'));
      if (!everConnected) {
        everConnected = true;
        connectionEl.setAttribute('aria-live', 'polite');
      }
      keepAwake();
    });
  }

  connection.onreconnecting(function () {
    showConnection('reconnecting', t('Connection_Reconnecting'));
  });

  // A reconnect without stateful replay is a new connection in no group: join again.
  connection.onreconnected(function () {
    join().catch(function (error) {
      if (isInvalidKey(error)) revoke(); else connection.stop();
    });
  });

  var start = live.keepConnected(connection, {
    join: join,
    offline: function () { showConnection('offline', t('Connection_Offline')); },
    stopped: function () { return stopped; },
    joinRefused: function (error) {
      if (!isInvalidKey(error)) return false;
      revoke();
      return true;
    }
  });

  // --- Screen stays on --------------------------------------------------------------------------

  var wakeLock = null;

  function keepAwake() {
    if (stopped || wakeLock || !navigator.wakeLock || document.visibilityState !== 'visible') return;
    navigator.wakeLock.request('screen').then(function (lock) {
      wakeLock = lock;
      lock.addEventListener('release', function () { wakeLock = null; });
    }).catch(function () { });
  }

  document.addEventListener('visibilitychange', keepAwake);

  // --- Until the snapshot arrives: count on from what the server rendered ----------------------

  var renderedTime = document.getElementById('stage-clock-time');
  var renderedEndsAt = renderedTime.getAttribute('data-ends-at');
  var renderedNow = renderedTime.getAttribute('data-server-now');
  if (renderedEndsAt && renderedNow) {
    offsetMs = Date.parse(renderedNow) - Date.now();
    clock = { phase: 'block', current: { state: 'running', endsAt: renderedEndsAt, remainingSeconds: 0 } };
    shownLabel = document.getElementById('stage-clock-label').textContent;
    tick();
  }

  showConnection('connecting', t('Connection_Connecting'));
  start();
})();
