// The viewer page's poll rules, tested on the shipped file (wwwroot/js/viewer-polls.js): `node --test tests/js/`.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { shownPoll, answerOf, answerProblem, inputsOf, hintOf, resultRows, respondentsText, resultsShape, barLayout, listOf, closesInText, untilNextSecond } from '../../wwwroot/js/viewer-polls.js';
import { translator } from '../../wwwroot/js/viewer-words.js';

const t = translator({
  Viewer_Choose: 'Bitte wählen Sie eine Antwort.', Viewer_TooMany: 'Bitte höchstens {0} Antworten wählen.',
  Viewer_MaxChoices: 'Höchstens {0} Antworten.', Rating_Ends: '1 = {0}, {1} = {2}',
  Stage_ClosesIn: 'Noch {0} zum Abstimmen', Words_Heading: 'Alle Wörter mit Anzahl', Words_Item: '{0}: {1}',
  Text_Heading: 'Freigegebene Antworten', Text_None: 'Keine freigegebenen Antworten.',
  Respondents: '{0} Personen haben geantwortet.', Respondents_One: '1 Person hat geantwortet.', Respondents_None: 'Noch keine Antworten.',
});

const poll = (over) => ({
  id: 1, kind: 'single', question: 'Voucher?', options: [{ number: 1, text: 'Ja' }, { number: 2, text: 'Nein' }, { number: 3, text: 'Weiß nicht' }],
  maxChoices: 1, scaleMax: null, lowLabel: null, highLabel: null, state: 'open', openedAt: '2026-11-22T09:00:00Z', results: null, ...over,
});

describe('which poll the page shows', () => {
  test('the latest opened open poll, before any closed one', () => {
    const polls = {
      1: poll({ id: 1, state: 'closed', results: { respondents: 1, items: [] }, openedAt: '2026-11-22T09:30:00Z' }),
      2: poll({ id: 2, openedAt: '2026-11-22T09:00:00Z' }),
      3: poll({ id: 3, openedAt: '2026-11-22T09:10:00Z' }),
    };
    assert.equal(shownPoll(polls).id, 3);
  });

  test('without an open poll, the latest closed one with public results; else none', () => {
    assert.equal(shownPoll({ 1: poll({ state: 'closed', results: { respondents: 0, items: [] } }) }).id, 1);
    assert.equal(shownPoll({ 1: poll({ state: 'closed', results: null }) }), null);
    assert.equal(shownPoll({}), null);
  });
});

describe('the inputs for each kind', () => {
  test('single: radios; multiple: checkboxes with the hint of k', () => {
    assert.deepEqual(inputsOf(poll()).map((i) => [i.kind, i.value, i.label]), [['radio', 1, 'Ja'], ['radio', 2, 'Nein'], ['radio', 3, 'Weiß nicht']]);
    const multiple = poll({ kind: 'multiple', maxChoices: 2 });
    assert.deepEqual(inputsOf(multiple).map((i) => i.kind), ['checkbox', 'checkbox', 'checkbox']);
    assert.equal(hintOf(t, multiple), 'Höchstens 2 Antworten.');
    assert.equal(hintOf(t, poll()), '');
  });

  test('rating: a radio scale with its end labels; word cloud: k fields; text: one area', () => {
    const rating = poll({ kind: 'rating', options: [], scaleMax: 5, lowLabel: 'gar nicht', highLabel: 'sehr' });
    assert.deepEqual(inputsOf(rating).map((i) => i.label), ['1', '2', '3', '4', '5']);
    assert.equal(hintOf(t, rating), '1 = gar nicht, 5 = sehr');
    assert.deepEqual(inputsOf(poll({ kind: 'wordCloud', options: [], maxChoices: 3 })).map((i) => i.kind), ['word', 'word', 'word']);
    assert.deepEqual(inputsOf(poll({ kind: 'text', options: [] })).map((i) => i.kind), ['text']);
  });
});

describe('the answer sent to the hub', () => {
  const none = { choices: [], words: [], text: '' };

  test('fits the kind, the other fields null', () => {
    assert.deepEqual(answerOf(poll(), { ...none, choices: [2] }), { choices: [2], rating: null, words: null, text: null });
    assert.deepEqual(answerOf(poll({ kind: 'rating' }), { ...none, choices: [4] }), { choices: null, rating: 4, words: null, text: null });
    assert.deepEqual(answerOf(poll({ kind: 'wordCloud' }), { ...none, words: [' Personal ', '', 'Zeit'] }), { choices: null, rating: null, words: ['Personal', 'Zeit'], text: null });
    assert.deepEqual(answerOf(poll({ kind: 'text' }), { ...none, text: '  Mehr Zeit  ' }), { choices: null, rating: null, words: null, text: 'Mehr Zeit' });
  });

  test('nothing chosen or too many is said before sending', () => {
    assert.equal(answerProblem(poll(), answerOf(poll(), none)).key, 'Viewer_Choose');
    assert.equal(answerProblem(poll(), answerOf(poll(), { ...none, choices: [1] })), null);
    const multiple = poll({ kind: 'multiple', maxChoices: 2 });
    const problem = answerProblem(multiple, answerOf(multiple, { ...none, choices: [1, 2, 3] }));
    assert.equal(t(problem.key, problem.arg), 'Bitte höchstens 2 Antworten wählen.');
    assert.equal(answerProblem(poll({ kind: 'rating' }), answerOf(poll({ kind: 'rating' }), none)).key, 'Viewer_Choose');
    assert.equal(answerProblem(poll({ kind: 'wordCloud' }), answerOf(poll({ kind: 'wordCloud' }), { ...none, words: ['  '] })).key, 'Viewer_Choose');
    assert.equal(answerProblem(poll({ kind: 'text' }), answerOf(poll({ kind: 'text' }), { ...none, text: 'ok' })).key, 'Viewer_Choose');
  });
});

