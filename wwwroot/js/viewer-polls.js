/*
 * The open poll on the viewers' page (Viewer/ViewerPoll.razor): fills the server's frame and
 * <template>s from the hub (snapshot polls and myPollAnswers, PollChanged, PollResultsChanged) and
 * sends the viewer's answer (AnswerPoll, or ChangePollAnswer once there is one). The rules are plain
 * functions, tested with `node --test tests/js/viewer-polls.test.mjs`; the DOM part is pollView.
 * page: { t (viewer texts), state, connection(), announce }
 */
import { translator } from './viewer-words.js';
import { setText, field, cloneTemplate, syncList, refusal } from './viewer-dom.js';
import { formatSeconds } from './live-shared.js';

/** The chart's drawing size (PollResultsView's BarChart uses the same): 320 wide, one 28 high row per answer. */
var CHART_WIDTH = 320;
var ROW_HEIGHT = 28;

/** The poll to show: the one open now (the latest opened), else the latest closed one whose results are public. */
export function shownPoll(polls) {
  var list = Object.keys(polls || {}).map(function (id) { return polls[id]; });
  var latest = function (a, b) { return Date.parse(b.openedAt || 0) - Date.parse(a.openedAt || 0) || b.id - a.id; };
  var open = list.filter(function (p) { return p.state === 'open'; }).sort(latest);
  if (open.length > 0) {
    return open[0];
  }
  var closed = list.filter(function (p) { return p.state === 'closed' && p.results; }).sort(latest);
  return closed.length > 0 ? closed[0] : null;
}

/**
 * The hub's answer object from what the viewer entered.
 * values: { choices: [numbers] (single, multiple, rating), words: [strings], text: string }
 */
export function answerOf(poll, values) {
  switch (poll.kind) {
    case 'single':
    case 'multiple':
      return { choices: values.choices.slice(), rating: null, words: null, text: null };
    case 'rating':
      return { choices: null, rating: values.choices.length === 1 ? values.choices[0] : null, words: null, text: null };
    case 'wordCloud':
      return { choices: null, rating: null, words: values.words.map(function (w) { return w.trim(); }).filter(function (w) { return w !== ''; }), text: null };
    default:
      return { choices: null, rating: null, words: null, text: values.text.trim() };
  }
}

/** What is wrong with the answer before it is sent ({ key, arg } for the texts), or null. The server checks again. */
export function answerProblem(poll, answer) {
  switch (poll.kind) {
    case 'single':
      return answer.choices.length === 1 ? null : { key: 'Viewer_Choose' };
    case 'multiple':
      if (answer.choices.length === 0) return { key: 'Viewer_Choose' };
      return answer.choices.length > poll.maxChoices ? { key: 'Viewer_TooMany', arg: poll.maxChoices } : null;
    case 'rating':
      return answer.rating === null ? { key: 'Viewer_Choose' } : null;
    case 'wordCloud':
      return answer.words.length === 0 ? { key: 'Viewer_Choose' } : null;
    default:
      return answer.text.length < 3 ? { key: 'Viewer_Choose' } : null;
  }
}

/** The inputs a poll asks for: radios, checkboxes, a rating scale, word fields or one text area. */
export function inputsOf(poll) {
  switch (poll.kind) {
    case 'single':
    case 'multiple':
      return poll.options.map(function (o) {
        return { kind: poll.kind === 'single' ? 'radio' : 'checkbox', value: o.number, label: o.text };
      });
    case 'rating':
      var scale = [];
      for (var i = 1; i <= (poll.scaleMax || 5); i++) {
        scale.push({ kind: 'radio', value: i, label: String(i) });
      }
      return scale;
    case 'wordCloud':
      var words = [];
      for (var n = 1; n <= Math.max(1, poll.maxChoices); n++) {
        words.push({ kind: 'word', value: n, label: null });
      }
      return words;
    default:
      return [{ kind: 'text', value: 1, label: null }];
  }
}

/** The hint under the question: how many choices, or what the ends of the scale mean. */
export function hintOf(t, poll) {
  if (poll.kind === 'multiple') {
    return t('Viewer_MaxChoices', poll.maxChoices);
  }
  if (poll.kind === 'rating' && (poll.lowLabel || poll.highLabel)) {
    return t('Rating_Ends', poll.lowLabel || '1', poll.scaleMax || 5, poll.highLabel || '');
  }
  return '';
}

/** The results' rows with their shares in the page's language. */
export function resultRows(results, lang) {
  var total = results.items.reduce(function (sum, i) { return sum + i.count; }, 0);
  var percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  return results.items.map(function (i) {
    return { key: i.key, label: i.label, count: i.count, share: percent.format(total === 0 ? 0 : i.count / total) };
  });
}

/**
 * How the results are shown: 'table' (options and ratings: a table and the bar chart beside it),
 * 'words' (a word cloud's words with their counts) or 'texts' (the approved text answers).
 */
export function resultsShape(kind) {
  return kind === 'wordCloud' ? 'words' : kind === 'text' ? 'texts' : 'table';
}

