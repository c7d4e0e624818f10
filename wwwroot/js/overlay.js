// The stream overlay (/events/{slug}/overlay?key=…, src/OzgLive.Web/Channels/OverlayPage.razor):
// joins the event like any viewer (it shows only what the public sees) and keeps the lower third in
// step with the question on stage. The markup is the Razor-rendered <template>; this module only
// fills its fields with text. The state logic is exported and tested on this very file with
// `node --test tests/js/` (tests/js/overlay.test.mjs); the DOM part runs only in a browser.
// The poll (once a moderator switches it on) is the one the viewers' page shows, with the same rules
// (viewer-polls.js): its results only while the audience may see them.
import * as live from './live-shared.js';
import { shownPoll, resultRows, respondentsText, resultsShape } from './viewer-polls.js';
import { translator } from './viewer-words.js';

/** Every part but the poll is shown until the moderators switch (OverlayChanged, docs/hub-protocol.md). */
export var allPartsShown = { showQuestion: true, showQr: true, showBlock: true, showPoll: false };

/** At most this many rows fit the poll's card beside the video. */
var POLL_ROWS = 6;

/**
 * The overlay's state after a snapshot: the public questions by id, the agenda, the clock and which
 * parts the moderators show (kept from before: a snapshot does not carry them).
 */
export function fromSnapshot(snapshot, parts) {
  var questions = new Map();
  (snapshot.publicQuestions || []).forEach(function (q) { questions.set(q.id, q); });
  var polls = {};
  (snapshot.polls || []).forEach(function (p) { polls[p.id] = p; });
  return { seq: snapshot.seq, questions: questions, polls: polls, event: snapshot.event, clock: snapshot.clock, parts: parts || allPartsShown };
}

/** Applies OverlayChanged (unnumbered: the last one wins) or JoinOverlay's answer; returns the state. */
export function applyOverlayChanged(state, message) {
  state.parts = { showQuestion: !!message.showQuestion, showQr: !!message.showQr, showBlock: !!message.showBlock, showPoll: !!message.showPoll };
  return state;
}

/** Applies PollResultsChanged (unnumbered, absolute: the last one wins) to a poll the overlay knows. */
export function applyPollResults(state, message) {
  var poll = state.polls && state.polls[message.pollId];
  if (poll) {
    state.polls[message.pollId] = Object.assign({}, poll, { results: message.results });
  }
  return state;
}

/**
 * What the poll's card shows, or null (switched off, or no poll to show): the question, up to
 * POLL_ROWS rows (an option or rating with its share, a word with its count, an approved text),
 * each with its bar's length in percent of the largest, and a line under them: who answered, or
 * where to vote while the results are not public.
 */
export function overlayPoll(state, t, lang) {
  var parts = state.parts || allPartsShown;
  var poll = parts.showPoll ? shownPoll(state.polls || {}) : null;
  if (!poll) {
    return null;
  }
  if (!poll.results) {
    return { id: poll.id, question: poll.question, rows: [], note: t('Stage_Answering') };
  }
  var shape = resultsShape(poll.kind);
  var items = shape === 'table' ? resultRows(poll.results, lang) : poll.results.items;
  var max = Math.max.apply(null, [1].concat(items.map(function (i) { return i.count; })));
  var rows = items.slice(0, POLL_ROWS).map(function (i) {
    return {
      key: i.key,
      label: i.label,
      share: shape === 'table' ? i.share : shape === 'words' ? String(i.count) : '',
      fill: shape === 'texts' ? 0 : Math.round(100 * i.count / max)
    };
  });
  return { id: poll.id, question: poll.question, rows: rows, note: respondentsText(t, poll.results.respondents) };
}

/** Whether the join QR code and code are shown. */
export function qrShown(state) {
  return (state.parts || allPartsShown).showQr;
}

/** Applies one numbered message (docs/hub-protocol.md) to the state; returns the state. */
export function applyDelta(state, kind, message) {
  state.seq = message.seq;
  if (kind === 'QuestionsChanged') {
    (message.questions || []).forEach(function (q) { state.questions.set(q.id, q); });
    (message.removed || []).forEach(function (id) { state.questions.delete(id); });
  } else if (kind === 'ClockChanged') {
    state.clock = message.clock;
  } else if (kind === 'EventUpdated') {
    state.event = message.event;
    state.clock = message.clock;
  } else if (kind === 'PollChanged') {
    state.polls = state.polls || {};
    state.polls[message.poll.id] = message.poll;
  }
  return state;
}

/** What the lower third shows: the question on stage, or null to fade it out. */
export function lowerThird(state) {
  var parts = state.parts || allPartsShown;
  if (!parts.showQuestion) {
    return null;
  }
  var onStage = null;
  state.questions.forEach(function (q) {
    if (q.status === 'onStage' && (!onStage || Date.parse(q.stagedAt) > Date.parse(onStage.stagedAt))) {
      onStage = q;
    }
  });
  if (!onStage) {
    return null;
  }
  var asker = [onStage.displayName, onStage.organisation].filter(function (part) { return !!part; }).join(', ');
  return { id: onStage.id, text: onStage.text, asker: asker, block: parts.showBlock ? blockTitle(state, onStage.blockNumber) : '' };
}

