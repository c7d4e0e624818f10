// The stream overlay's rules, tested on the shipped file (wwwroot/js/overlay.js) with node --test.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fromSnapshot, applyDelta, lowerThird, applyOverlayChanged, qrShown, overlayPoll, applyPollResults } from '../../wwwroot/js/overlay.js';
import { translator } from '../../wwwroot/js/viewer-words.js';

const question = (id, status, extra = {}) => ({
  id, status, text: `Frage ${id}?`, displayName: null, organisation: null, blockNumber: 1,
  stagedAt: status === 'onStage' ? '2026-03-31T09:00:00Z' : null, ...extra,
});

const snapshot = (questions) => ({
  seq: 5,
  publicQuestions: questions,
  event: { blocks: [{ number: 1, title: 'Digitale Verwaltung' }, { number: 2, title: 'Fragen und Antworten' }] },
  clock: { currentBlock: 2 },
});

describe('lowerThird', () => {
  test('shows nothing while no question is on stage', () => {
    assert.equal(lowerThird(fromSnapshot(snapshot([question(1, 'approved'), question(2, 'answered')]))), null);
  });

  test('shows the question on stage with its asker and its block', () => {
    const state = fromSnapshot(snapshot([
      question(1, 'approved'),
      question(2, 'onStage', { displayName: 'Anna Schmidt', organisation: 'Stadt Gießen' }),
    ]));
    assert.deepEqual(lowerThird(state), { id: 2, text: 'Frage 2?', asker: 'Anna Schmidt, Stadt Gießen', block: 'Digitale Verwaltung' });
  });

  test('an anonymous question has no asker line, and one without block takes the running block', () => {
    const state = fromSnapshot(snapshot([question(3, 'onStage', { blockNumber: null })]));
    assert.deepEqual(lowerThird(state), { id: 3, text: 'Frage 3?', asker: '', block: 'Fragen und Antworten' });
  });
});

describe('applyDelta', () => {
  test('follows moderators staging, answering and removing questions', () => {
    const state = fromSnapshot(snapshot([question(1, 'approved')]));
    applyDelta(state, 'QuestionsChanged', { seq: 6, questions: [question(1, 'onStage')], removed: [] });
    assert.equal(lowerThird(state).id, 1);
    assert.equal(state.seq, 6);

    applyDelta(state, 'QuestionsChanged', { seq: 7, questions: [question(1, 'answered')], removed: [] });
    assert.equal(lowerThird(state), null);

    applyDelta(state, 'QuestionsChanged', { seq: 8, questions: [question(2, 'onStage')], removed: [] });
    applyDelta(state, 'QuestionsChanged', { seq: 9, questions: [], removed: [2] });
    assert.equal(lowerThird(state), null);
  });

  test('the block title follows the agenda and the clock', () => {
    const state = fromSnapshot(snapshot([question(4, 'onStage', { blockNumber: null })]));
    applyDelta(state, 'ClockChanged', { seq: 6, clock: { currentBlock: 1 } });
    assert.equal(lowerThird(state).block, 'Digitale Verwaltung');
    applyDelta(state, 'EventUpdated', { seq: 7, event: { blocks: [{ number: 1, title: 'Neuer Titel' }] }, clock: { currentBlock: 1 } });
    assert.equal(lowerThird(state).block, 'Neuer Titel');
  });
});

describe('OverlayChanged', () => {
  const staged = () => fromSnapshot(snapshot([question(2, 'onStage', { displayName: 'Anna Schmidt' })]));

  test('shows every part until the moderators hide one', () => {
    const state = staged();
    assert.equal(qrShown(state), true);
    assert.deepEqual(lowerThird(state), { id: 2, text: 'Frage 2?', asker: 'Anna Schmidt', block: 'Digitale Verwaltung' });
  });

  test('hiding the question fades the lower third out; showing it brings it back', () => {
    const state = applyOverlayChanged(staged(), { eventId: 7, showQuestion: false, showQr: true, showBlock: true });
    assert.equal(lowerThird(state), null);
    applyOverlayChanged(state, { eventId: 7, showQuestion: true, showQr: true, showBlock: true });
    assert.equal(lowerThird(state).text, 'Frage 2?');
  });

  test('hiding the block title keeps the question without it', () => {
    const state = applyOverlayChanged(staged(), { eventId: 7, showQuestion: true, showQr: true, showBlock: false });
    assert.deepEqual(lowerThird(state), { id: 2, text: 'Frage 2?', asker: 'Anna Schmidt', block: '' });
  });

  test('hiding the QR code; the choice survives a new snapshot', () => {
    const state = applyOverlayChanged(staged(), { eventId: 7, showQuestion: true, showQr: false, showBlock: true });
    assert.equal(qrShown(state), false);
    assert.equal(qrShown(fromSnapshot(snapshot([]), state.parts)), false);
  });
});