/**
 * The bars of the chart for the rows of resultRows: each bar as long as its count against the largest
 * (room left for the share after it), one row below the other. Also the chart's height for its viewBox.
 */
export function barLayout(rows) {
  var max = Math.max.apply(null, [1].concat(rows.map(function (r) { return r.count; })));
  return {
    height: Math.max(1, rows.length) * ROW_HEIGHT,
    bars: rows.map(function (r, i) {
      var width = Math.round((CHART_WIDTH - 60) * r.count / max);
      var y = i * ROW_HEIGHT;
      return { key: r.key, width: width, y: y + 4, valueX: width + 6, valueY: y + ROW_HEIGHT / 2 + 5, share: r.share };
    })
  };
}

/** The list under a word cloud ("Personal: 3") or the approved texts, with its heading; empty when shape is 'table'. */
export function listOf(t, kind, results) {
  var shape = resultsShape(kind);
  if (shape === 'table') return { heading: '', items: [] };
  return {
    heading: t(shape === 'words' ? 'Words_Heading' : 'Text_Heading'),
    items: results.items.length === 0 && shape === 'texts'
      ? [{ key: 'none', text: t('Text_None') }]
      : results.items.map(function (i) { return { key: i.key, text: shape === 'words' ? t('Words_Item', i.label, i.count) : i.label }; })
  };
}

/**
 * "Noch 0:45 zum Abstimmen" while an open poll has a time limit, from the server's closesAt and the
 * server's time line (serverNowMs), never from a local count that drifts; '' otherwise. At zero it
 * stays at 0:00 until the server's PollChanged closes the poll.
 */
export function closesInText(t, poll, serverNowMs) {
  if (!poll || poll.state !== 'open' || !poll.closesAt) return '';
  var seconds = Math.max(0, Math.floor((Date.parse(poll.closesAt) - serverNowMs) / 1000));
  return t('Stage_ClosesIn', formatSeconds(seconds));
}

/** Milliseconds until the shown second changes (just after it, so the display never lags a second). */
export function untilNextSecond(poll, serverNowMs) {
  var ms = Date.parse(poll.closesAt) - serverNowMs;
  return (((ms % 1000) + 1000) % 1000) + 20;
}

export function respondentsText(t, count) {
  return count === 0 ? t('Respondents_None') : count === 1 ? t('Respondents_One') : t('Respondents', count);
}