function blockTitle(state, number) {
  var wanted = number || (state.clock && state.clock.currentBlock);
  var blocks = (state.event && state.event.blocks) || [];
  var block = blocks.find(function (b) { return b.number === wanted; });
  return block ? block.title : '';
}

/** Fills the template's data-field elements with text (never markup) and returns the new card. */
export function fillCard(template, shown) {
  var card = template.content.firstElementChild.cloneNode(true);
  card.querySelectorAll('[data-field]').forEach(function (el) {
    var value = shown[el.getAttribute('data-field')] || '';
    el.textContent = value;
    el.hidden = value === '';
  });
  return card;
}

/** Fills the poll's card (Razor's templates) with text and its bars' lengths; returns the card. */
function fillPollCard(template, rowTemplate, shown) {
  var card = template.content.firstElementChild.cloneNode(true);
  card.querySelector('[data-field="question"]').textContent = shown.question;
  var note = card.querySelector('[data-field="note"]');
  note.textContent = shown.note;
  var list = card.querySelector('[data-field="rows"]');
  list.hidden = shown.rows.length === 0;
  shown.rows.forEach(function (r) {
    var row = rowTemplate.content.firstElementChild.cloneNode(true);
    row.setAttribute('data-key', r.key);
    row.querySelector('[data-field="label"]').textContent = r.label;
    row.querySelector('[data-field="share"]').textContent = r.share;
    row.querySelector('[data-field="fill"]').style.width = r.fill + '%';
    list.appendChild(row);
  });
  return card;
}

function start() {
  var root = document.getElementById('overlay');
  var template = document.getElementById('overlay-question-template');
  var slot = document.getElementById('overlay-lower-third');
  var join = document.getElementById('overlay-join');
  var pollSlot = document.getElementById('overlay-poll');
  var pollTemplate = document.getElementById('overlay-poll-template');
  var pollRowTemplate = document.getElementById('overlay-poll-row-template');
  var texts = JSON.parse(document.getElementById('overlay-texts').textContent);
  var t = translator(texts);
  var key = new URLSearchParams(window.location.search).get('key');
  if (!root || !template || !slot || typeof window.signalR === 'undefined') {
    return;
  }

  var eventId = Number(root.getAttribute('data-event-id'));
  var slug = root.getAttribute('data-event-slug');
  var state = { seq: -1, questions: new Map(), polls: {}, event: null, clock: null, parts: allPartsShown };
  var shownKey = '';
  var pollKey = '';

  function renderPoll() {
    var shown = overlayPoll(state, t, texts.lang);
    var key = shown ? JSON.stringify(shown) : '';
    if (key === pollKey) {
      return;
    }
    pollKey = key;
    pollSlot.hidden = !shown;
    if (shown) {
      pollSlot.replaceChildren(fillPollCard(pollTemplate, pollRowTemplate, shown));
    }
  }

  function render() {
    if (join) {
      join.hidden = !qrShown(state);
    }
    renderPoll();
    var shown = lowerThird(state);
    var cardKey = shown ? JSON.stringify(shown) : '';
    if (cardKey === shownKey) {
      return;
    }
    shownKey = cardKey;
    if (!shown) {
      // Fades out (css/channels.css); the old card stays until the next one replaces it.
      slot.classList.remove('is-visible');
      return;
    }
    slot.replaceChildren(fillCard(template, shown));
    slot.classList.add('is-visible');
  }

  var stream = live.numberedStream({
    eventId: function () { return eventId; },
    seq: function () { return state.seq; },
    applySnapshot: function (snapshot) { state = fromSnapshot(snapshot, state.parts); render(); },
    applyDelta: function (kind, message) { applyDelta(state, kind, message); render(); },
    fetchSnapshot: function () { return connection.invoke('GetSnapshot', eventId); }
  });
  var connection = live.liveConnection(window.signalR, ['ClockChanged', 'EventUpdated', 'QuestionsChanged', 'PollChanged'], stream.receive);
  connection.on('OverlayChanged', function (message) { applyOverlayChanged(state, message); render(); });
  connection.on('PollResultsChanged', function (message) {
    if (message && message.eventId === eventId) {
      applyPollResults(state, message);
      render();
    }
  });
  live.keepConnected(connection, {
    // JoinOverlay (with the page's key) answers which parts the moderators show; OverlayChanged follows.
    join: function () {
      return stream.resync(function () { return connection.invoke('JoinEvent', slug); })
        .then(function () { return connection.invoke('JoinOverlay', eventId, key); })
        .then(function (parts) { applyOverlayChanged(state, parts); render(); });
    },
    // A browser source has nobody to read a notice: the last question simply stays until it changes.
    offline: function () { }
  })();
}

if (typeof document !== 'undefined') {
  start();
}
