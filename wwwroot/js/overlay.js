// The stream overlay (/events/{slug}/overlay?key=…, src/OzgLive.Web/Channels/OverlayPage.razor):
// joins the event like any viewer (it shows only what the public sees) and keeps the lower third in
// step with the question on stage. The markup is the Razor-rendered <template>; this module only
// fills its fields with text. The state logic is exported and tested on this very file with
// `node --test tests/js/` (tests/js/overlay.test.mjs); the DOM part runs only in a browser.
import * as live from './live-shared.js';

/** The overlay's state after a snapshot: the public questions by id, the agenda and the clock. */
export function fromSnapshot(snapshot) {
  var questions = new Map();
  (snapshot.publicQuestions || []).forEach(function (q) { questions.set(q.id, q); });
  return { seq: snapshot.seq, questions: questions, event: snapshot.event, clock: snapshot.clock };
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
  return { id: onStage.id, text: onStage.text, asker: asker, block: blockTitle(state, onStage.blockNumber) };
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
  if (!root || !template || !slot || typeof window.signalR === 'undefined') {
    return;
  }

  var eventId = Number(root.getAttribute('data-event-id'));
  var slug = root.getAttribute('data-event-slug');
  var state = { seq: -1, questions: new Map(), event: null, clock: null };
  var shownKey = '';

  function render() {
    var shown = lowerThird(state);
    var key = shown ? JSON.stringify(shown) : '';
    if (key === shownKey) {
      return;
    }
    shownKey = key;
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
    applySnapshot: function (snapshot) { state = fromSnapshot(snapshot); render(); },
    applyDelta: function (kind, message) { applyDelta(state, kind, message); render(); },
    fetchSnapshot: function () { return connection.invoke('GetSnapshot', eventId); }
  });
  var connection = live.liveConnection(window.signalR, ['ClockChanged', 'EventUpdated', 'QuestionsChanged'], stream.receive);
  live.keepConnected(connection, {
    join: function () { return stream.resync(function () { return connection.invoke('JoinEvent', slug); }); },
    // A browser source has nobody to read a notice: the last question simply stays until it changes.
    offline: function () { }
  })();
}

if (typeof document !== 'undefined') {
  start();
}
