// The public list beyond the snapshot's first page, tested on the shipped file (wwwroot/js/viewer-pages.js):
// `node --test tests/js/`. A small server stands in for GetPublicQuestions with the protocol's rule
// (docs/hub-protocol.md): up to `size` questions below beforeId, newest first when choosing, ascending in the answer.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mergePage, questionPages } from '../../wwwroot/js/viewer-pages.js';

const q = (id, over) => ({ id, text: 'Frage ' + id, status: 'approved', votes: 0, ...over });
const part = (x) => ({ ...x });

/** Public questions 1..n at seq; page(beforeId) as the server answers it; calls records every cursor asked for. */
function server(n, size, seq = 5) {
  const all = Array.from({ length: n }, (_, i) => q(i + 1));
  const calls = [];
  return {
    all, calls, seq,
    page(beforeId) {
      calls.push(beforeId);
      const below = all.filter((x) => beforeId === null || x.id < beforeId);
      const questions = below.slice(Math.max(0, below.length - size));
      return Promise.resolve({ eventId: 1, seq: this.seq, questions, more: below.length > questions.length });
    },
  };
}

/** A viewer's state after a snapshot whose first page holds these ids. */
function shown(seq, ids) {
  const questions = {};
  ids.forEach((id) => { questions[id] = q(id); });
  return { seq, questions };
}

const ids = (state) => Object.keys(state.questions).map(Number).sort((a, b) => a - b);

describe('merging a page', () => {
  test('adds what is missing and replaces what is shown by the page\'s version', () => {
    const questions = { 3: q(3, { votes: 1 }) };
    const added = mergePage(questions, 4, { seq: 4, questions: [q(2), q(3, { votes: 7, status: 'answered' })] }, part);
    assert.deepEqual(added.map((x) => x.id), [2]);
    assert.equal(questions[3].votes, 7);
    assert.equal(questions[3].status, 'answered');
  });

  test('a page older than what is shown is not used: it could bring back a question that left the list', () => {
    const questions = { 3: q(3) };
    assert.equal(mergePage(questions, 6, { seq: 5, questions: [q(2, { text: 'abgelehnt seit seq 6' }), q(3, { votes: 9 })] }, part), null);
    assert.deepEqual(Object.keys(questions), ['3']);
    assert.equal(questions[3].votes, 0);
  });
});

describe('loading more', () => {
  test('pages from the newest down until nothing is left, every question once, skipping pages that only repeat', async () => {
    // 10 public, the snapshot showed 4 (two old most-voted, two newest); pages of 3.
    const s = server(10, 3);
    const pages = questionPages((before) => s.page(before), part);
    const state = shown(5, [1, 2, 9, 10]);
    pages.takeSnapshot(state, { morePublicQuestions: true }, []);
    assert.equal(pages.more(), true);

    const first = await pages.loadMore(state);
    // From the newest: 8..10 brings 8 only.
    assert.deepEqual(first.map((x) => x.id), [8]);
    assert.deepEqual(s.calls, [null]);

    const second = await pages.loadMore(state);
    assert.deepEqual(second.map((x) => x.id), [5, 6, 7]);
    assert.equal(pages.more(), true);

    // 2..4 brings 3 and 4; then 1 is left (shown already), which the next page says.
    const third = await pages.loadMore(state);
    assert.deepEqual(third.map((x) => x.id), [3, 4]);
    assert.deepEqual(s.calls, [null, 8, 5]);
    assert.equal(pages.more(), true);
    const last = await pages.loadMore(state);
    assert.deepEqual(last, []);
    assert.equal(pages.more(), false);
    assert.deepEqual(ids(state), s.all.map((x) => x.id));
  });

  test('a page that only repeats the first page is followed by the next at once', async () => {
    const s = server(9, 3);
    const pages = questionPages((before) => s.page(before), part);
    const state = shown(5, [7, 8, 9]);
    pages.takeSnapshot(state, { morePublicQuestions: true }, []);
    const added = await pages.loadMore(state);
    assert.deepEqual(added.map((x) => x.id), [4, 5, 6]);
    assert.deepEqual(s.calls, [null, 7]);
  });

  test('a page read before a change the viewer already applied is asked for again', async () => {
    const s = server(6, 10, 5);
    let answers = 0;
    const pages = questionPages((before) => {
      answers += 1;
      // The first answer was read at seq 5; the list shows seq 6 by the time it arrives.
      if (answers === 2) s.seq = 6;
      return s.page(before);
    }, part);
    const state = shown(6, [5, 6]);
    pages.takeSnapshot(state, { morePublicQuestions: true }, []);
    const added = await pages.loadMore(state);
    assert.deepEqual(added.map((x) => x.id), [1, 2, 3, 4]);
    assert.equal(answers, 2);
  });

  test('a failure leaves the button for another try', async () => {
    const pages = questionPages(() => Promise.reject(new Error('offline')), part);
    const state = shown(5, [9]);
    pages.takeSnapshot(state, { morePublicQuestions: true }, []);
    await assert.rejects(pages.loadMore(state));
    assert.equal(pages.more(), true);
    assert.deepEqual(ids(state), [9]);
  });
});

describe('a new snapshot after reconnecting or a gap', () => {
  test('without loaded pages, nothing is fetched; a snapshot without more needs no pages', async () => {
    const s = server(10, 3);
    const pages = questionPages((before) => s.page(before), part);
    assert.deepEqual(await pages.pagesFor({ morePublicQuestions: true }), []);
    pages.wantAll();
    assert.deepEqual(await pages.pagesFor({ morePublicQuestions: false }), []);
    assert.deepEqual(s.calls, []);
  });

  test('fetches again as far as the viewer had loaded, so the list does not shrink', async () => {
    const s = server(10, 3);
    const pages = questionPages((before) => s.page(before), part);
    const state = shown(5, [1, 9, 10]);
    pages.takeSnapshot(state, { morePublicQuestions: true }, []);
    await pages.loadMore(state); // 8
    await pages.loadMore(state); // 5..7
    const before = ids(state);
    s.calls.length = 0;

    const again = await pages.pagesFor({ morePublicQuestions: true });
    assert.deepEqual(s.calls, [null, 8]);
    const fresh = shown(5, [1, 9, 10]);
    pages.takeSnapshot(fresh, { morePublicQuestions: true }, again);
    assert.deepEqual(ids(fresh), before);
    assert.equal(pages.more(), true);
  });

  test('a viewer who asked for everything (?alle=1) gets every page with the snapshot', async () => {
    const s = server(7, 3);
    const pages = questionPages((before) => s.page(before), part);
    pages.wantAll();
    const again = await pages.pagesFor({ morePublicQuestions: true });
    const fresh = shown(5, [6, 7]);
    pages.takeSnapshot(fresh, { morePublicQuestions: true }, again);
    assert.deepEqual(ids(fresh), [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(pages.more(), false);
  });

  test('a page that fails keeps the pages before it', async () => {
    const s = server(10, 3);
    let calls = 0;
    const pages = questionPages((before) => (++calls === 2 ? Promise.reject(new Error('gone')) : s.page(before)), part);
    pages.wantAll();
    const again = await pages.pagesFor({ morePublicQuestions: true });
    assert.equal(again.length, 1);
    const fresh = shown(5, [10]);
    pages.takeSnapshot(fresh, { morePublicQuestions: true }, again);
    assert.deepEqual(ids(fresh), [8, 9, 10]);
    assert.equal(pages.more(), true);
  });
});
