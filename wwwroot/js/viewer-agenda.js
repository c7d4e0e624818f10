/*
 * The viewer page's header, clock, programme and end-of-event box (ViewerClock.razor,
 * AgendaBlock.razor, EventEndedNotice.razor), kept current from the hub's event and clock.
 * page: { root, t, words (viewer-words.js timeWords), serverNow(), state: { event, clock } }
 */
import * as live from './live-shared.js';
import { setText, field, cloneTemplate } from './viewer-dom.js';
import { statusText, blockStateText, publicRemainingText, hasEnded } from './viewer-words.js';

export function agendaView(page) {
  var root = page.root;
  var t = page.t;
  var state = page.state;
  var statusEl = document.getElementById('clock-status');
  var remainingEl = document.getElementById('clock-remaining');
  var clockEl = document.getElementById('clock');
  var blocksEl = document.getElementById('blocks');
  var endedEl = document.getElementById('event-ended');
  var tickTimer = 0;
  var replayAsked = false;

  function publicClock() {
    return state.event ? !!state.event.publicClock : clockEl.getAttribute('data-public-clock') === 'true';
  }

  function renderRemaining() {
    clearTimeout(tickTimer);
    var ms = live.remainingMs(state.clock, page.serverNow());
    var text = publicRemainingText(t, publicClock(), ms, live.formatSeconds);
    setText(remainingEl, text);
    remainingEl.hidden = text === '';
    if (text !== '' && state.clock.current.state === 'running') {
      // Wake just after the shown second changes, so the display never lags a whole second.
      tickTimer = setTimeout(renderRemaining, (((ms % 1000) + 1000) % 1000) + 20);
    }
  }

  function renderClock() {
    var clock = state.clock;
    setText(statusEl, statusText(t, state.event, clock, page.words.longDateTime));
    clockEl.setAttribute('data-phase', clock.phase);
    clockEl.setAttribute('data-public-clock', publicClock() ? 'true' : 'false');

    var states = {};
    clock.blocks.forEach(function (b) { states[b.number] = b.state; });
    Array.prototype.forEach.call(blocksEl.querySelectorAll('li[data-block]'), function (li) {
      var number = Number(li.getAttribute('data-block'));
      var blockState = states[number] || 'upcoming';
      li.className = 'block block-' + blockState;
      setText(li.querySelector('[data-block-state]'), blockStateText(t, blockState));
      if (clock.currentBlock === number) {
        li.setAttribute('aria-current', 'true');
      } else {
        li.removeAttribute('aria-current');
      }
    });
    renderRemaining();
    renderEnded();
  }

  /** After the end: what happens next; the replay link once the replay is published. */
  function renderEnded() {
    endedEl.hidden = !hasEnded(state.event, state.clock);
    if (state.event.status === 'published' && !replayAsked && document.getElementById('replay-pending')) {
      replayAsked = true;
      takeReplayLink();
    }
  }

  /**
   * The replay link, from this page rendered anew by the server (EventEndedNotice.razor), so its
   * markup exists only there. Spread over a second, so that a full audience does not ask at once.
   */
  function takeReplayLink() {
    setTimeout(function () {
      fetch(window.location.href, { credentials: 'same-origin' }).then(function (response) {
        return response.ok ? response.text() : '';
      }).then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('replay-link');
        var pending = document.getElementById('replay-pending');
        if (fresh && pending) {
          pending.replaceWith(document.importNode(fresh, true));
        }
      }).catch(function () { replayAsked = false; });
    }, Math.floor(Math.random() * 1000));
  }

  function fillTime(el, date) {
    el.setAttribute('datetime', date.toISOString());
    setText(el, page.words.time(date));
  }

  /** Fills a clone of <template id="block-template"> (AgendaBlock.razor) with one block. */
  function fillBlock(li, block, at, end) {
    li.setAttribute('data-block', String(block.number));
    fillTime(field(li, 'start'), at);
    fillTime(field(li, 'end'), end);
    setText(field(li, 'title'), t('Agenda_Block', block.number, block.title));
    var description = field(li, 'description');
    if (block.description) {
      setText(description, block.description);
    } else {
      description.remove();
    }
    var speakers = field(li, 'speakers');
    if (block.speakers.length === 0) {
      speakers.remove();
      return;
    }
    speakers.replaceChildren.apply(speakers, block.speakers.map(function (speaker) {
      var item = cloneTemplate('speaker-template');
      setText(field(item, 'name'), speaker.name);
      var rest = [speaker.role, speaker.organisation].filter(function (s) { return s; });
      setText(field(item, 'details'), rest.length > 0 ? ', ' + rest.join(', ') : '');
      return item;
    }));
  }

  /** Rebuilds the header and programme after an organiser changed them (EventUpdated). */
  function renderEvent() {
    var event = state.event;
    var title = root.querySelector('[data-field="title"]');
    if (title && title.textContent !== event.title) {
      document.title = document.title.replace(title.textContent, event.title);
      title.textContent = event.title;
    }
    var start = root.querySelector('[data-field="start"]');
    if (start) {
      setText(start, page.words.longDateTime(event.scheduledStart));
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
    blocksEl.replaceChildren.apply(blocksEl, event.blocks.map(function (block) {
      var end = new Date(at.getTime() + block.plannedMinutes * 60000);
      var li = cloneTemplate('block-template');
      fillBlock(li, block, at, end);
      at = end;
      return li;
    }));
  }

  /** Counts down from what the server rendered until the first snapshot arrives. */
  function startFromRendered() {
    var renderedNow = remainingEl.getAttribute('data-server-now');
    var endsAt = remainingEl.getAttribute('data-ends-at');
    if (remainingEl.getAttribute('data-block-state') === 'running' && endsAt && renderedNow) {
      state.clock = { current: { state: 'running', endsAt: endsAt, remainingSeconds: 0 } };
      renderRemaining();
    }
  }

  return { renderClock: renderClock, renderEvent: renderEvent, startFromRendered: startFromRendered };
}
