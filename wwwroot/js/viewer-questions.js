/*
 * The public questions (QuestionList.razor, QuestionItem.razor, OnStageQuestion.razor): the list in
 * the viewer's order, votes, holding live updates (WCAG 2.2.2), the question on stage, and "Weitere
 * Fragen laden" for what the snapshot's first page left out (the pages' rules in viewer-pages.js).
 * page: { root, t, words, state, connection(), announce(text), questionsShown() }
 */
import { setText, field, cloneTemplate, syncList, refusal, refusalText } from './viewer-dom.js';
import { isPublic, publicPart, sortQuestions, author, votesWord } from './viewer-words.js';
import { questionPages } from './viewer-pages.js';

export function questionsView(page) {
  var t = page.t;
  var state = page.state;
  var root = page.root;
  function byId(id) { return document.getElementById(id); }
  var listEl = byId('question-list');
  var emptyEl = byId('questions-empty');
  var voteError = byId('vote-error');
  var liveControl = byId('live-control');
  var liveToggle = byId('live-toggle');
  var heldEl = byId('live-held');
  var stageEl = byId('on-stage');
  var moreForm = byId('questions-more');
  var moreButton = byId('questions-more-button');
  var moreError = byId('questions-more-error');
  var pages = questionPages(function (beforeId) {
    return page.connection().invoke('GetPublicQuestions', state.eventId, beforeId);
  }, publicPart);
  if (root.getAttribute('data-whole-list') === 'true') {
    pages.wantAll();
  }
  var paused = false;
  var held = 0;
  var heldNew = [];
  var firstRender = true;

  function all() {
    return Object.keys(state.questions).map(function (id) { return state.questions[id]; });
  }

  /** Fills a question's <li> as QuestionItem.razor renders it. */
  function fill(li, q) {
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
    setText(field(li, 'author'), author(t, q));
    var time = field(li, 'created');
    time.setAttribute('datetime', new Date(q.createdAt).toISOString());
    setText(time, page.words.ago(q.createdAt));
    field(li, 'answer').hidden = !q.answerText;
    setText(field(li, 'answerText'), q.answerText || '');
    var vote = li.querySelector('[data-action="vote"]');
    vote.hidden = answered;
    vote.setAttribute('aria-describedby', id + '-text');
    vote.setAttribute('aria-pressed', state.myVotes[q.id] ? 'true' : 'false');
    setText(field(li, 'votes'), String(q.votes));
    setText(field(li, 'votesWord'), ' ' + votesWord(t, q.votes));
    var total = field(li, 'votesTotal');
    total.hidden = !answered;
    setText(total, q.votes + ' ' + votesWord(t, q.votes));
  }

  /** The box at the top: the question on stage, or nothing. */
  function renderStage() {
    var q = all().filter(function (x) { return x.status === 'onStage'; })[0];
    stageEl.hidden = !q;
    setText(field(stageEl, 'text'), q ? q.text : '');
    setText(field(stageEl, 'author'), q ? author(t, q) : '');
  }

  function render() {
    var created = syncList(listEl, sortQuestions(all(), state.sort), function (q) { return String(q.id); }, 'data-question-id',
      function () { return cloneTemplate('question-template'); }, fill);
    emptyEl.hidden = listEl.children.length > 0;
    if (!firstRender) {
      created.forEach(function (li) {
        li.classList.add('question-new');
        setTimeout(function () { li.classList.remove('question-new'); }, 1500);
      });
    }
    firstRender = false;
    moreForm.hidden = !pages.more();
    renderStage();
    page.questionsShown();
  }

  /** Shows the list as it is now, including what live updates held back (sorting, loading more). */
  function showNow() {
    render();
    held = 0;
    heldNew = [];
    if (paused) {
      renderHeld();
    }
  }

  function renderHeld() {
    heldEl.hidden = !paused;
    setText(heldEl, held === 0 ? t('Live_HeldNone') : held === 1 ? t('Live_HeldOne') : t('Live_Held', held));
  }

  function announceNew(items) {
    if (items.length === 1) {
      page.announce(t('Announce_NewQuestion', items[0].text));
    } else if (items.length > 1) {
      page.announce(t('Announce_NewQuestions', items.length));
    }
  }

  /** The list changed: show it, or, while live updates are held, count what waits. */
  function changed(newOnes, staged) {
    if (paused) {
      held += 1;
      heldNew = heldNew.concat(newOnes);
      renderHeld();
      // The question on stage is news even while the list holds still.
      renderStage();
      return;
    }
    render();
    if (staged) {
      page.announce(t('Announce_OnStage', staged.text));
    } else {
      announceNew(newOnes);
    }
  }

  /** Applies changed questions (QuestionsChanged, QueueChanged). */
  function take(list) {
    var newOnes = [];
    var staged = null;
    list.forEach(function (q) {
      var before = state.questions[q.id];
      if (!isPublic(q.status)) {
        delete state.questions[q.id];
        return;
      }
      // A question becomes public as "approved"; any other one not shown yet is an older one the
      // first page left out, which changed (answered, say): it joins the list but is no news.
      if (!before && q.status === 'approved') {
        newOnes.push(q);
      }
      if (q.status === 'onStage' && (!before || before.status !== 'onStage')) {
        staged = q;
      }
      state.questions[q.id] = publicPart(q);
    });
    changed(newOnes, staged);
  }

  /** Votes for a question (or takes the vote back); button shows the wait. Resolves when done. */
  function vote(id, up, button) {
    setText(voteError, '');
    if (!state.joined) {
      setText(voteError, t('Error_Offline'));
      return Promise.resolve();
    }
    if (button.getAttribute('aria-busy') === 'true') {
      return Promise.resolve();
    }
    // Not disabled while waiting: a disabled button would lose the keyboard focus.
    button.setAttribute('aria-busy', 'true');
    return page.connection().invoke('Vote', state.eventId, id, up).then(function (result) {
      button.removeAttribute('aria-busy');
      if (result.voted) {
        state.myVotes[id] = true;
      } else {
        delete state.myVotes[id];
      }
      var q = state.questions && state.questions[id];
      if (!q) {
        return;
      }
      q.votes = result.votes;
      // One's own vote shows at once; while live updates are held, the list keeps its order.
      var li = listEl.querySelector('li[data-question-id="' + id + '"]');
      if (paused && li) {
        fill(li, q);
      } else {
        render();
      }
    }, function (error) {
      button.removeAttribute('aria-busy');
      setText(voteError, refusalText(t, refusal(error) || { code: '', text: t('Error_Offline') }, 'vote'));
    });
  }

  listEl.addEventListener('click', function (e) {
    var button = e.target.closest('[data-action="vote"]');
    if (button) {
      var id = Number(button.closest('li[data-question-id]').getAttribute('data-question-id'));
      vote(id, button.getAttribute('aria-pressed') !== 'true', button);
    }
  });

  /** Absolute vote counts (VotesChanged): the last one received is right. */
  function votesChanged(votes) {
    var any = false;
    Object.keys(votes).forEach(function (id) {
      if (state.questions[id] && state.questions[id].votes !== votes[id]) {
        state.questions[id].votes = votes[id];
        any = true;
      }
    });
    if (any) {
      changed([], null);
    }
  }

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
    sortQuestions(items, state.sort).forEach(function (item) { listEl.appendChild(item.li); });
  }

  Array.prototype.forEach.call(document.querySelectorAll('#sort-form input[name="sortierung"]'), function (radio) {
    radio.addEventListener('change', function () {
      if (!radio.checked) {
        return;
      }
      state.sort = radio.value === 'neueste' ? 'neueste' : 'stimmen';
      root.setAttribute('data-sort', state.sort);
      // A reload keeps the order the viewer chose.
      var url = new URL(window.location.href);
      url.searchParams.set('sortierung', state.sort);
      window.history.replaceState(null, '', url.toString());
      if (state.questions) {
        showNow();
      } else {
        sortRendered();
      }
    });
  });

  byId('sort-form').addEventListener('submit', function (e) { e.preventDefault(); });

  /** "Weitere Fragen laden": the next page, announced; the focus stays on the button, or, once it goes, on the first new question. */
  function loadMore() {
    setText(moreError, '');
    if (!state.joined || !state.questions) {
      setText(moreError, t('Error_Offline'));
      return Promise.resolve();
    }
    if (moreButton.getAttribute('aria-busy') === 'true') {
      return Promise.resolve();
    }
    // Not disabled while waiting: a disabled button would lose the keyboard focus.
    moreButton.setAttribute('aria-busy', 'true');
    return pages.loadMore(state).then(function (added) {
      moreButton.removeAttribute('aria-busy');
      var hadFocus = document.activeElement === moreButton;
      showNow();
      page.announce(added.length === 1 ? t('Announce_MoreLoadedOne') : t('Announce_MoreLoaded', added.length));
      if (hadFocus && moreForm.hidden) {
        var ids = {};
        added.forEach(function (q) { ids[q.id] = true; });
        var first = Array.prototype.filter.call(listEl.children, function (li) { return ids[li.getAttribute('data-question-id')]; })[0]
          || listEl.lastElementChild || listEl;
        first.setAttribute('tabindex', '-1');
        first.focus();
      }
    }, function (error) {
      moreButton.removeAttribute('aria-busy');
      var found = refusal(error);
      setText(moreError, found && found.text ? found.text : t('Error_MoreFailed'));
    });
  }

  moreForm.addEventListener('submit', function (e) {
    e.preventDefault();
    loadMore();
  });

  liveControl.hidden = false;
  liveToggle.addEventListener('click', function () {
    paused = !paused;
    setText(liveToggle, paused ? t('Live_Resume') : t('Live_Pause'));
    if (!paused) {
      var waiting = heldNew;
      held = 0;
      heldNew = [];
      if (state.questions) {
        render();
      }
      announceNew(waiting.filter(function (q) { return state.questions && state.questions[q.id]; }));
    }
    renderHeld();
  });

  // "vor 3 Minuten" moves on by itself (not while the viewer holds the page still).
  setInterval(function () {
    if (paused) {
      return;
    }
    Array.prototype.forEach.call(root.querySelectorAll('time[data-field="created"]'), function (time) {
      var at = time.getAttribute('datetime');
      if (at) {
        setText(time, page.words.ago(at));
      }
    });
  }, 30000);

  return {
    render: render,
    changed: changed,
    take: take,
    vote: vote,
    votesChanged: votesChanged,
    paused: function () { return paused; },
    /** A promise of the pages to show with this new snapshot (what the viewer had loaded). */
    pagesFor: pages.pagesFor,
    /** Merges those pages into the new snapshot's list (state already holds the snapshot). */
    takeSnapshot: function (snapshot, fetchedPages) {
      pages.takeSnapshot(state, snapshot, fetchedPages);
      moreForm.hidden = !pages.more();
    }
  };
}
