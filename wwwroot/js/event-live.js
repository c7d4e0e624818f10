// The live viewer page (/events/{slug}) and its embed (/embed/{slug}): keeps the clock, the agenda,
// the video and the Q&A current over the live hub (docs/hub-protocol.md) with the official SignalR
// client (/lib/signalr/signalr.min.js, served by this site). The server renders the whole page
// first (src/OzgLive.Web/Viewer/); the scripts only change what it rendered, with the same words
// (the resource strings arrive in <script id="viewer-texts">) and the same markup (they clone the
// server's <template>s). This module holds the state and the connection; the parts of the page are
// viewer-agenda.js, viewer-ask.js, viewer-mine.js and viewer-questions.js; their rules viewer-words.js.
//
// What the browser keeps (localStorage, this site only):
//   ozglive.viewerToken         proof of this anonymous viewer (IdentifyViewer), so questions and
//                               votes stay theirs across reloads and reconnects
//   ozglive.draft.{slug}        what is typed in the ask form until it is sent; the name only while
//                               "Anonym fragen" is off, and after sending only if "merken" is ticked
//   ozglive.pending.{slug}      questions sent while offline, each with its clientId; sent again
//                               with the SAME clientId, which the server answers idempotently
//   ozglive.youtubeConsent      only if the viewer ticked "remember my choice"
// An ES module, deferred like every module: it runs once the page is parsed, after the classic
// signalr.min.js has defined window.signalR.
import * as live from './live-shared.js';
import { videoConsent } from './video-consent.js';
import { translator, timeWords, isPublic, publicPart } from './viewer-words.js';
import { setText, pageStorage, announcer } from './viewer-dom.js';
import { agendaView } from './viewer-agenda.js';
import { askView } from './viewer-ask.js';
import { mineView } from './viewer-mine.js';
import { questionsView } from './viewer-questions.js';
import { pollView } from './viewer-polls.js';

var root = document.querySelector('[data-viewer]');
var textsEl = document.getElementById('viewer-texts');
if (root && textsEl) {
  start(root, JSON.parse(textsEl.textContent));
}