describe('the results table', () => {
  test('counts and shares in the page language, and who answered', () => {
    const results = { respondents: 4, items: [{ key: '1', label: 'Ja', count: 3 }, { key: '2', label: 'Nein', count: 1 }] };
    assert.deepEqual(resultRows(results, 'en-GB').map((r) => [r.label, r.count, r.share]), [['Ja', 3, '75%'], ['Nein', 1, '25%']]);
    assert.equal(resultRows(results, 'de-DE')[0].share.replace(/\s/g, ' '), '75 %');
    assert.equal(resultRows({ respondents: 0, items: [{ key: '1', label: 'Ja', count: 0 }] }, 'de-DE')[0].share.replace(/\s/g, ' '), '0 %');
    assert.equal(respondentsText(t, 4), '4 Personen haben geantwortet.');
    assert.equal(respondentsText(t, 1), '1 Person hat geantwortet.');
    assert.equal(respondentsText(t, 0), 'Noch keine Antworten.');
  });
});

describe('the bar chart beside the table', () => {
  test('each bar as long as its count against the largest, one row under the other, with its share', () => {
    const rows = resultRows({ respondents: 4, items: [{ key: '1', label: 'Ja', count: 3 }, { key: '2', label: 'Nein', count: 1 }, { key: '3', label: 'Egal', count: 0 }] }, 'en-GB');
    const layout = barLayout(rows);
    assert.equal(layout.height, 84);
    assert.deepEqual(layout.bars.map((b) => [b.key, b.width, b.y, b.valueX, b.share]), [['1', 260, 4, 266, '75%'], ['2', 87, 32, 93, '25%'], ['3', 0, 60, 6, '0%']]);
  });

  test('no answers yet: every bar empty, no division by zero', () => {
    const layout = barLayout(resultRows({ respondents: 0, items: [{ key: '1', label: 'Ja', count: 0 }] }, 'en-GB'));
    assert.deepEqual(layout.bars.map((b) => b.width), [0]);
    assert.equal(barLayout([]).height, 28);
  });
});

describe('word clouds and texts as lists', () => {
  const words = { respondents: 3, items: [{ key: 'personal', label: 'Personal', count: 3 }, { key: 'zeit', label: 'Zeit', count: 1 }] };

  test('a word cloud: each word with its count as text', () => {
    assert.equal(resultsShape('wordCloud'), 'words');
    assert.deepEqual(listOf(t, 'wordCloud', words), { heading: 'Alle Wörter mit Anzahl', items: [{ key: 'personal', text: 'Personal: 3' }, { key: 'zeit', text: 'Zeit: 1' }] });
  });

  test('texts: the approved answers, or a line saying there are none; choices and ratings keep the table', () => {
    assert.equal(resultsShape('text'), 'texts');
    assert.deepEqual(listOf(t, 'text', { respondents: 1, items: [{ key: '7', label: 'Mehr Zeit', count: 1 }] }).items, [{ key: '7', text: 'Mehr Zeit' }]);
    assert.deepEqual(listOf(t, 'text', { respondents: 1, items: [] }).items, [{ key: 'none', text: 'Keine freigegebenen Antworten.' }]);
    assert.equal(resultsShape('single'), 'table');
    assert.equal(resultsShape('rating'), 'table');
    assert.deepEqual(listOf(t, 'single', words), { heading: '', items: [] });
  });
});

describe('the time limit\'s countdown', () => {
  const closing = poll({ closesAt: '2026-11-22T09:01:00Z' });
  const at = (iso) => Date.parse(iso);

  test('counts from the server\'s closesAt on the server\'s time line', () => {
    assert.equal(closesInText(t, closing, at('2026-11-22T09:00:00Z')), 'Noch 1:00 zum Abstimmen');
    assert.equal(closesInText(t, closing, at('2026-11-22T09:00:15.400Z')), 'Noch 0:44 zum Abstimmen');
    // Past the close time (the server's PollChanged is on its way): 0:00, never negative.
    assert.equal(closesInText(t, closing, at('2026-11-22T09:01:03Z')), 'Noch 0:00 zum Abstimmen');
  });

  test('nothing without a limit, for a closed poll or without a poll', () => {
    assert.equal(closesInText(t, poll(), at('2026-11-22T09:00:00Z')), '');
    assert.equal(closesInText(t, { ...closing, state: 'closed' }, at('2026-11-22T09:00:00Z')), '');
    assert.equal(closesInText(t, null, 0), '');
  });

  test('wakes just after the shown second changes', () => {
    assert.equal(untilNextSecond(closing, at('2026-11-22T09:00:15.400Z')), 620);
    assert.equal(untilNextSecond(closing, at('2026-11-22T09:00:15Z')), 20);
  });
});
