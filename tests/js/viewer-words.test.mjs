// The viewer page's rules, tested on the shipped files (wwwroot/js/viewer-words.js, viewer-dom.js)
// with Node's own test runner: `node --test tests/js/`.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  translator, timeWords, hasEnded, statusText, publicRemainingText, questionLength, counterText, availability,
  askerOf, askProblem, sortQuestions, author, similarQuestions, keyWords
} from '../../wwwroot/js/viewer-words.js';
import { pageStorage, refusal, refusalText } from '../../wwwroot/js/viewer-dom.js';
import { formatSeconds } from '../../wwwroot/js/live-shared.js';

const t = translator({
  Clock_Remaining: 'Noch {0}', Clock_Ended: 'Die Veranstaltung ist beendet.', Clock_BlockRunning: 'Live: Block {0} läuft.',
  Clock_BlockPaused: 'Live: Block {0} ist pausiert.', Clock_NotStarted: 'Noch nicht begonnen. Beginn: {0}.',
  Ask_CounterLeft: 'Noch {0} Zeichen', Ask_CounterOneLeft: 'Noch 1 Zeichen', Ask_CounterOver: '{0} Zeichen zu viel',
  Ask_CounterOneOver: '1 Zeichen zu viel', Question_Anonymous: 'Anonym', Relative_Now: 'jetzt',
  Error_RateLimited: 'Zu viele Fragen', Error_VoteRateLimited: 'Zu viele Stimmen', Error_InvalidArgument: 'Ungültig: {0}',
});

describe('the public clock', () => {
  test('shows the time left only when the organiser shows the clock', () => {
    assert.equal(publicRemainingText(t, true, 725_400, formatSeconds), 'Noch 12:05');
    assert.equal(publicRemainingText(t, false, 725_400, formatSeconds), '');
    assert.equal(publicRemainingText(t, true, null, formatSeconds), '');
  });

  test('never shows overtime: after the time is up there is nothing to count', () => {
    assert.equal(publicRemainingText(t, true, 0, formatSeconds), 'Noch 0:00');
    assert.equal(publicRemainingText(t, true, -1, formatSeconds), '');
    assert.equal(publicRemainingText(t, true, -43_000, formatSeconds), '');
  });

  test('says the state in words', () => {
    const event = { status: 'live', scheduledStart: '2026-03-31T08:00:00Z' };
    assert.equal(statusText(t, event, { phase: 'block', currentBlock: 2, current: { state: 'running' } }, String), 'Live: Block 2 läuft.');
    assert.equal(statusText(t, event, { phase: 'block', currentBlock: 2, current: { state: 'paused' } }, String), 'Live: Block 2 ist pausiert.');
    assert.equal(statusText(t, { status: 'published' }, { phase: 'notStarted' }, String), 'Die Veranstaltung ist beendet.');
  });
});

describe('the end of the event', () => {
  test('is the ended or published event or the ended clock', () => {
    assert.equal(hasEnded({ status: 'live' }, { phase: 'block' }), false);
    assert.equal(hasEnded({ status: 'live' }, { phase: 'ended' }), true);
    assert.equal(hasEnded({ status: 'ended' }, { phase: 'notStarted' }), true);
    assert.equal(hasEnded({ status: 'published' }, null), true);
  });
});

describe('asking', () => {
  test('counts characters as the server does', () => {
    assert.equal(questionLength('  Wie   geht\n das?  '), 13);
    assert.equal(questionLength('👍🏽'), 2);
    assert.equal(counterText(t, 497), 'Noch 497 Zeichen');
    assert.equal(counterText(t, 1), 'Noch 1 Zeichen');
    assert.equal(counterText(t, -1), '1 Zeichen zu viel');
    assert.equal(counterText(t, -12), '12 Zeichen zu viel');
  });

  test('"Anonym fragen" sends no name even when one was typed', () => {
    assert.deepEqual(askerOf(true, 'Anna Schmidt', 'Gemeinde Musterstadt'), { displayName: null, organisation: null });
    assert.deepEqual(askerOf(false, ' Anna Schmidt ', ' '), { displayName: 'Anna Schmidt', organisation: null });
    assert.deepEqual(askerOf(false, '', ''), { displayName: null, organisation: null });
  });

  test('refuses what the server would refuse, field by field', () => {
    assert.deepEqual(askProblem(2, 3, 500, null, null), { field: 'text', key: 'Ask_TooShort' });
    assert.deepEqual(askProblem(503, 3, 500, null, null), { field: 'text', key: 'Ask_TooLong', arg: 3 });
    assert.deepEqual(askProblem(20, 3, 500, 'A', null), { field: 'name', key: 'Ask_NameLength' });
    assert.deepEqual(askProblem(20, 3, 500, null, 'x'.repeat(81)), { field: 'organisation', key: 'Ask_OrganisationLength' });
    assert.equal(askProblem(20, 3, 500, 'Jo', null), null);
  });

  test('follows the event, the questions setting and the running block', () => {
    const live = { status: 'live' };
    const block = { phase: 'block', currentBlock: 2 };
    const open = { questionsState: 'open', blocks: [{ number: 2, questionsState: 'open' }] };
    assert.equal(availability(null, null, null, 'paused'), 'paused');
    assert.equal(availability(live, block, open), 'open');
    assert.equal(availability(live, block, { ...open, questionsState: 'paused' }), 'paused');
    assert.equal(availability(live, block, { questionsState: 'open', blocks: [{ number: 2, questionsState: 'closed' }] }), 'blockClosed');
    assert.equal(availability({ status: 'ended' }, block, open), 'ended');
    assert.equal(availability({ status: 'draft' }, block, open), 'closed');
  });
});