describe('the poll on the overlay', () => {
  const t = translator({
    Respondents: '{0} Personen haben geantwortet.', Respondents_One: '1 Person hat geantwortet.', Respondents_None: 'Noch keine Antworten.',
    Stage_Answering: 'Jetzt abstimmen: auf der Veranstaltungsseite.',
  });
  const poll = (over) => ({
    id: 3, kind: 'single', question: 'Voucher beantragt?', options: [{ number: 1, text: 'Ja' }, { number: 2, text: 'Nein' }],
    state: 'open', openedAt: '2026-03-31T09:00:00Z', results: null, ...over,
  });
  const withPoll = (p) => fromSnapshot({ ...snapshot([]), polls: [p] });
  const on = (state) => applyOverlayChanged(state, { eventId: 7, showQuestion: true, showQr: true, showBlock: true, showPoll: true });

  test('off until a moderator switches it on', () => {
    const state = withPoll(poll());
    assert.equal(overlayPoll(state, t, 'de-DE'), null);
    assert.equal(overlayPoll(on(state), t, 'de-DE').question, 'Voucher beantragt?');
    applyOverlayChanged(state, { eventId: 7, showQuestion: true, showQr: true, showBlock: true, showPoll: false });
    assert.equal(overlayPoll(state, t, 'de-DE'), null);
  });

  test('hidden results: the question and where to vote, no rows', () => {
    assert.deepEqual(overlayPoll(on(withPoll(poll())), t, 'de-DE'), { id: 3, question: 'Voucher beantragt?', rows: [], note: 'Jetzt abstimmen: auf der Veranstaltungsseite.' });
  });

  test('public results: each option with its share and its bar against the largest; live results follow PollResultsChanged', () => {
    const state = on(withPoll(poll({ resultsMode: 'live', results: { respondents: 0, items: [{ key: '1', label: 'Ja', count: 0 }, { key: '2', label: 'Nein', count: 0 }] } })));
    assert.deepEqual(overlayPoll(state, t, 'en-GB').rows.map((r) => r.fill), [0, 0]);
    applyPollResults(state, { eventId: 7, pollId: 3, results: { respondents: 4, items: [{ key: '1', label: 'Ja', count: 3 }, { key: '2', label: 'Nein', count: 1 }] } });
    const shown = overlayPoll(state, t, 'en-GB');
    assert.deepEqual(shown.rows, [{ key: '1', label: 'Ja', share: '75%', fill: 100 }, { key: '2', label: 'Nein', share: '25%', fill: 33 }]);
    assert.equal(shown.note, '4 Personen haben geantwortet.');
  });

  test('a word cloud: the most named words with their counts, at most six', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((w, i) => ({ key: w, label: w.toUpperCase(), count: 7 - i }));
    const shown = overlayPoll(on(withPoll(poll({ kind: 'wordCloud', options: [], results: { respondents: 9, items } }))), t, 'de-DE');
    assert.deepEqual(shown.rows.map((r) => [r.label, r.share]), [['A', '7'], ['B', '6'], ['C', '5'], ['D', '4'], ['E', '3'], ['F', '2']]);
  });

  test('the poll follows PollChanged: revealed, it gets its results; a poll never opened is not shown', () => {
    const state = on(fromSnapshot({ ...snapshot([]), polls: [] }));
    assert.equal(overlayPoll(state, t, 'de-DE'), null);
    applyDelta(state, 'PollChanged', { seq: 6, poll: poll({ revealed: true, results: { respondents: 1, items: [{ key: '1', label: 'Ja', count: 1 }, { key: '2', label: 'Nein', count: 0 }] } }) });
    assert.equal(state.seq, 6);
    assert.equal(overlayPoll(state, t, 'de-DE').note, '1 Person hat geantwortet.');
    // Results for a poll it does not know (not opened yet for the audience) change nothing.
    applyPollResults(state, { eventId: 7, pollId: 99, results: { respondents: 5, items: [] } });
    assert.equal(state.polls[99], undefined);
  });
});
