// The moderator console (/events/{slug}/moderate), made live over the hub with the official
// SignalR client (/lib/signalr/signalr.min.js) and the protocol in docs/hub-protocol.md.
// The server renders the whole console (src/OzgLive.Web/Moderation/); this script joins the
// moderators' stream, keeps every part current and sends the moderators' actions. Question cards,
// backstage notes, clock blocks and settings rows are built here with exactly the server's markup:
// change both together (tests/OzgLive.BrowserTests/Moderation compares them).
// An ES module, deferred like every module: it runs once the page is parsed, after the classic
// signalr.min.js has defined window.signalR. The function around the rest only lets it stop early.
import * as live from './live-shared.js';

(function () {
  'use strict';

  var root = document.getElementById('moderate');
  if (!root || typeof window.signalR === 'undefined') {
    return;
  }

  var signalR = window.signalR;
  var texts = JSON.parse(document.getElementById('moderate-texts').textContent);
  var slug = root.getAttribute('data-event-slug');
  var eventId = Number(root.getAttribute('data-event-id'));
  var presenterBase = root.getAttribute('data-presenter-base');

  // --- State: the last snapshot with every delta applied in order ---------------------------

  var seq = -1;
  var role = root.getAttribute('data-role');
  var event = null;
  var clock = null;
  var settings = null;
  var questions = new Map();
  var backstage = [];
  var presenterKey = null;
  // Questions whose last action here was refused as stale: their card says so until the next action.
  var stale = new Set();
  // Pending questions ticked for a bulk approval.
  var selected = new Set();
  // Questions an action is under way for: a second key press must not send it twice.
  var busy = new Set();
  // After an action that moves a question to another column: which card gets the focus.
  var focusAfter = null;
  var reorderLater = false;
  // What each column's cards were last built from (renderQueue); empty: the server's markup.
  var rendered = {};
  var offsetMs = 0;
  var tickTimer = 0;
  var everConnected = false;

  var el = {
    status: document.getElementById('action-status'),
    connection: document.getElementById('connection-state'),
    viewers: document.getElementById('viewer-number'),
    clock: document.getElementById('clock'),
    clockStatus: document.getElementById('clock-status'),
    remaining: document.getElementById('clock-remaining'),
    warning: document.getElementById('clock-warning'),
    clockBlocks: document.getElementById('clock-blocks'),
    startBlock: document.getElementById('start-block-number'),
    autoAdvance: document.getElementById('auto-advance'),
    settings: document.getElementById('question-settings'),
    autoApprove: document.getElementById('auto-approve'),
    backstageList: document.getElementById('backstage-list'),
    backstageEmpty: document.getElementById('backstage-empty'),
    backstageForm: document.getElementById('backstage-form'),
    backstageText: document.getElementById('backstage-text'),
    addForm: document.getElementById('add-question-form'),
    filterForm: document.getElementById('queue-filter'),
    filterText: document.getElementById('filter-text'),
    filterBlock: document.getElementById('filter-block'),
    filterSource: document.getElementById('filter-source'),
    filterResult: document.getElementById('filter-result'),
    tabs: document.getElementById('queue-tabs'),
    columns: document.getElementById('queue-columns'),
    selectAll: document.getElementById('select-all'),
    bulkApprove: document.getElementById('bulk-approve'),
    presenterWithKey: document.getElementById('presenter-with-key'),
    presenterUrl: document.getElementById('presenter-url'),
    presenterNoKey: document.getElementById('presenter-no-key'),
    presenterRenew: document.getElementById('presenter-renew'),
    presenterRevoke: document.getElementById('presenter-revoke')
  };

  var COLUMNS = ['incoming', 'approved', 'stage', 'answered', 'rejected'];
  var REASONS = ['offTopic', 'duplicate', 'personalData', 'abusive', 'other'];
  var SHORTCUTS = { approve: 'A', reject: 'R', stage: 'S', answer: 'B', edit: 'E', pin: 'P', unpin: 'P' };

  // --- Texts ----------------------------------------------------------------------------------

  /** The text with {0}, {1} … filled in, as IStringLocalizer formats it on the server. */
  function t(key) {
    var text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    var args = arguments;
    return text.replace(/\{(\d+)\}/g, function (all, index) {
      var value = args[Number(index) + 1];
      return value === undefined || value === null ? all : String(value);
    });
  }

  var berlinTime = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });

  /** "10:41 Uhr": BerlinTime.Time in the console's wording. */
  function timeText(iso) {
    return t('Card_Time', berlinTime.format(new Date(iso)));
  }

  function iso(value) {
    return new Date(value).toISOString();
  }

  function duration(totalSeconds) {
    return live.formatSeconds(totalSeconds);
  }

  // --- Building markup --------------------------------------------------------------------------

  /** An element with attributes in the given order (the server's order) and children. */
  function h(tag, attributes, children) {
    var node = document.createElement(tag);
    if (attributes) {
      Object.keys(attributes).forEach(function (name) {
        var value = attributes[name];
        if (value !== null && value !== undefined && value !== false) {
          node.setAttribute(name, value === true ? '' : String(value));
        }
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) {
        return;
      }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function setText(node, text) {
    if (node && node.textContent !== text) {
      node.textContent = text;
    }
  }

  function hiddenFor(id) {
    return h('span', { 'class': 'visually-hidden' }, [t('Card_For', id)]);
  }

  // --- Columns and order (ModerationView.cs) -----------------------------------------------------

  function columnOf(status) {
    switch (status) {
      case 'pending': return 'incoming';
      case 'approved': return 'approved';
      case 'onStage': return 'stage';
      case 'answered': return 'answered';
      case 'rejected': return 'rejected';
      default: return null;
    }
  }

  function time(value) {
    return value ? Date.parse(value) : -Infinity;
  }

  function byNumber(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function ordered(column, list) {
    var inColumn = list.filter(function (q) { return columnOf(q.status) === column; });
    var compare;
    switch (column) {
      case 'incoming':
        compare = function (a, b) { return byNumber(time(a.createdAt), time(b.createdAt)) || byNumber(a.id, b.id); };
        break;
      case 'approved':
        compare = function (a, b) {
          return byNumber(a.pinned ? 0 : 1, b.pinned ? 0 : 1)
            || byNumber(a.pinned ? (a.moderatorOrder === null ? Infinity : a.moderatorOrder) : 0,
              b.pinned ? (b.moderatorOrder === null ? Infinity : b.moderatorOrder) : 0)
            || byNumber(b.votes, a.votes)
            || byNumber(time(a.createdAt), time(b.createdAt))
            || byNumber(a.id, b.id);
        };
        break;
      case 'stage':
        compare = function (a, b) { return byNumber(time(b.stagedAt), time(a.stagedAt)) || byNumber(b.id, a.id); };
        break;
      case 'answered':
        compare = function (a, b) { return byNumber(time(b.answeredAt), time(a.answeredAt)) || byNumber(b.id, a.id); };
        break;
      default:
        compare = function (a, b) { return byNumber(time(b.createdAt), time(a.createdAt)) || byNumber(b.id, a.id); };
    }
    return inColumn.sort(compare);
  }

  function primaryActions(q) {
    switch (q.status) {
      case 'pending': return ['approve', 'reject'];
      case 'approved': return ['stage', 'answer', 'reject'];
      case 'onStage': return ['answer', 'unstage'];
      case 'answered': return ['reopen'];
      case 'rejected': return ['reopen'];
      default: return [];
    }
  }

  function moreActions(q) {
    switch (q.status) {
      case 'pending': return ['edit', 'merge', 'move'];
      case 'approved': return [q.pinned ? 'unpin' : 'pin', 'answer-text', 'edit', 'merge', 'move'];
      case 'onStage': return [q.pinned ? 'unpin' : 'pin', 'answer-text', 'edit', 'move'];
      case 'answered': return ['edit', 'move'];
      case 'rejected': return ['merge', 'edit', 'move'];
      default: return [];
    }
  }

  function actionButton(action, id, primary) {
    var strong = primary && (action === 'approve' || action === 'stage' || action === 'answer' || action === 'reopen');
    return h('button', {
      type: 'button',
      'class': strong ? 'button primary' : 'button',
      'data-action': action,
      'aria-keyshortcuts': SHORTCUTS[action] || null
    }, [t('Action_' + action), hiddenFor(id)]);
  }

  function asker(q) {
    if (q.displayName === null && q.organisation === null) return t('Card_Anonymous');
    if (q.organisation === null) return q.displayName;
    if (q.displayName === null) return q.organisation;
    return t('Card_NameAndOrganisation', q.displayName, q.organisation);
  }

  function metaRow(label, value) {
    return h('div', null, [h('dt', null, [label]), value]);
  }

  function timeElement(value) {
    return h('time', { datetime: iso(value) }, [timeText(value)]);
  }

  /** QuestionCard.razor, element for element. */
  function questionCard(q, isStale) {
    var id = String(q.id);
    var held = q.heldReason !== null && q.status === 'pending';
    var classes = 'q-card' + (held ? ' q-held' : '') + (q.pinned ? ' q-pinned' : '') + (isStale ? ' q-stale' : '');
    var labelled = function (className, label, value) {
      return h('p', { 'class': className }, [h('strong', null, [label]), ' ' + value]);
    };

    var head = h('div', { 'class': 'q-head' }, [
      h('span', { 'class': 'q-number', id: 'q-' + id + '-label' }, [t('Card_Number', id)]),
      h('span', { 'class': 'q-badge q-badge-' + q.status }, [t('Status_' + q.status)]),
      held ? h('span', { 'class': 'q-badge q-badge-held' }, [t('Card_HeldBadge')]) : null,
      q.pinned ? h('span', { 'class': 'q-badge q-badge-pinned' }, [t('Card_PinnedBadge')]) : null
    ]);

    var meta = h('dl', { 'class': 'q-meta' }, [
      metaRow(t('Card_From'), h('dd', null, [asker(q)])),
      metaRow(t('Card_Block'), h('dd', null, [q.blockNumber === null ? t('Card_NoBlock') : t('Card_BlockNumber', q.blockNumber)])),
      metaRow(t('Card_Source'), h('dd', null, [t('Source_' + q.source)])),
      metaRow(t('Card_Votes'), h('dd', { 'data-votes': '' }, [String(q.votes)])),
      metaRow(t('Card_Askers'), h('dd', null, [String(q.askers)])),
      metaRow(t('Card_Received'), h('dd', null, [timeElement(q.createdAt)])),
      q.stagedAt ? metaRow(t('Card_Staged'), h('dd', null, [timeElement(q.stagedAt)])) : null,
      q.answeredAt ? metaRow(t('Card_Answered'), h('dd', null, [timeElement(q.answeredAt)])) : null
    ]);

    var actions = h('div', { 'class': 'q-actions' }, [
      q.status === 'pending'
        ? h('label', { 'class': 'q-select' }, [h('input', { type: 'checkbox', 'data-select': '' }), t('Card_Select'), hiddenFor(id)])
        : null
    ].concat(primaryActions(q).map(function (action) { return actionButton(action, id, true); })));

    var more = moreActions(q);
    var details = more.length === 0 ? null : h('details', { 'class': 'q-more' }, [
      h('summary', null, [t('Card_More'), hiddenFor(id)]),
      h('div', { 'class': 'q-more-actions' }, more.map(function (action) { return actionButton(action, id, false); }))
    ]);

    var article = h('article', {
      'class': classes,
      id: 'q-' + id,
      tabindex: '-1',
      'data-id': id,
      'data-version': String(q.version),
      'data-status': q.status,
      'aria-labelledby': 'q-' + id + '-label q-' + id + '-text'
    }, [
      head,
      isStale ? h('p', { 'class': 'q-stale-notice' }, [t('Card_StaleNotice')]) : null,
      held ? labelled('q-held-reason', t('Card_HeldReason'), q.heldReason) : null,
      h('p', { 'class': 'q-text', id: 'q-' + id + '-text' }, [q.text]),
      q.originalText !== q.text ? labelled('q-original', t('Card_Original'), q.originalText) : null,
      q.answerText !== null ? labelled('q-answer', t('Card_Answer'), q.answerText) : null,
      q.status === 'rejected' && q.rejectReason !== null ? labelled('q-reason', t('Card_RejectReason'), t('Reason_' + q.rejectReason)) : null,
      meta,
      actions,
      details
    ]);
    var item = h('li', { 'class': 'q-item', 'data-id': id }, [article]);
    var tick = item.querySelector('[data-select]');
    if (tick && selected.has(q.id)) {
      tick.checked = true;
    }
    return item;
  }

  // --- Filter -----------------------------------------------------------------------------------

  function filterActive() {
    return el.filterText.value.trim() !== '' || el.filterBlock.value !== '' || el.filterSource.value !== '';
  }

  function matches(q) {
    var block = el.filterBlock.value;
    if (block === 'none' ? q.blockNumber !== null : block !== '' && String(q.blockNumber) !== block) {
      return false;
    }
    if (el.filterSource.value !== '' && q.source !== el.filterSource.value) {
      return false;
    }
    var query = el.filterText.value.trim().toLocaleLowerCase();
    if (query === '') {
      return true;
    }
    var haystack = [q.text, q.originalText, q.displayName || '', q.organisation || ''].join('\n').toLocaleLowerCase();
    return haystack.indexOf(query) >= 0 || query.replace(/^#/, '') === String(q.id);
  }

  /** Hides the cards the filter does not match; the lists themselves stay as they are. */
  function applyFilter() {
    var total = 0;
    var shown = 0;
    COLUMNS.forEach(function (column) {
      var items = root.querySelectorAll('[data-list="' + column + '"] > li');
      var visible = 0;
      Array.prototype.forEach.call(items, function (item) {
        var q = questions.get(Number(item.getAttribute('data-id')));
        var match = !!q && matches(q);
        if (item.hidden === match) item.hidden = !match;
        if (match) visible += 1;
      });
      total += items.length;
      shown += visible;
      var empty = root.querySelector('[data-empty="' + column + '"]');
      empty.hidden = visible > 0;
      setText(empty, items.length > 0 ? t('Empty_Filtered') : t('Empty_' + column));
    });
    setText(el.filterResult, filterActive() ? t('Filter_Showing', shown, total) : t('Filter_ShowingAll', total));
  }

  // --- Rendering the queue ---------------------------------------------------------------------

  function visibleQuestions() {
    var list = [];
    questions.forEach(function (q) {
      if (columnOf(q.status) !== null) {
        list.push(q);
      }
    });
    return list;
  }

  function isShown(node) {
    return !!node && node.isConnected && node.getClientRects().length > 0;
  }

  function cardElement(id) {
    return document.getElementById('q-' + id);
  }

  /** The card that holds the keyboard focus, if any: the question shortcuts act on. */
  function currentCard() {
    var active = document.activeElement;
    return active && active.closest ? active.closest('.q-card') : null;
  }

  /** The card after this one in its column, else the one before: where the focus goes next. */
  function neighbourId(card) {
    if (!card) {
      return null;
    }
    var item = card.parentNode;
    var next = item.nextElementSibling;
    while (next && next.hidden) next = next.nextElementSibling;
    if (!next) {
      next = item.previousElementSibling;
      while (next && next.hidden) next = next.previousElementSibling;
    }
    return next ? Number(next.getAttribute('data-id')) : null;
  }

  function focusCard(id, column) {
    var card = id === null ? null : cardElement(id);
    if (isShown(card)) {
      card.focus();
      return true;
    }
    var heading = column ? document.getElementById('col-' + column + '-heading') : null;
    if (isShown(heading)) {
      heading.focus();
      return true;
    }
    return false;
  }

  function renderQueue() {
    // Where the focus is, so it can be put back after the lists are rebuilt.
    var active = document.activeElement;
    var card = currentCard();
    var keep = null;
    if (card && root.contains(card)) {
      keep = {
        id: Number(card.getAttribute('data-id')),
        column: card.closest('[data-column]').getAttribute('data-column'),
        neighbour: neighbourId(card),
        action: active.getAttribute('data-action'),
        select: active.hasAttribute('data-select'),
        summary: active.tagName === 'SUMMARY'
      };
    }
    var open = new Set();
    Array.prototype.forEach.call(root.querySelectorAll('details.q-more[open]'), function (d) {
      open.add(Number(d.closest('.q-card').getAttribute('data-id')));
    });

    var all = visibleQuestions();
    COLUMNS.forEach(function (column) {
      var list = root.querySelector('[data-list="' + column + '"]');
      var questionsHere = ordered(column, all);
      // A column whose questions, versions and notices are unchanged keeps its cards as they are
      // (and with them focus, ticks and open menus): a busy event changes a few cards at a time.
      var signature = questionsHere.map(function (q) {
        return q.id + ':' + q.version + ':' + q.votes + (stale.has(q.id) ? ':stale' : '');
      }).join(',');
      if (rendered[column] === signature) {
        return;
      }
      rendered[column] = signature;
      var items = questionsHere.map(function (q) {
        var item = questionCard(q, stale.has(q.id));
        if (open.has(q.id)) {
          item.querySelector('details').setAttribute('open', '');
        }
        return item;
      });
      list.replaceChildren.apply(list, items);
      var count = String(items.length);
      Array.prototype.forEach.call(root.querySelectorAll('[data-count="' + column + '"]'), function (node) { setText(node, count); });
    });
    applyFilter();
    reorderLater = false;
    // Ticked questions that are no longer pending cannot be approved in bulk.
    selected.forEach(function (id) {
      var q = questions.get(id);
      if (!q || q.status !== 'pending') selected.delete(id);
    });
    renderBulk();

    // Nothing outside an open modal dialog can take the focus: wait until it has closed.
    if (focusAfter && !document.querySelector('dialog[open]')) {
      var acted = questions.get(focusAfter.id);
      if (!acted || acted.version > focusAfter.version) {
        var target = focusAfter;
        focusAfter = null;
        if (!focusCard(target.next, target.column)) {
          focusCard(target.id, null);
        }
        return;
      }
    }
    if (keep && !root.contains(active)) {
      restoreFocus(keep);
    }
  }

  function restoreFocus(keep) {
    var card = cardElement(keep.id);
    if (!isShown(card)) {
      // The question left what can be seen (another moderator moved it): its neighbour instead.
      focusCard(keep.neighbour, keep.column);
      return;
    }
    var target = keep.action ? card.querySelector('[data-action="' + keep.action + '"]')
      : keep.select ? card.querySelector('[data-select]')
      : keep.summary ? card.querySelector('summary')
      : null;
    (isShown(target) ? target : card).focus();
  }

  function renderBulk() {
    var count = selected.size;
    el.bulkApprove.disabled = count === 0;
    setText(el.bulkApprove, count === 0 ? t('Bulk_Approve') : t('Bulk_ApproveCount', count));
    var pendingShown = Array.prototype.filter.call(root.querySelectorAll('[data-list="incoming"] > li'), function (li) { return !li.hidden; });
    el.selectAll.checked = pendingShown.length > 0 && pendingShown.every(function (li) { return selected.has(Number(li.getAttribute('data-id'))); });
  }

  /** Vote counts change often: the numbers change in place; the order follows when nobody works in that list. */
  function applyVotes(votes) {
    var orderChanged = false;
    var before = ordered('approved', visibleQuestions()).map(function (q) { return q.id; }).join(',');
    Object.keys(votes).forEach(function (key) {
      var q = questions.get(Number(key));
      if (!q) return;
      q.votes = votes[key];
      var card = cardElement(q.id);
      if (card) setText(card.querySelector('[data-votes]'), String(q.votes));
    });
    orderChanged = before !== ordered('approved', visibleQuestions()).map(function (q) { return q.id; }).join(',');
    if (orderChanged) {
      var list = root.querySelector('[data-list="approved"]');
      if (list.contains(document.activeElement)) {
        reorderLater = true;
      } else {
        renderQueue();
      }
    }
  }

  // --- Rendering the rest -------------------------------------------------------------------------

  function blockTitle(number) {
    var block = event.blocks.filter(function (b) { return b.number === number; })[0];
    return block ? t('Clock_BlockName', number, block.title) : t('Card_BlockNumber', number);
  }

  function clockState() {
    switch (clock.phase) {
      case 'notStarted': return event.status === 'ended' || event.status === 'published' ? 'ended' : 'notStarted';
      case 'intro': return 'intro';
      case 'block': return clock.current && clock.current.state === 'paused' ? 'paused' : 'running';
      case 'between': return 'between';
      default: return 'ended';
    }
  }

  function nextBlock() {
    var last = null;
    clock.blocks.forEach(function (b) {
      if (b.startedAt && (last === null || Date.parse(b.startedAt) > Date.parse(last.startedAt))) last = b;
    });
    var after = last ? last.number : 0;
    var next = clock.blocks.filter(function (b) { return b.number > after && b.state === 'upcoming'; })[0];
    return next ? next.number : null;
  }

  function statusText(state) {
    return state === 'running' || state === 'paused'
      ? t('Clock_Status_' + state, clock.currentBlock)
      : t('Clock_Status_' + state);
  }

  function renderClock() {
    // The clock changes the event's status (live, ended) without an EventUpdated.
    var status = clock.phase === 'ended' ? 'ended'
      : clock.phase === 'intro' || clock.phase === 'block' || clock.phase === 'between' ? 'live'
      : event.status;
    if (status !== event.status && event.status !== 'published') {
      event.status = status;
      var badge = document.getElementById('event-status');
      badge.className = 'badge badge-' + status;
      setText(badge, t('EventStatus_' + status));
    }
    var state = clockState();
    var next = nextBlock();
    var upcoming = clock.blocks.filter(function (b) { return b.state === 'upcoming'; });
    el.clock.setAttribute('data-clock-state', state);
    setText(el.clockStatus, statusText(state));

    Array.prototype.forEach.call(el.clock.querySelectorAll('[data-when]'), function (node) {
      var applies = node.getAttribute('data-when').split(' ').indexOf(state) >= 0;
      if (node.getAttribute('data-clock') === 'nextBlock') {
        applies = applies && next !== null;
        setText(node, next !== null ? t('Clock_NextBlock', next) : t('Clock_NextBlockNone'));
      } else if (node.classList.contains('mod-clock-jump')) {
        applies = applies && upcoming.length > 0;
      }
      node.hidden = !applies;
    });

    var chosen = el.startBlock.value;
    el.startBlock.replaceChildren.apply(el.startBlock, upcoming.map(function (b) {
      return h('option', { value: String(b.number) }, [blockTitle(b.number)]);
    }));
    if (upcoming.some(function (b) { return String(b.number) === chosen; })) {
      el.startBlock.value = chosen;
    }

    el.autoAdvance.checked = clock.autoAdvance;
    el.autoAdvance.toggleAttribute('checked', clock.autoAdvance);

    var items = clock.blocks.map(function (b) {
      var minutes = b.extendedMinutes > 0
        ? t('Clock_MinutesExtended', b.plannedMinutes, b.extendedMinutes)
        : t('Clock_Minutes', b.plannedMinutes);
      return h('li', {
        'class': 'mod-block mod-block-' + b.state,
        'data-block': String(b.number),
        'aria-current': clock.currentBlock === b.number ? 'true' : null
      }, [
        h('span', { 'class': 'mod-block-name' }, [blockTitle(b.number)]),
        h('span', { 'class': 'mod-block-state' }, [t('BlockState_' + b.state)]),
        h('span', { 'class': 'mod-block-minutes' }, [minutes])
      ]);
    });
    el.clockBlocks.replaceChildren.apply(el.clockBlocks, items);
    if (state !== 'running' && state !== 'paused') {
      setText(el.warning, '');
    }
    renderRemaining();
  }

  function remainingMs() {
    return live.remainingMs(clock, Date.now() + offsetMs);
  }

  function warningFor(ms) {
    return live.warningFor(ms);
  }

  function renderRemaining() {
    window.clearTimeout(tickTimer);
    var ms = remainingMs();
    var text = ms === null ? ''
      : ms < 0 ? t('Clock_Overtime', duration(Math.floor(-ms / 1000)))
      : t('Clock_Remaining', duration(Math.floor(ms / 1000)));
    setText(el.remaining, text);
    el.remaining.hidden = text === '';
    var warning = clock.current ? warningFor(ms) : 'none';
    el.clock.setAttribute('data-warning', warning);
    if (warning === 'none') {
      // Time was added: the last warning no longer holds.
      setText(el.warning, '');
    }
    if (ms !== null && clock.current.state === 'running') {
      // Wake just after the shown second changes, so the display never lags a whole second.
      var intoSecond = ((ms % 1000) + 1000) % 1000;
      tickTimer = window.setTimeout(renderRemaining, ms >= 0 ? intoSecond + 20 : 1000 - intoSecond + 20);
    }
  }

  /** The rows of QuestionSettingsPanel.razor. */
  function stateRow(scope, label, current) {
    var id = 'state-label-' + (scope === '' ? 'event' : scope);
    return h('div', { 'class': 'mod-state-row', role: 'group', 'aria-labelledby': id, 'data-scope': scope }, [
      h('span', { 'class': 'mod-state-label', id: id }, [label]),
      h('div', { 'class': 'mod-state-buttons' }, ['open', 'paused', 'closed'].map(function (state) {
        return h('button', {
          type: 'button',
          'class': 'button',
          'data-questions-state': state,
          'aria-pressed': state === current ? 'true' : 'false'
        }, [t('QuestionsState_' + state)]);
      }))
    ]);
  }

  function renderSettings() {
    el.settings.setAttribute('data-settings-version', String(settings.settingsVersion));
    el.autoApprove.checked = settings.autoApprove;
    el.autoApprove.toggleAttribute('checked', settings.autoApprove);
    var focused = document.activeElement && el.settings.contains(document.activeElement) && document.activeElement.closest('[data-scope]')
      ? { scope: document.activeElement.closest('[data-scope]').getAttribute('data-scope'), state: document.activeElement.getAttribute('data-questions-state') }
      : null;
    Array.prototype.forEach.call(el.settings.querySelectorAll('.mod-state-row'), function (row) { row.remove(); });
    el.settings.appendChild(stateRow('', t('Settings_WholeEvent'), settings.questionsState));
    settings.blocks.forEach(function (b) {
      el.settings.appendChild(stateRow(String(b.number), blockTitle(b.number), b.questionsState));
    });
    if (focused) {
      var button = el.settings.querySelector('[data-scope="' + focused.scope + '"] [data-questions-state="' + focused.state + '"]');
      if (button) button.focus();
    }
  }

  /** One note of BackstagePanel.razor. */
  function backstageItem(message) {
    var id = String(message.id);
    return h('li', { 'data-message-id': id }, [
      h('p', { 'class': 'mod-backstage-text' }, [message.text]),
      h('p', { 'class': 'hint' }, [timeElement(message.createdAt)]),
      h('button', { type: 'button', 'class': 'button', 'data-dismiss': id }, [
        t('Backstage_Dismiss'),
        h('span', { 'class': 'visually-hidden' }, [t('Backstage_DismissWhich', message.text)])
      ])
    ]);
  }

  function renderBackstage() {
    el.backstageList.replaceChildren.apply(el.backstageList, backstage.map(backstageItem));
    el.backstageEmpty.hidden = backstage.length > 0;
  }

  function presenterUrl() {
    return presenterKey === null ? null : presenterBase + encodeURIComponent(presenterKey);
  }

  function renderPresenter() {
    var url = presenterUrl();
    el.presenterWithKey.hidden = url === null;
    el.presenterNoKey.hidden = url !== null;
    el.presenterUrl.value = url || '';
    el.presenterUrl.setAttribute('value', url || '');
    if (el.presenterRenew) {
      setText(el.presenterRenew, url === null ? t('Presenter_Create') : t('Presenter_Renew'));
      el.presenterRevoke.hidden = url === null;
    }
  }

  function renderEvent() {
    setText(document.getElementById('event-title'), event.title);
    document.title = t('Page_Title', event.title) + ' – OzgLive';
    var badge = document.getElementById('event-status');
    badge.className = 'badge badge-' + event.status;
    setText(badge, t('EventStatus_' + event.status));
    // Block names in the filter, the form and the dialog follow the agenda.
    [[el.filterBlock, false], [document.getElementById('add-block'), true], [document.getElementById('move-block'), true]].forEach(function (pair) {
      var select = pair[0];
      var chosen = select.value;
      var options = [];
      if (select === el.filterBlock) {
        options.push(h('option', { value: '' }, [t('Filter_AllBlocks')]));
        event.blocks.forEach(function (b) { options.push(h('option', { value: String(b.number) }, [t('Card_BlockNumber', b.number)])); });
        options.push(h('option', { value: 'none' }, [t('Card_NoBlock')]));
      } else {
        options.push(h('option', { value: '' }, [t('Card_NoBlock')]));
        event.blocks.forEach(function (b) { options.push(h('option', { value: String(b.number) }, [t('Clock_BlockName', b.number, b.title)])); });
      }
      select.replaceChildren.apply(select, options);
      select.value = chosen;
      if (select.value !== chosen) select.value = '';
    });
  }

  function renderAll() {
    root.setAttribute('data-seq', String(seq));
    renderEvent();
    renderClock();
    renderQueue();
    renderSettings();
    renderBackstage();
    renderPresenter();
  }

  // --- Announcements ------------------------------------------------------------------------------

  var announceTimer = 0;

  /** The polite live region under the header: the result of the last action, in words. */
  function announce(text, kind) {
    window.clearTimeout(announceTimer);
    el.status.setAttribute('data-kind', kind || 'ok');
    // Emptied first, so the same words twice in a row are announced twice.
    el.status.textContent = '';
    announceTimer = window.setTimeout(function () { el.status.textContent = text; }, 50);
  }

  function hubError(error) {
    var message = (error && error.message) || '';
    var match = /HubException: ([a-z-]+): ([\s\S]*)$/.exec(message);
    return match ? { code: match[1], text: match[2] } : { code: null, text: message };
  }

  function connected() {
    return connection.state === signalR.HubConnectionState.Connected && seq >= 0;
  }

  /** Sends a hub call; refusals are announced; the caller gets the answer or a rejected promise. */
  function call(method) {
    var args = Array.prototype.slice.call(arguments);
    if (!connected()) {
      announce(t('Error_Offline'), 'error');
      return Promise.reject(new Error('offline'));
    }
    return connection.invoke.apply(connection, args);
  }

  function failed(error, onStale) {
    var refused = hubError(error);
    if (error && error.message === 'offline') {
      return refused;
    }
    if (refused.code === 'stale' && onStale) {
      onStale();
    } else if (refused.code) {
      announce(t('Error_Failed', refused.text), 'error');
    } else {
      announce(t('Error_Unknown'), 'error');
    }
    return refused;
  }

  // --- Question actions ----------------------------------------------------------------------------

  function applyQuestion(q) {
    var known = questions.get(q.id);
    if (!known || known.version <= q.version) {
      questions.set(q.id, q);
    }
  }

  /** A stale refusal: the card shows the fresh state with a notice; fetched if it has not come yet. */
  function markStale(id, sentVersion) {
    stale.add(id);
    focusAfter = null;
    var known = questions.get(id);
    var refresh = known && known.version <= sentVersion
      ? resync(function () { return connection.invoke('GetSnapshot', eventId); })
      : Promise.resolve();
    return refresh.catch(function () { }).then(function () {
      renderQueue();
      announce(t('Stale_Question', id), 'warning');
      var card = cardElement(id);
      if (isShown(card)) card.focus();
    });
  }

  /**
   * One action on one question with the version this console shows. Actions that move the question
   * to another column hand the focus on to its neighbour, so the next decision is one key away.
   * From a dialog, the dialog closes first (nothing outside a modal dialog can take the focus) and
   * refusals are the dialog's to show.
   */
  function questionAction(method, q, extra, resultText, movesAway, dialog) {
    if (busy.has(q.id)) {
      return Promise.resolve();
    }
    var card = cardElement(q.id);
    busy.add(q.id);
    if (movesAway) {
      focusAfter = { id: q.id, version: q.version, next: neighbourId(card), column: columnOf(q.status) };
    }
    return call.apply(null, [method, eventId, q.id, q.version].concat(extra)).then(function (updated) {
      busy.delete(q.id);
      stale.delete(q.id);
      if (dialog) closeDialog(dialog);
      applyQuestion(updated);
      renderQueue();
      announce(resultText(updated), 'ok');
      return updated;
    }, function (error) {
      busy.delete(q.id);
      if (focusAfter && focusAfter.id === q.id) focusAfter = null;
      if (!dialog) {
        failed(error, function () { markStale(q.id, q.version); });
      }
      throw error;
    });
  }

  function available(action, q) {
    return primaryActions(q).concat(moreActions(q)).indexOf(action) >= 0;
  }

  function act(action, q) {
    if (!available(action, q)) {
      announce(t('Result_notAvailable', q.id), 'warning');
      return;
    }
    var done = function (key) { return function () { return t(key, q.id); }; };
    var quiet = function () { };
    switch (action) {
      case 'approve': questionAction('ApproveQuestion', q, [], done('Result_approve'), true).catch(quiet); break;
      case 'stage': questionAction('StageQuestion', q, [], done('Result_stage'), true).catch(quiet); break;
      case 'unstage': questionAction('UnstageQuestion', q, [], done('Result_unstage'), true).catch(quiet); break;
      case 'answer': questionAction('MarkAnswered', q, [null], done('Result_answer'), true).catch(quiet); break;
      case 'reopen': questionAction('ReopenQuestion', q, [], done('Result_reopen'), true).catch(quiet); break;
      case 'pin': questionAction('PinQuestion', q, [true], done('Result_pin'), false).catch(quiet); break;
      case 'unpin': questionAction('PinQuestion', q, [false], done('Result_unpin'), false).catch(quiet); break;
      case 'reject': openDialog('reject', q); break;
      case 'answer-text': openDialog('answer', q); break;
      case 'edit': openDialog('edit', q); break;
      case 'merge': openDialog('merge', q); break;
      case 'move': openDialog('move', q); break;
    }
  }

  // --- Dialogs ------------------------------------------------------------------------------------

  var dialogSubject = null;
  var dialogReturn = null;

  function excerpt(text, length) {
    return text.length > length ? text.slice(0, length - 1) + '…' : text;
  }

  function openDialog(name, q) {
    var dialog = document.getElementById(name + '-dialog');
    var form = dialog.querySelector('form');
    dialogSubject = q ? { id: q.id, version: q.version, status: q.status } : null;
    dialogReturn = document.activeElement;
    form.reset();
    var error = dialog.querySelector('[data-dialog-error]');
    error.hidden = true;
    setText(error, '');
    var question = dialog.querySelector('[data-dialog-question]');
    if (question && q) {
      setText(question, t('Card_Number', q.id) + ': ' + q.text);
    }
    var submit = form.querySelector('[type="submit"]');
    submit.disabled = false;
    var first = null;
    if (name === 'reject') {
      first = form.querySelector('input[name="reason"]');
    } else if (name === 'edit') {
      first = form.elements.text;
      first.value = q.text;
      setText(dialog.querySelector('[data-dialog-original]'), q.originalText);
    } else if (name === 'answer') {
      first = form.elements.answer;
      first.value = q.answerText || '';
    } else if (name === 'merge') {
      var select = form.elements.survivor;
      var candidates = [];
      questions.forEach(function (other) {
        if (other.id !== q.id && ['pending', 'approved', 'onStage', 'answered'].indexOf(other.status) >= 0) {
          candidates.push(other);
        }
      });
      candidates.sort(function (a, b) { return a.id - b.id; });
      select.replaceChildren.apply(select, candidates.map(function (other) {
        return h('option', { value: String(other.id) }, [
          t('Card_Number', other.id) + ' (' + t('Status_' + other.status) + '): ' + excerpt(other.text, 90)
        ]);
      }));
      dialog.querySelector('[data-merge-none]').hidden = candidates.length > 0;
      select.disabled = candidates.length === 0;
      submit.disabled = candidates.length === 0;
      first = candidates.length > 0 ? select : dialog.querySelector('[data-dialog-cancel]');
    } else if (name === 'move') {
      first = form.elements.block;
      first.value = q.blockNumber === null ? '' : String(q.blockNumber);
    } else {
      first = dialog.querySelector('[data-dialog-cancel]');
    }
    dialog.showModal();
    if (first) first.focus();
  }

  function closeDialog(dialog) {
    if (dialog.open) dialog.close();
  }

  function dialogFailed(dialog, error, onStale) {
    var refused = hubError(error);
    if (refused.code === 'stale' && onStale) {
      closeDialog(dialog);
      onStale();
      return;
    }
    var box = dialog.querySelector('[data-dialog-error]');
    setText(box, error && error.message === 'offline' ? t('Error_Offline')
      : refused.code ? t('Error_Failed', refused.text) : t('Error_Unknown'));
    box.hidden = false;
  }

  function submitDialog(name, dialog, form) {
    var subject = dialogSubject;
    var q = subject ? questions.get(subject.id) : null;
    // The action carries the version the dialog was opened with: a change meanwhile makes it stale.
    var seen = subject ? Object.assign({}, q, { version: subject.version, status: subject.status }) : null;
    var withDialog = function (promise) {
      return promise.then(function () { closeDialog(dialog); }, function (error) {
        dialogFailed(dialog, error, seen ? function () { markStale(seen.id, seen.version); } : null);
      });
    };
    var result = function (key, extra) { return function () { return t(key, seen.id, extra); }; };
    switch (name) {
      case 'reject': {
        var reason = form.querySelector('input[name="reason"]:checked');
        if (!reason) {
          form.reportValidity();
          return;
        }
        withDialog(questionAction('RejectQuestion', seen, [reason.value], result('Result_reject'), true, dialog));
        return;
      }
      case 'edit':
        withDialog(questionAction('EditQuestion', seen, [form.elements.text.value], result('Result_edit'), false, dialog));
        return;
      case 'answer': {
        var answer = form.elements.answer.value.trim();
        withDialog(questionAction('MarkAnswered', seen, [answer === '' ? null : answer], result('Result_answer'), true, dialog));
        return;
      }
      case 'move': {
        var block = form.elements.block.value === '' ? null : Number(form.elements.block.value);
        withDialog(questionAction('MoveQuestion', seen, [block], result('Result_move', block === null ? t('Card_NoBlock') : t('Card_BlockNumber', block)), false, dialog));
        return;
      }
      case 'merge': {
        var survivor = questions.get(Number(form.elements.survivor.value));
        if (!survivor) return;
        focusAfter = { id: seen.id, version: seen.version, next: neighbourId(cardElement(seen.id)), column: columnOf(seen.status) };
        withDialog(call('MergeQuestions', eventId, survivor.id, survivor.version, seen.id, seen.version).then(function (kept) {
          stale.delete(seen.id);
          closeDialog(dialog);
          applyQuestion(kept);
          var merged = questions.get(seen.id);
          if (merged && merged.version === seen.version) {
            // The duplicate's own change comes with QueueChanged; until then it is gone here already.
            questions.set(seen.id, Object.assign({}, merged, { status: 'merged', mergedIntoId: survivor.id, version: merged.version + 1 }));
          }
          renderQueue();
          announce(t('Result_merge', seen.id, survivor.id), 'ok');
        }, function (error) {
          focusAfter = null;
          if (hubError(error).code === 'stale') {
            // Either question may have changed; the fresh state shows which.
            stale.add(survivor.id);
          }
          throw error;
        }));
        return;
      }
      case 'endEvent':
        withDialog(call('EndEvent', eventId, clock.version));
        return;
      case 'revoke':
        withDialog(call('RevokePresenterKey', eventId).then(function () {
          closeDialog(dialog);
          presenterKey = null;
          renderPresenter();
          announce(t('Result_presenterRevoked'), 'ok');
          document.getElementById('presenter-renew').focus();
        }));
        return;
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll('dialog.mod-dialog'), function (dialog) {
    var form = dialog.querySelector('form');
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      submitDialog(form.getAttribute('data-dialog'), dialog, form);
    });
    dialog.querySelector('[data-dialog-cancel]').addEventListener('click', function () { closeDialog(dialog); });
    dialog.addEventListener('close', function () {
      // Back to where the moderator was, unless an action already moved the focus on.
      var target = dialogReturn;
      dialogReturn = null;
      window.setTimeout(function () {
        if (document.activeElement && document.activeElement !== document.body && root.contains(document.activeElement) && !dialog.contains(document.activeElement)) {
          return;
        }
        if (target && target.isConnected && isShown(target)) {
          target.focus();
        } else if (dialogSubject) {
          focusCard(dialogSubject.id, null);
        }
      }, 0);
    });
  });

  // --- Sequence numbers -----------------------------------------------------------------------------

  function takeServerTime(clockView) {
    offsetMs = Date.parse(clockView.serverNow) - Date.now();
  }

  function applySnapshot(snapshot) {
    if (snapshot.role !== 'moderator' && snapshot.role !== 'organiser') {
      // Signed out meanwhile (or the assignment was removed): this console can do nothing more.
      role = snapshot.role;
      showConnection('offline', t('Connection_offline'));
      announce(t('Denied_Text'), 'error');
      connection.stop();
      throw new Error('not a moderator');
    }
    eventId = snapshot.eventId;
    seq = snapshot.seq;
    role = snapshot.role;
    event = snapshot.event;
    clock = snapshot.clock;
    settings = snapshot.questions;
    questions = new Map();
    (snapshot.queue || []).forEach(function (q) { questions.set(q.id, q); });
    backstage = snapshot.backstage || [];
    presenterKey = snapshot.presenterKey;
    takeServerTime(clock);
    rendered = {};
    renderAll();
  }

  function applyDelta(kind, message) {
    seq = message.seq;
    root.setAttribute('data-seq', String(seq));
    switch (kind) {
      case 'QueueChanged':
        message.questions.forEach(function (q) { questions.set(q.id, q); });
        renderQueue();
        break;
      case 'ClockChanged':
        clock = message.clock;
        takeServerTime(clock);
        renderClock();
        break;
      case 'EventUpdated':
        event = message.event;
        clock = message.clock;
        takeServerTime(clock);
        renderEvent();
        renderClock();
        // A changed agenda may add or remove blocks, whose question settings only a snapshot carries.
        resync(function () { return connection.invoke('GetSnapshot', eventId); }).catch(function () { });
        break;
      case 'QuestionSettingsChanged':
        settings = message.settings;
        renderSettings();
        break;
    }
  }

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

  // --- Connection -----------------------------------------------------------------------------------

  function showConnection(state, text) {
    el.connection.hidden = false;
    el.connection.setAttribute('data-state', state);
    setText(el.connection, text);
    root.setAttribute('data-connection', state);
  }

  var connection = live.liveConnection(signalR, ['QueueChanged', 'ClockChanged', 'EventUpdated', 'QuestionSettingsChanged'], receive);
  connection.on('VotesChanged', function (message) {
    if (message && message.eventId === eventId) applyVotes(message.votes || {});
  });
  connection.on('BackstageChanged', function (message) {
    if (message && message.eventId === eventId) {
      backstage = message.messages || [];
      renderBackstage();
    }
  });
  connection.on('ClockWarning', function (message) {
    if (!message || message.eventId !== eventId) return;
    // The warning carries the server's time: the countdown follows it from here.
    takeServerTime(message);
    setText(el.warning, t('Warning_' + message.level, message.blockNumber));
    renderRemaining();
  });
  connection.on('ViewerCount', function (message) {
    if (message && message.eventId === eventId) setText(el.viewers, String(message.viewers));
  });

  function join() {
    return resync(function () { return connection.invoke('JoinEvent', slug); }).then(function () {
      showConnection('connected', t('Connection_connected'));
      if (!everConnected) {
        everConnected = true;
        el.connection.setAttribute('aria-live', 'polite');
      }
    });
  }

  connection.onreconnecting(function () {
    showConnection('reconnecting', t('Connection_reconnecting'));
  });

  connection.onreconnected(function () {
    join().catch(function () { connection.stop(); });
  });

  var start = live.keepConnected(connection, {
    join: join,
    offline: function () { showConnection('offline', t('Connection_offline')); },
    retryAfterClose: function () { return role === 'moderator' || role === 'organiser'; }
  });

  // --- Controls -------------------------------------------------------------------------------------

  function questionOf(node) {
    var card = node && node.closest ? node.closest('.q-card') : null;
    return card ? questions.get(Number(card.getAttribute('data-id'))) : null;
  }

  el.columns.addEventListener('click', function (e) {
    var button = e.target.closest('button[data-action]');
    if (!button) return;
    var menu = button.closest('details');
    if (menu) {
      // Done with the menu: the card comes back without it open.
      menu.open = false;
      var summary = menu.querySelector('summary');
      if (summary) summary.focus();
    }
    var q = questionOf(button);
    if (q) act(button.getAttribute('data-action'), q);
  });

  el.columns.addEventListener('change', function (e) {
    if (e.target === el.selectAll) {
      Array.prototype.forEach.call(root.querySelectorAll('[data-list="incoming"] > li'), function (li) {
        if (li.hidden) return;
        var id = Number(li.getAttribute('data-id'));
        if (el.selectAll.checked) selected.add(id); else selected.delete(id);
        li.querySelector('[data-select]').checked = el.selectAll.checked;
      });
      renderBulk();
      return;
    }
    if (e.target.hasAttribute('data-select')) {
      var q = questionOf(e.target);
      if (!q) return;
      if (e.target.checked) selected.add(q.id); else selected.delete(q.id);
      renderBulk();
    }
  });

  el.columns.addEventListener('focusout', function (e) {
    var list = root.querySelector('[data-list="approved"]');
    if (reorderLater && list.contains(e.target) && !list.contains(e.relatedTarget)) {
      renderQueue();
    }
  });

  el.bulkApprove.addEventListener('click', function () {
    var refs = [];
    selected.forEach(function (id) {
      var q = questions.get(id);
      if (q && q.status === 'pending') refs.push({ questionId: q.id, version: q.version });
    });
    if (refs.length === 0) return;
    call('BulkApprove', eventId, refs).then(function (result) {
      selected.clear();
      var staleIds = result.refused.filter(function (r) { return r.code === 'stale'; }).map(function (r) { return r.questionId; });
      staleIds.forEach(function (id) { stale.add(id); });
      renderQueue();
      announce(result.refused.length === 0
        ? t('Result_bulk', result.approved.length)
        : t('Result_bulkRefused', result.approved.length, result.refused.length), result.refused.length === 0 ? 'ok' : 'warning');
      el.bulkApprove.focus();
    }, function (error) { failed(error); });
  });

  el.filterForm.addEventListener('submit', function (e) { e.preventDefault(); });
  // Typing and choosing both fire "input"; filtering only hides cards, so focus and ticks stay.
  el.filterForm.addEventListener('input', function () {
    applyFilter();
    renderBulk();
  });

  // Clock commands.
  el.clock.addEventListener('click', function (e) {
    var button = e.target.closest('button[data-clock]');
    if (!button) return;
    var command = button.getAttribute('data-clock');
    var calls = {
      startEvent: ['StartEvent'],
      nextBlock: ['NextBlock'],
      pauseBlock: ['PauseBlock'],
      resumeBlock: ['ResumeBlock'],
      endBlock: ['EndBlock'],
      extend5: ['ExtendBlock', 5],
      extend1: ['ExtendBlock', 1],
      startBlock: ['StartBlock', Number(el.startBlock.value)]
    };
    if (command === 'endEvent') {
      openDialog('end-event', null);
      return;
    }
    var spec = calls[command];
    if (!spec) return;
    // With the clock version this console shows: a second moderator's "next block" gets "stale".
    clockCommand(spec[0], spec.slice(1)).then(function (changed) {
      if (spec[0] === 'ExtendBlock') {
        announce(t('Result_extend', changed.clock.currentBlock, spec[1]), 'ok');
      }
    }, function (error) {
      if (spec[0] === 'StartEvent' && hubError(error).code === 'event-is-draft' && window.confirm(t('Clock_ConfirmScheduleAndStart'))) {
        // A draft cannot start as it is; confirmed, it is scheduled and started in one step.
        call('ScheduleAndStartEvent', eventId, clock.version).catch(function (again) { failed(again); });
        return;
      }
      failed(error, function () {
        resync(function () { return connection.invoke('GetSnapshot', eventId); }).catch(function () { });
        announce(t('Error_Failed', hubError(error).text), 'warning');
      });
    });
  });

  function clockCommand(method, args) {
    return call.apply(null, [method, eventId, clock.version].concat(args));
  }

  el.autoAdvance.addEventListener('change', function () {
    var wanted = el.autoAdvance.checked;
    clockCommand('SetAutoAdvance', [wanted]).then(function () {
      announce(t(wanted ? 'Result_autoAdvanceOn' : 'Result_autoAdvanceOff'), 'ok');
    }, function (error) {
      el.autoAdvance.checked = clock ? clock.autoAdvance : !wanted;
      failed(error);
    });
  });

  // Question settings, with the settings version this console shows.
  function settingsAction(method, args) {
    var sent = settings.settingsVersion;
    return call.apply(null, [method, eventId, sent].concat(args)).then(function (after) {
      if (after.settingsVersion > settings.settingsVersion) {
        settings = after;
        renderSettings();
      }
      announce(t('Result_settings'), 'ok');
    }, function (error) {
      failed(error, function () {
        var refresh = settings.settingsVersion <= sent
          ? resync(function () { return connection.invoke('GetSnapshot', eventId); })
          : Promise.resolve();
        refresh.catch(function () { }).then(function () {
          renderSettings();
          announce(t('Stale_Settings'), 'warning');
        });
      });
      renderSettings();
    });
  }

  el.autoApprove.addEventListener('change', function () {
    settingsAction('SetAutoApprove', [el.autoApprove.checked]);
  });

  el.settings.addEventListener('click', function (e) {
    var button = e.target.closest('button[data-questions-state]');
    if (!button || button.getAttribute('aria-pressed') === 'true') return;
    var scope = button.closest('[data-scope]').getAttribute('data-scope');
    settingsAction('SetQuestionsState', [button.getAttribute('data-questions-state'), scope === '' ? null : Number(scope)]);
  });

  // Backstage.
  el.backstageForm.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = el.backstageText.value.trim();
    if (text === '') {
      el.backstageForm.reportValidity();
      return;
    }
    call('SendBackstageMessage', eventId, text).then(function (messages) {
      backstage = messages;
      renderBackstage();
      el.backstageText.value = '';
      announce(t('Result_backstageSent'), 'ok');
    }, function (error) { failed(error); });
  });

  el.backstageList.addEventListener('click', function (e) {
    var button = e.target.closest('button[data-dismiss]');
    if (!button) return;
    var item = button.closest('li');
    var next = item.nextElementSibling || item.previousElementSibling;
    var nextId = next ? next.getAttribute('data-message-id') : null;
    call('DismissBackstageMessage', eventId, Number(button.getAttribute('data-dismiss'))).then(function (messages) {
      backstage = messages;
      renderBackstage();
      announce(t('Result_backstageDismissed'), 'ok');
      var target = nextId ? el.backstageList.querySelector('[data-dismiss="' + nextId + '"]') : null;
      (target || el.backstageText).focus();
    }, function (error) { failed(error); });
  });

  // A question from elsewhere.
  el.addForm.addEventListener('submit', function (e) {
    e.preventDefault();
    var form = el.addForm;
    var optional = function (value) { value = value.trim(); return value === '' ? null : value; };
    var request = {
      text: form.elements.text.value,
      displayName: optional(form.elements.displayName.value),
      organisation: optional(form.elements.organisation.value),
      source: form.elements.source.value,
      blockNumber: form.elements.blockNumber.value === '' ? null : Number(form.elements.blockNumber.value)
    };
    call('AddQuestion', eventId, request).then(function (added) {
      applyQuestion(added);
      renderQueue();
      form.elements.text.value = '';
      form.elements.displayName.value = '';
      form.elements.organisation.value = '';
      announce(t('Result_add', added.id), 'ok');
      form.elements.text.focus();
    }, function (error) { failed(error); });
  });

  // The presenter link.
  document.getElementById('presenter-copy').addEventListener('click', function () {
    var url = presenterUrl();
    if (url === null) return;
    var fallback = function () {
      el.presenterUrl.focus();
      el.presenterUrl.select();
      var copied = false;
      try { copied = document.execCommand('copy'); } catch (ignored) { copied = false; }
      announce(copied ? t('Result_copied') : t('Result_copyFailed'), copied ? 'ok' : 'warning');
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { announce(t('Result_copied'), 'ok'); }, fallback);
    } else {
      fallback();
    }
  });

  if (el.presenterRenew) {
    el.presenterRenew.addEventListener('click', function () {
      call('RegeneratePresenterKey', eventId).then(function (key) {
        presenterKey = key;
        renderPresenter();
        announce(t('Result_presenterRenewed'), 'ok');
      }, function (error) { failed(error); });
    });
    el.presenterRevoke.addEventListener('click', function () { openDialog('revoke', null); });
  }

  // --- Tabs on narrow screens -------------------------------------------------------------------------

  var narrow = window.matchMedia('(max-width: 47.99em)');
  var activeColumn = 'incoming';

  function selectTab(column, focus) {
    activeColumn = column;
    Array.prototype.forEach.call(el.tabs.querySelectorAll('[role="tab"]'), function (tab) {
      var on = tab.getAttribute('data-column') === column;
      tab.setAttribute('aria-selected', on ? 'true' : 'false');
      tab.setAttribute('tabindex', on ? '0' : '-1');
      if (on && focus) tab.focus();
    });
    Array.prototype.forEach.call(el.columns.querySelectorAll('.mod-column'), function (section) {
      section.classList.toggle('is-active', section.getAttribute('data-column') === column);
    });
  }

  function applyLayout() {
    Array.prototype.forEach.call(el.columns.querySelectorAll('.mod-column'), function (section) {
      var column = section.getAttribute('data-column');
      if (narrow.matches) {
        section.setAttribute('role', 'tabpanel');
        section.setAttribute('aria-labelledby', 'tab-' + column);
      } else {
        section.removeAttribute('role');
        section.setAttribute('aria-labelledby', 'col-' + column + '-heading');
      }
    });
  }

  el.tabs.hidden = false;
  root.classList.add('has-tabs');
  selectTab(activeColumn, false);
  applyLayout();
  if (narrow.addEventListener) narrow.addEventListener('change', applyLayout);

  el.tabs.addEventListener('click', function (e) {
    var tab = e.target.closest('[role="tab"]');
    if (tab) selectTab(tab.getAttribute('data-column'), false);
  });

  el.tabs.addEventListener('keydown', function (e) {
    var index = COLUMNS.indexOf(activeColumn);
    var target = e.key === 'ArrowRight' ? (index + 1) % COLUMNS.length
      : e.key === 'ArrowLeft' ? (index + COLUMNS.length - 1) % COLUMNS.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? COLUMNS.length - 1
      : -1;
    if (target < 0) return;
    e.preventDefault();
    selectTab(COLUMNS[target], true);
  });

  // --- Keyboard shortcuts (listed in ShortcutHelp.razor) --------------------------------------------------

  function typing(target) {
    if (!target || !target.tagName) return false;
    if (target.isContentEditable) return true;
    var tag = target.tagName;
    if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
    if (tag === 'INPUT') {
      return ['checkbox', 'radio', 'button', 'submit', 'reset'].indexOf((target.type || '').toLowerCase()) < 0;
    }
    return false;
  }

  function shownCards() {
    return Array.prototype.filter.call(el.columns.querySelectorAll('.q-card'), isShown);
  }

  function move(step) {
    var cards = shownCards();
    if (cards.length === 0) return;
    var index = cards.indexOf(currentCard());
    var next = index < 0 ? (step > 0 ? 0 : cards.length - 1) : Math.min(cards.length - 1, Math.max(0, index + step));
    cards[next].focus();
  }

  var keyActions = { a: 'approve', r: 'reject', s: 'stage', b: 'answer', e: 'edit' };

  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (document.querySelector('dialog[open]')) return;
    var key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    var inCard = !!currentCard();
    if (key === 'j' || (key === 'ArrowDown' && inCard)) {
      e.preventDefault();
      move(1);
      return;
    }
    if (key === 'k' || (key === 'ArrowUp' && inCard)) {
      e.preventDefault();
      move(-1);
      return;
    }
    if (key === '/') {
      e.preventDefault();
      el.filterText.focus();
      return;
    }
    var action = keyActions[key] || (key === 'p' ? 'pin' : null);
    if (!action) return;
    e.preventDefault();
    var q = questionOf(document.activeElement);
    if (!q) {
      announce(t('Result_noQuestion'), 'warning');
      return;
    }
    if (action === 'pin' && q.pinned) action = 'unpin';
    act(action, q);
  });

  // --- Start ------------------------------------------------------------------------------------------

  // Count down from what the server rendered until the snapshot arrives.
  var renderedEndsAt = el.remaining.getAttribute('data-ends-at');
  var renderedNow = el.remaining.getAttribute('data-server-now');
  if (renderedEndsAt && renderedNow) {
    offsetMs = Date.parse(renderedNow) - Date.now();
    clock = { current: { state: 'running', endsAt: renderedEndsAt, remainingSeconds: 0 } };
    renderRemaining();
  }

  showConnection('connecting', t('Connection_connecting'));
  start();
})();