export function pollView(page) {
  var section = document.getElementById('poll');
  var textsEl = document.getElementById('poll-texts');
  if (!section || !textsEl) {
    return { take: function () {}, changed: function () {}, results: function () {} };
  }
  var texts = JSON.parse(textsEl.textContent);
  var t = translator(texts);
  var form = document.getElementById('poll-form');
  var inputs = document.getElementById('poll-inputs');
  var hint = document.getElementById('poll-hint');
  var error = document.getElementById('poll-error');
  var status = document.getElementById('poll-status');
  var submit = document.getElementById('poll-submit');
  var countdown = document.getElementById('poll-countdown');
  var chart = document.getElementById('poll-chart');
  var polls = {};
  var mine = {};
  var shownKey = null;
  var countdownTimer = null;

  function take(list, myAnswers) {
    polls = {};
    (list || []).forEach(function (p) { polls[p.id] = p; });
    mine = {};
    (myAnswers || []).forEach(function (a) { mine[a.pollId] = a.answer; });
    render();
  }

  function changed(poll) {
    polls[poll.id] = poll;
    render();
  }

  function results(pollId, counted) {
    if (polls[pollId]) {
      polls[pollId] = Object.assign({}, polls[pollId], { results: counted });
      render();
    }
  }

  function buildInputs(poll) {
    inputs.replaceChildren();
    var name = 'poll-' + poll.id;
    inputsOf(poll).forEach(function (item) {
      var el = cloneTemplate(item.kind === 'word' ? 'poll-word-template' : item.kind === 'text' ? 'poll-text-template' : 'poll-choice-template');
      var input = field(el, 'input');
      var label = field(el, 'label');
      var id = name + '-' + item.kind + '-' + item.value;
      input.id = id;
      label.setAttribute('for', id);
      if (item.kind === 'radio' || item.kind === 'checkbox') {
        input.type = item.kind;
        input.name = name;
        input.value = String(item.value);
        setText(label, item.label);
      } else {
        input.name = name;
        setText(label, item.kind === 'word' ? t('Viewer_Word', item.value) : t('Viewer_Text'));
      }
      inputs.appendChild(el);
    });
    var hintText = hintOf(t, poll);
    hint.hidden = hintText === '';
    setText(hint, hintText);
    if (hintText !== '') {
      inputs.closest('fieldset').setAttribute('aria-describedby', 'poll-hint');
    } else {
      inputs.closest('fieldset').removeAttribute('aria-describedby');
    }
  }

  function fill(poll, answer) {
    if (!answer) return;
    var chosen = (answer.choices || (answer.rating ? [answer.rating] : [])).map(String);
    inputs.querySelectorAll('input[type="radio"], input[type="checkbox"]').forEach(function (i) { i.checked = chosen.indexOf(i.value) >= 0; });
    inputs.querySelectorAll('input[type="text"]').forEach(function (i, n) { i.value = (answer.words || [])[n] || ''; });
    var area = inputs.querySelector('textarea');
    if (area) area.value = answer.text || '';
  }

  /** At most k checkboxes: the others are disabled once k are ticked. */
  function limitChoices(poll) {
    if (poll.kind !== 'multiple') return;
    var boxes = inputs.querySelectorAll('input[type="checkbox"]');
    var ticked = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
    boxes.forEach(function (b) { b.disabled = !b.checked && ticked >= poll.maxChoices; });
  }

  function renderCountdown() {
    clearTimeout(countdownTimer);
    var poll = shownPoll(polls);
    var text = closesInText(t, poll, page.serverNow());
    setText(countdown, text);
    countdown.hidden = text === '';
    if (text !== '') {
      countdownTimer = setTimeout(renderCountdown, untilNextSecond(poll, page.serverNow()));
    }
  }

  function renderResults(poll) {
    var shape = resultsShape(poll.kind);
    document.getElementById('poll-figure').hidden = shape !== 'table';
    document.getElementById('poll-list').hidden = shape === 'table';
    setText(document.getElementById('poll-respondents'), respondentsText(t, poll.results.respondents));
    if (shape !== 'table') {
      var list = listOf(t, poll.kind, poll.results);
      setText(document.getElementById('poll-list-heading'), list.heading);
      syncList(document.getElementById('poll-items'), list.items, function (i) { return i.key; }, 'data-key',
        function () { return cloneTemplate('poll-item-template'); },
        function (li, i) { setText(li, i.text); });
      return;
    }
    setText(document.getElementById('poll-caption'), t('Table_Caption', poll.question));
    var rows = resultRows(poll.results, texts.lang);
    syncList(document.getElementById('poll-rows'), rows, function (r) { return r.key; }, 'data-key',
      function () { return cloneTemplate('poll-row-template'); },
      function (tr, r) {
        setText(field(tr, 'label'), r.label);
        setText(field(tr, 'count'), String(r.count));
        setText(field(tr, 'share'), r.share);
      });
    var layout = barLayout(rows);
    chart.setAttribute('viewBox', '0 0 ' + CHART_WIDTH + ' ' + layout.height);
    syncList(chart, layout.bars, function (b) { return b.key; }, 'data-key',
      function () { return document.getElementById('poll-bar-template').content.querySelector('g').cloneNode(true); },
      function (g, b) {
        var bar = field(g, 'bar');
        bar.setAttribute('y', String(b.y));
        bar.setAttribute('width', String(b.width));
        var value = field(g, 'value');
        value.setAttribute('x', String(b.valueX));
        value.setAttribute('y', String(b.valueY));
        setText(value, b.share);
      });
  }

  function render() {
    var poll = shownPoll(polls);
    section.hidden = poll === null;
    renderCountdown();
    if (poll === null) {
      shownKey = null;
      return;
    }
    setText(document.getElementById('poll-question'), poll.question);
    if (shownKey !== poll.id) {
      shownKey = poll.id;
      buildInputs(poll);
      fill(poll, mine[poll.id]);
      limitChoices(poll);
      error.hidden = true;
      setText(status, '');
    }
    form.hidden = poll.state !== 'open';
    document.getElementById('poll-closed').hidden = poll.state === 'open';
    setText(submit, t(mine[poll.id] ? 'Viewer_Change' : 'Viewer_Send'));

    var box = document.getElementById('poll-results');
    box.hidden = !poll.results;
    if (poll.results) {
      renderResults(poll);
    }
  }

  function values() {
    return {
      choices: Array.prototype.filter.call(inputs.querySelectorAll('input[type="radio"], input[type="checkbox"]'), function (i) { return i.checked; })
        .map(function (i) { return Number(i.value); }),
      words: Array.prototype.map.call(inputs.querySelectorAll('input[type="text"]'), function (i) { return i.value; }),
      text: (inputs.querySelector('textarea') || { value: '' }).value
    };
  }

  function showError(text) {
    error.hidden = false;
    setText(error, text);
  }

  inputs.addEventListener('change', function () {
    var poll = shownPoll(polls);
    if (poll) limitChoices(poll);
  });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var poll = shownPoll(polls);
    if (!poll || poll.state !== 'open') return;
    var answer = answerOf(poll, values());
    var problem = answerProblem(poll, answer);
    if (problem) {
      showError(t(problem.key, problem.arg));
      return;
    }
    var connection = page.connection();
    if (!connection || !page.state.joined) {
      showError(t('Viewer_Failed'));
      return;
    }
    error.hidden = true;
    submit.disabled = true;
    connection.invoke(mine[poll.id] ? 'ChangePollAnswer' : 'AnswerPoll', page.state.eventId, poll.id, answer).then(function (my) {
      mine[my.pollId] = my.answer;
      setText(status, t('Viewer_Sent'));
      render();
    }, function (failure) {
      var found = refusal(failure);
      showError((found && found.text) || t('Viewer_Failed'));
    }).finally(function () {
      submit.disabled = false;
    });
  });

  return { take: take, changed: changed, results: results };
}
