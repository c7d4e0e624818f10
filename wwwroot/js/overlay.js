// The stream overlay (/events/{slug}/overlay?key=…, src/OzgLive.Web/Channels/OverlayPage.razor):
// joins the event like any viewer (it shows only what the public sees) and keeps the lower third in
// step with the question on stage. The markup is the Razor-rendered <template>; this module only
// fills its fields with text. The state logic is exported and tested on this very file with
// `node --test tests/js/` (tests/js/overlay.test.mjs); the DOM part runs only in a browser.
import * as live from './live-shared.js';

/** Every part is shown until the moderators hide one (OverlayChanged, docs/hub-protocol.md). */
export var allPartsShown = { showQuestion: true, showQr: true, showBlock: true };

/**
 * The overlay's state after a snapshot: the public questions by id, the agenda, the clock and which
 * parts the moderators show (kept from before: a snapshot does not carry them).
 */
export function fromSnapshot(snapshot, parts) {
  var questions = new Map();
  (snapshot.publicQuestions || []).forEach(function (q) { questions.set(q.id, q); });
  return { seq: snapshot.seq, questions: questions, event: snapshot.event, clock: snapshot.clock, parts: parts || allPartsShown };
}

/** Applies OverlayChanged (unnumbered: the last one wins) or JoinOverlay's answer; returns the state. */
export function applyOverlayChanged(state, message) {
  state.parts = { showQuestion: !!message.showQuestion, showQr: !!message.showQr, showBlock: !!message.showBlock };
  return state;
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

function start() {
  var root = document.getElementById('overlay');
  var template = document.getElementById('overlay-question-template');
  var slot = document.getElementById('overlay-lower-third');
  var join = document.getElementById('overlay-join');
  var key = new URLSearchParams(window.location.search).get('key');
  if (!root || !template || !slot || typeof window.signalR === 'undefined') {
    return;
  }

  var eventId = Number(root.getAttribute('data-event-id'));
  var slug = root.getAttribute('data-event-slug');
  var state = { seq: -1, questions: new Map(), event: null, clock: null, parts: allPartsShown };
  var shownKey = '';

  function render() {
    if (join) {
      join.hidden = !qrShown(state);
    }
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
  var connection = live.liveConnection(window.signalR, ['ClockChanged', 'EventUpdated', 'QuestionsChanged'], stream.receive);
  connection.on('OverlayChanged', function (message) { applyOverlayChanged(state, message); render(); });
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
