// Keeps the public event page (/events/{slug}) current: the clock state, the countdown and the
// agenda, over the live hub with the official SignalR client (/lib/signalr/signalr.min.js).
// The page is complete without this script; it only keeps the server-rendered text up to date.
// Wording matches src/OzgLive.Web/Components/ClockText.cs: change both together.
(function () {
  'use strict';

  var root = document.querySelector('[data-event-slug]');
  if (!root || typeof window.signalR === 'undefined') {
    return;
  }

  var signalR = window.signalR;
  var slug = root.getAttribute('data-event-slug');
  var statusEl = document.getElementById('clock-status');
  var remainingEl = document.getElementById('clock-remaining');
  var connectionEl = document.getElementById('connection-state');
  var clockEl = document.getElementById('clock');
  var blocksEl = document.getElementById('blocks');

  // What the page shows: the last snapshot with every delta applied in order.
  var eventId = Number(root.getAttribute('data-event-id'));
  var renderedSeq = Number(root.getAttribute('data-seq'));
  var seq = -1;
  var event = null;
  var clock = null;
  // serverNow - browser now, in ms. The browser's clock may be off by minutes (or, in tests, the
  // server's may be a fake): the countdown is always computed on the server's time line.
  var offsetMs = 0;
  var syncing = false;
  var buffered = [];
  var tickTimer = 0;
  var everConnected = false;

  var berlinDateTime = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });
  var berlinTime = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });

  // --- Text, as ClockText.cs writes it -------------------------------------------------------

  /** "Donnerstag, 31. März 2022, 10:00 Uhr" (BerlinTime.LongDateTime). */
  function longDateTime(iso) {
    var parts = {};
    berlinDateTime.formatToParts(new Date(iso)).forEach(function (p) { parts[p.type] = p.value; });
    return parts.weekday + ', ' + parts.day + '. ' + parts.month + ' ' + parts.year + ', ' +
      parts.hour + ':' + parts.minute + ' Uhr';
  }

  function shortTime(date) {
    return berlinTime.format(date);
  }

  function statusText() {
    switch (clock.phase) {
      case 'notStarted':
        return event.status === 'ended' || event.status === 'published'
          ? 'Die Veranstaltung ist beendet.'
          : 'Noch nicht begonnen. Beginn: ' + longDateTime(event.scheduledStart) + '.';
      case 'intro':
        return 'Live: Begrüßung.';
      case 'block':
        return clock.current && clock.current.state === 'paused'
          ? 'Live: Block ' + clock.currentBlock + ' ist pausiert.'
          : 'Live: Block ' + clock.currentBlock + ' läuft.';
      case 'between':
        return 'Live: Übergang zum nächsten Block.';
      case 'ended':
        return 'Die Veranstaltung ist beendet.';
      default:
        return '';
    }
  }

  function blockStateText(state) {
    switch (state) {
      case 'running': return 'läuft';
      case 'paused': return 'pausiert';
      case 'done': return 'beendet';
      default: return '';
    }
  }

  /** "12:05", "1:02:05" beyond an hour (ClockText.Format). */
  function formatSeconds(total) {
    var h = Math.floor(total / 3600);
    var m = Math.floor(total / 60) % 60;
    var s = total % 60;
    var ss = (s < 10 ? '0' : '') + s;
    if (h > 0) {
      return h + ':' + (m < 10 ? '0' : '') + m + ':' + ss;
    }
    return Math.floor(total / 60) + ':' + ss;
  }

  // --- Countdown ------------------------------------------------------------------------------

  /** Milliseconds left in the current block on the server's time line; null without one. */
  function remainingMs() {
    var current = clock && clock.current;
    if (!current) {
      return null;
    }
    if (current.state === 'running' && current.endsAt) {
      return Date.parse(current.endsAt) - (Date.now() + offsetMs);
    }
    // Paused (or ended): the server froze it; nothing to count.
    return current.remainingSeconds * 1000;
  }

  function warningFor(ms) {
    if (ms === null) return 'none';
    if (ms <= 0) return 'overtime';
    if (ms <= 60000) return 'oneMinute';
    if (ms <= 300000) return 'fiveMinutes';
    return 'none';
  }

  function renderRemaining() {
    window.clearTimeout(tickTimer);
    var ms = remainingMs();
    var text = ms === null ? ''
      : ms < 0 ? 'Überzogen um ' + formatSeconds(Math.floor(-ms / 1000))
      : 'Noch ' + formatSeconds(Math.floor(ms / 1000));
    if (remainingEl.textContent !== text) {
      remainingEl.textContent = text;
    }
    remainingEl.hidden = text === '';
    clockEl.setAttribute('data-warning', warningFor(ms));

    if (ms !== null && clock.current.state === 'running') {
      // Wake just after the shown second changes, so the display never lags a whole second.
      var intoSecond = ((ms % 1000) + 1000) % 1000;
      var delay = ms >= 0 ? intoSecond + 20 : 1000 - intoSecond + 20;
      tickTimer = window.setTimeout(renderRemaining, delay);
    }
  }

  // --- Rendering ------------------------------------------------------------------------------

  function setText(el, text) {
    if (el && el.textContent !== text) {
      el.textContent = text;
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

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function timeElement(date) {
    var el = element('time', null, shortTime(date));
    el.setAttribute('datetime', date.toISOString());
    return el;
  }

  /** Rebuilds the agenda after an organiser changed it (EventUpdated), as EventPage.razor renders it. */
  function renderEvent() {
    setText(root.querySelector('[data-field="title"]'), event.title);
    document.title = event.title + ' – OzgLive';
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
      time.appendChild(document.createTextNode(' Uhr'));
      head.appendChild(time);
      var state = element('span', 'block-state');
      state.setAttribute('data-block-state', '');
      head.appendChild(state);
      li.appendChild(head);

      li.appendChild(element('h3', null, 'Block ' + block.number + ': ' + block.title));
      if (block.description) {
        li.appendChild(element('p', 'block-description', block.description));
      }
      if (block.speakers.length > 0) {
        var list = element('ul', 'speakers');
        list.setAttribute('aria-label', 'Referierende');
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

  // --- Sequence numbers -------------------------------------------------------------------------

  function takeServerTime(clockView) {
    offsetMs = Date.parse(clockView.serverNow) - Date.now();
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
    takeServerTime(clock);
    if (eventChanged) {
      renderEvent();
    }
    renderClock();
  }

  function applyDelta(delta) {
    seq = delta.message.seq;
    clock = delta.message.clock;
    takeServerTime(clock);
    if (delta.kind === 'EventUpdated') {
      event = delta.message.event;
      renderEvent();
    }
    renderClock();
  }

  /** Every delta carries seq = previous + 1: older ones are already in what we show, a jump means
   *  we missed one and only a fresh snapshot can tell what it was. */
  function receive(kind, message) {
    if (!message || message.eventId !== eventId) {
      return;
    }
    if (syncing) {
      buffered.push({ kind: kind, message: message });
      return;
    }
    if (message.seq <= seq) {
      return;
    }
    if (message.seq !== seq + 1) {
      // If this fails the connection is going down; joining again after reconnecting resyncs.
      resync(function () { return connection.invoke('GetSnapshot', eventId); }).catch(function () { });
      return;
    }
    applyDelta({ kind: kind, message: message });
  }

  /** Fetches a snapshot; deltas that arrive meanwhile wait and are applied on top of it. Fetches
   *  run one after another, so a join after reconnecting is never lost behind a gap's resync. */
  var syncChain = Promise.resolve();

  function resync(fetchSnapshot) {
    function run() {
      syncing = true;
      return fetchSnapshot().then(applySnapshot).finally(function () {
        syncing = false;
        var waiting = buffered.sort(function (a, b) { return a.message.seq - b.message.seq; });
        buffered = [];
        waiting.forEach(function (d) { receive(d.kind, d.message); });
      });
    }
    var result = syncChain.then(run, run);
    syncChain = result.catch(function () { });
    return result;
  }

  // --- Connection -------------------------------------------------------------------------------

  function showConnection(state, text) {
    connectionEl.hidden = false;
    connectionEl.setAttribute('data-state', state);
    setText(connectionEl, text);
  }

  var connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/live')
    .withAutomaticReconnect()
    .withStatefulReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();

  connection.on('ClockChanged', function (message) { receive('ClockChanged', message); });
  connection.on('EventUpdated', function (message) { receive('EventUpdated', message); });

  function join() {
    return resync(function () { return connection.invoke('JoinEvent', slug); }).then(function () {
      showConnection('connected', 'Verbunden');
      if (!everConnected) {
        everConnected = true;
        // From now on a change of the connection is news worth hearing; the first "Verbunden"
        // while the page loads is not.
        connectionEl.setAttribute('aria-live', 'polite');
      }
    });
  }

  connection.onreconnecting(function () {
    showConnection('reconnecting', 'Verbindung wird wiederhergestellt …');
  });

  // A reconnect without stateful replay is a new connection: it is in no group, so join again.
  connection.onreconnected(function () {
    join().catch(function () { connection.stop(); });
  });

  var retryDelays = [2000, 5000, 10000, 30000];
  var retries = 0;
  var retryTimer = 0;

  function start() {
    window.clearTimeout(retryTimer);
    retryTimer = 0;
    if (connection.state !== signalR.HubConnectionState.Disconnected) {
      return;
    }
    connection.start().then(function () {
      return join().then(function () {
        retries = 0;
      }, function (error) {
        // Connected but not joined is of no use: close, and onclose tries again later.
        connection.stop();
        throw error;
      });
    }).catch(function () {
      showConnection('offline', 'Offline');
      scheduleStart();
    });
  }

  function scheduleStart() {
    if (retryTimer) {
      return;
    }
    var base = retryDelays[Math.min(retries, retryDelays.length - 1)];
    retries += 1;
    // Spread the retries of many viewers after a server restart.
    retryTimer = window.setTimeout(start, base + Math.floor(Math.random() * 1000));
  }

  // Automatic reconnect gives up after a few tries; the page keeps trying, more slowly.
  connection.onclose(function () {
    showConnection('offline', 'Offline');
    scheduleStart();
  });

  window.addEventListener('online', start);

  // Count down from what the server rendered until the snapshot arrives.
  var renderedState = remainingEl.getAttribute('data-block-state');
  var renderedEndsAt = remainingEl.getAttribute('data-ends-at');
  var renderedNow = remainingEl.getAttribute('data-server-now');
  if (renderedState === 'running' && renderedEndsAt && renderedNow) {
    offsetMs = Date.parse(renderedNow) - Date.now();
    clock = { current: { state: 'running', endsAt: renderedEndsAt, remainingSeconds: 0 } };
    renderRemaining();
  }

  showConnection('connecting', 'Verbindung wird hergestellt …');
  start();
})();