describe('similar questions', () => {
  const approved = (id, text, votes = 0, status = 'approved') => ({ id, text, votes, status });
  const list = [
    approved(1, 'Wo beantrage ich den Voucher für die Digitalisierungsberatung?', 4),
    approved(2, 'Wann ist das OZG-Änderungsgesetz in Kraft?'),
    approved(3, 'Gibt es den Voucher für Digitalisierung auch für Landkreise?', 1, 'answered'),
    approved(4, 'Wie bekomme ich den Beratungsvoucher Digitalisierung?', 0, 'onStage'),
  ];

  test('finds approved questions that share the significant words', () => {
    const found = similarQuestions('Wie beantrage ich den Voucher zur Digitalisierungsberatung?', list, 3);
    assert.deepEqual(found.map((q) => q.id), [1]);
  });

  test('leaves out answered questions and unrelated ones', () => {
    const found = similarQuestions('Voucher Digitalisierung Landkreise', list, 3);
    assert.ok(!found.some((q) => q.id === 3), 'an answered question is offered');
    assert.ok(!found.some((q) => q.id === 2), 'an unrelated question is offered');
  });

  test('needs at least two significant words: common words and short drafts find nothing', () => {
    assert.deepEqual(similarQuestions('Wie geht das?', list, 3), []);
    assert.deepEqual(similarQuestions('Voucher', list, 3), []);
    assert.deepEqual([...keyWords('Wie beantrage ich den Voucher?')], ['beantra', 'voucher']);
  });

  test('offers at most the limit, most alike first', () => {
    const many = [1, 2, 3, 4, 5].map((id) => approved(id, `Frage ${id} zum Voucher und der Digitalisierung`, id));
    const found = similarQuestions('Voucher Digitalisierung', many, 3);
    assert.equal(found.length, 3);
    assert.deepEqual(found.map((q) => q.id), [5, 4, 3]);
  });
});

describe('the list', () => {
  test('puts the question on stage first and the answered ones last, then by votes or by age', () => {
    const q = (id, status, votes, minute) => ({ id, status, votes, createdAt: `2026-03-31T08:${String(minute).padStart(2, '0')}:00Z` });
    const list = [q(1, 'answered', 9, 1), q(2, 'approved', 1, 2), q(3, 'approved', 5, 3), q(4, 'onStage', 0, 4), q(5, 'approved', 1, 5)];
    assert.deepEqual(sortQuestions(list, 'stimmen').map((x) => x.id), [4, 3, 2, 5, 1]);
    assert.deepEqual(sortQuestions(list, 'neueste').map((x) => x.id), [4, 5, 3, 2, 1]);
  });

  test('names the asker, or "Anonym"', () => {
    assert.equal(author(t, { displayName: 'Anna Schmidt', organisation: 'Gemeinde Musterstadt' }), 'Anna Schmidt, Gemeinde Musterstadt');
    assert.equal(author(t, { displayName: null, organisation: null }), 'Anonym');
  });
});

describe('words and storage', () => {
  test('time words use Berlin time and the server time line', () => {
    const words = timeWords('de-DE', t, '{weekday}, {day}. {month} {year}, {hour}:{minute} Uhr', () => Date.parse('2026-03-31T08:00:05Z'));
    assert.equal(words.longDateTime('2026-03-31T08:00:00Z'), 'Dienstag, 31. März 2026, 10:00 Uhr');
    assert.equal(words.time(new Date('2026-03-31T08:30:00Z')), '10:30');
    assert.equal(words.ago('2026-03-31T08:00:00Z'), 'jetzt');
  });

  test('storage falls back to memory when even reading window.localStorage throws', () => {
    const storage = pageStorage(() => { throw new Error('SecurityError'); });
    storage.set('token', 'abc');
    assert.equal(storage.get('token'), 'abc');
  });

  test('storage falls back to memory when the browser refuses it', () => {
    const refusing = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('denied'); }, removeItem() { throw new Error('denied'); } };
    const storage = pageStorage(() => refusing);
    storage.set('draft', JSON.stringify({ text: 'Frage' }));
    assert.deepEqual(storage.json('draft', null), { text: 'Frage' });
    storage.remove('draft');
    assert.equal(storage.json('draft', 'none'), 'none');
  });

  test('hub refusals keep their code; a lost connection is no refusal', () => {
    const found = refusal(new Error("An unexpected error occurred invoking 'AskQuestion' on the server. HubException: rate-limited: Bitte warten"));
    assert.deepEqual(found, { code: 'rate-limited', text: 'Bitte warten' });
    assert.equal(refusalText(t, found, 'vote'), 'Zu viele Stimmen');
    assert.equal(refusalText(t, found, 'ask'), 'Zu viele Fragen');
    assert.equal(refusal(new Error('WebSocket closed with status code: 1006')), null);
  });
});