function start(root, texts) {
  var slug = root.getAttribute('data-event-slug');
  var t = translator(texts);
  // serverNow - browser now, in ms. The browser's clock may be off by minutes (or, in tests, the
  // server's may be a fake): times are always computed on the server's time line.
  var offsetMs = 0;
  var connection = null;
  var renderedSeq = Number(root.getAttribute('data-seq'));

  // The last snapshot with every delta applied in order.
  var state = {
    eventId: Number(root.getAttribute('data-event-id')),
    seq: -1,
    event: null,
    clock: null,
    settings: null,
    questions: null,   // id -> public question; null until the first snapshot
    mine: {},          // id -> own question
    myVotes: {},       // id -> true
    joined: false,
    sort: root.getAttribute('data-sort') === 'neueste' ? 'neueste' : 'stimmen'
  };

  function serverNow() {
    return Date.now() + offsetMs;
  }

  var page = {
    root: root,
    t: t,
    state: state,
    serverNow: serverNow,
    words: timeWords(texts.lang || document.documentElement.lang || 'de-DE', t, texts.Js_LongDateTime, serverNow),
    storage: pageStorage(function () { return window.localStorage; }),
    keys: { token: 'ozglive.viewerToken', draft: 'ozglive.draft.' + slug, pending: 'ozglive.pending.' + slug },
    announce: announcer(document.getElementById('viewer-announcer')),
    connection: function () { return connection; },
    mineChanged: function () { mine.render(); },
    vote: function (id, up, button) { return questions.vote(id, up, button); },
    questionsShown: function () { ask.renderSimilar(); }
  };
  var agenda = agendaView(page);
  var ask = askView(page);
  page.ask = ask;
  var mine = mineView(page);
  var questions = questionsView(page);
  var polls = pollView(page);
  var connectionEl = document.getElementById('connection-state');
  // The two clicks before anything comes from YouTube live in video-consent.js (shared with the replay page).
  var video = videoConsent({ frameTitle: function (title) { return t('Video_FrameTitle', title); } });

  keepAskInReach();

  function currentVideoId() {
    if (state.clock.phase === 'block' && state.clock.currentBlock) {
      var block = state.event.blocks[state.clock.currentBlock - 1];
      if (block && block.videoId) {
        return block.videoId;
      }
    }
    return state.event.liveVideoId || null;
  }

  function takeServerTime(clock) {
    offsetMs = Date.parse(clock.serverNow) - Date.now();
  }

  /** Clock, availability and video follow every change of the event or its clock. */
  function renderLive() {
    agenda.renderClock();
    ask.renderAvailability();
    video.show(currentVideoId(), state.event.title);
  }

  /** A snapshot with the pages the viewer had loaded beyond its first page, fetched again (viewer-pages.js). */
  function withPages(fetching) {
    return fetching.then(function (snapshot) {
      return questions.pagesFor(snapshot).then(function (pages) { return { snapshot: snapshot, pages: pages }; });
    });
  }

  function applySnapshot(fetched) {
    var snapshot = fetched.snapshot;
    // The first snapshot usually says what the server just rendered; rebuild the agenda only if
    // the event changed since (or since the last snapshot).
    var eventChanged = state.event === null
      ? snapshot.seq !== renderedSeq
      : JSON.stringify(state.event) !== JSON.stringify(snapshot.event);
    state.eventId = snapshot.eventId;
    state.seq = snapshot.seq;
    state.event = snapshot.event;
    state.clock = snapshot.clock;
    state.settings = snapshot.questions;
    takeServerTime(state.clock);
    if (eventChanged) {
      agenda.renderEvent();
    }
    renderLive();

    // Moderators and organisers who open the public page get the whole queue: show its public part.
    var list = snapshot.publicQuestions || (snapshot.queue || []).filter(function (q) { return isPublic(q.status); });
    var first = state.questions === null;
    var before = state.questions || {};
    state.questions = {};
    state.myVotes = {};
    (snapshot.myVotes || []).forEach(function (id) { state.myVotes[id] = true; });
    state.mine = {};
    (snapshot.myQuestions || []).forEach(function (q) { state.mine[q.id] = q; });
    list.forEach(function (q) { state.questions[q.id] = publicPart(q); });
    questions.takeSnapshot(snapshot, fetched.pages);
    if (first) {
      questions.render();
    } else if (JSON.stringify(before) !== JSON.stringify(state.questions)) {
      // After a gap or a reconnect: whatever appeared meanwhile is news like any other.
      questions.changed(Object.keys(state.questions).filter(function (id) { return !before[id]; }).map(function (id) { return state.questions[id]; }), null);
    } else if (!questions.paused()) {
      questions.render();
    }
    mine.render();
    polls.take(snapshot.polls, snapshot.myPollAnswers);
    root.setAttribute('data-seq', String(state.seq));
  }

  function applyDelta(kind, message) {
    state.seq = message.seq;
    switch (kind) {
      case 'ClockChanged':
        state.clock = message.clock;
        takeServerTime(state.clock);
        renderLive();
        break;
      case 'EventUpdated':
        state.event = message.event;
        state.clock = message.clock;
        takeServerTime(state.clock);
        agenda.renderEvent();
        renderLive();
        break;
      case 'QuestionsChanged':
        (message.removed || []).forEach(function (id) { delete state.questions[id]; });
        questions.take(message.questions);
        break;
      case 'QueueChanged':
        questions.take(message.questions);
        break;
      case 'QuestionSettingsChanged':
        state.settings = message.settings;
        ask.renderAvailability();
        break;
      case 'PollChanged':
        polls.changed(message.poll);
        break;
    }
    root.setAttribute('data-seq', String(state.seq));
  }

  /** The numbered stream's rules (wwwroot/js/live-shared.js). */
  var stream = live.numberedStream({
    eventId: function () { return state.eventId; },
    seq: function () { return state.seq; },
    applySnapshot: applySnapshot,
    applyDelta: applyDelta,
    fetchSnapshot: function () { return withPages(connection.invoke('GetSnapshot', state.eventId)); }
  });

  // --- Connection -------------------------------------------------------------------------------

  var everConnected = false;

  function showConnection(name) {
    var words = { connecting: 'Connection_Connecting', connected: 'Connection_Connected', reconnecting: 'Connection_Reconnecting', offline: 'Connection_Offline' };
    connectionEl.hidden = false;
    connectionEl.setAttribute('data-state', name);
    setText(connectionEl, t(words[name]));
  }

  function lost(name) {
    state.joined = false;
    showConnection(name);
    mine.render();
  }

  if (typeof window.signalR === 'undefined') {
    // Without the client nothing is live, but typing and the video still work; say so.
    lost('offline');
    return;
  }

  connection = live.liveConnection(window.signalR, ['ClockChanged', 'EventUpdated', 'QuestionsChanged', 'QueueChanged', 'QuestionSettingsChanged', 'PollChanged'], stream.receive);

  // Absolute values, not numbered: the last one received is right.
  connection.on('VotesChanged', function (message) {
    if (message && message.eventId === state.eventId && state.questions) {
      questions.votesChanged(message.votes);
    }
  });

  connection.on('PollResultsChanged', function (message) {
    if (message && message.eventId === state.eventId) {
      polls.results(message.pollId, message.results);
    }
  });

  connection.on('MyQuestionsChanged', function (message) {
    if (!message || message.eventId !== state.eventId) {
      return;
    }
    message.questions.forEach(function (q) {
      var before = state.mine[q.id];
      state.mine[q.id] = q;
      if (before && before.status !== q.status) {
        if (q.status === 'approved' && before.status === 'pending') page.announce(t('Announce_MineApproved'));
        if (q.status === 'rejected') page.announce(t('Announce_MineRejected'));
        if (q.status === 'answered') page.announce(t('Announce_MineAnswered'));
      }
    });
    mine.render();
  });

  /** Every (re)connect: prove who this viewer is, then join; the snapshot replaces what we show. */
  function join() {
    return connection.invoke('IdentifyViewer', page.storage.get(page.keys.token)).then(function (ticket) {
      page.storage.set(page.keys.token, ticket.token);
      return stream.resync(function () { return withPages(connection.invoke('JoinEvent', slug)); });
    }).then(function () {
      state.joined = true;
      showConnection('connected');
      if (!everConnected) {
        everConnected = true;
        // From now on a change of the connection is news worth hearing; the first "Verbunden"
        // while the page loads is not.
        connectionEl.setAttribute('aria-live', 'polite');
      }
      mine.render();
      ask.flushPending();
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
  var connect = live.keepConnected(connection, {
    join: join,
    offline: function () { lost('offline'); }
  });

  var renderedNow = document.getElementById('clock-remaining').getAttribute('data-server-now');
  if (renderedNow) {
    offsetMs = Date.parse(renderedNow) - Date.now();
  }
  agenda.startFromRendered();

  showConnection('connecting');
  mine.render();
  connect();
}

/**
 * The "Frage stellen" button at the bottom of a phone's screen: hidden while the ask box itself is in
 * sight; a tap brings the box into view and puts the cursor in the question.
 */
function keepAskInReach() {
  var bar = document.getElementById('ask-open-bar');
  var box = document.getElementById('ask');
  document.getElementById('ask-open').addEventListener('click', function (e) {
    e.preventDefault();
    box.scrollIntoView({ block: 'start' });
    document.getElementById('ask-text').focus({ preventScroll: true });
  });
  if (typeof IntersectionObserver === 'function') {
    new IntersectionObserver(function (entries) {
      bar.classList.toggle('ask-in-sight', entries[entries.length - 1].isIntersecting);
    }).observe(box);
  }
}
