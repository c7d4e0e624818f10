// The stream overlay's rules, tested on the shipped file (wwwroot/js/overlay.js) with node --test.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fromSnapshot, applyDelta, lowerThird, applyOverlayChanged, qrShown } from '../../wwwroot/js/overlay.js';

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
