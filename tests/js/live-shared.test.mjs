// The pages' shared rules, tested on the shipped file itself (wwwroot/js/live-shared.js) with Node's
// own test runner: `node --test tests/js/` (tests/run.sh counts the results).
import { test, describe, mock } from 'node:test';
import assert from 'node:assert/strict';
import { numberedStream, keepConnected, remainingMs, warningFor, formatSeconds } from '../../wwwroot/js/live-shared.js';

/** A promise with its resolve and reject, to decide when a snapshot "arrives". */
function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run (the stream and keepConnected chain several). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A screen of event 7 at seq 10 that records what the stream did to it. */
function screen({ eventId = 7, seq = 10 } = {}) {
  const state = { eventId, seq, applied: [], snapshots: [], fetches: [], stopped: false };
  state.stream = numberedStream({
    eventId: () => state.eventId,
    seq: () => state.seq,
    applySnapshot: (s) => { state.snapshots.push(s.seq); state.seq = s.seq; },
    applyDelta: (kind, m) => { state.applied.push(`${kind} ${m.seq}`); state.seq = m.seq; },
    fetchSnapshot: () => {
      const fetch = deferred();
      state.fetches.push(fetch);
      return fetch.promise;
    },
    stopped: () => state.stopped,
  });
  return state;
}

const message = (seq, eventId = 7) => ({ eventId, seq });

describe('numberedStream', () => {
  test('applies the next message and ignores what is already shown', () => {
    const s = screen();
    s.stream.receive('ClockChanged', message(11));
    s.stream.receive('QueueChanged', message(12));
    s.stream.receive('ClockChanged', message(12));
    s.stream.receive('ClockChanged', message(9));

    assert.deepEqual(s.applied, ['ClockChanged 11', 'QueueChanged 12']);
    assert.equal(s.seq, 12);
    assert.equal(s.fetches.length, 0);
  });

  test('ignores other events, empty messages and everything once stopped', () => {
    const s = screen();
    s.stream.receive('ClockChanged', message(11, 8));
    s.stream.receive('ClockChanged', null);
    s.stopped = true;
    s.stream.receive('ClockChanged', message(11));
    s.stream.receive('ClockChanged', message(13));

    assert.deepEqual(s.applied, []);
    assert.equal(s.fetches.length, 0);
  });

  test('a gap fetches one snapshot; what arrives meanwhile is applied on top of it in order', async () => {
    const s = screen();
    s.stream.receive('ClockChanged', message(12));
    // The same burst, out of order; 14 is older than the snapshot will be.
    s.stream.receive('QueueChanged', message(16));
    s.stream.receive('ClockChanged', message(14));
    await settle();
    // And one while the snapshot is on its way.
    s.stream.receive('EventUpdated', message(15));

    assert.equal(s.fetches.length, 1, 'a jump from 10 to 12 asks for one snapshot, not one per message');
    assert.deepEqual(s.applied, []);

    s.fetches[0].resolve({ seq: 14 });
    await settle();

    assert.deepEqual(s.snapshots, [14]);
    assert.deepEqual(s.applied, ['EventUpdated 15', 'QueueChanged 16']);
    assert.equal(s.seq, 16);
  });

  test('a gap among the waiting messages fetches again', async () => {
    const s = screen();
    s.stream.receive('ClockChanged', message(12));
    s.stream.receive('ClockChanged', message(20));
    await settle();
    s.fetches[0].resolve({ seq: 14 });
    await settle();

    assert.equal(s.fetches.length, 2, '20 after the snapshot at 14 is another gap');
    s.fetches[1].resolve({ seq: 20 });
    await settle();
    assert.deepEqual(s.snapshots, [14, 20]);
    assert.deepEqual(s.applied, []);
  });

  test('snapshots are fetched one after another: a join waits for a running resync', async () => {
    const s = screen();
    s.stream.receive('ClockChanged', message(13));
    const join = deferred();
    let joinAsked = false;
    const joined = s.stream.resync(() => { joinAsked = true; return join.promise; });

    await settle();
    assert.equal(s.fetches.length, 1);
    assert.equal(joinAsked, false, 'the join waits for the gap\'s snapshot');
    s.fetches[0].resolve({ seq: 13 });
    await settle();
    assert.equal(joinAsked, true);

    s.stream.receive('ClockChanged', message(31));
    join.resolve({ seq: 30 });
    await joined;
    await settle();
    assert.deepEqual(s.snapshots, [13, 30]);
    assert.deepEqual(s.applied, ['ClockChanged 31']);
  });

  test('a failed fetch still lets waiting messages through, and the next resync runs', async () => {
    const s = screen();
    s.stream.receive('ClockChanged', message(12));
    s.stream.receive('ClockChanged', message(11));
    await settle();
    s.fetches[0].reject(new Error('connection lost'));
    await settle();

    assert.deepEqual(s.snapshots, []);
    assert.deepEqual(s.applied, ['ClockChanged 11']);

    const again = s.stream.resync(() => Promise.resolve({ seq: 40 }));
    await again;
    assert.deepEqual(s.snapshots, [40]);
  });

  test('a snapshot that arrives after the screen stopped is not applied', async () => {
    const s = screen();
    const fetch = deferred();
    const done = s.stream.resync(() => fetch.promise);
    s.stopped = true;
    fetch.resolve({ seq: 50 });
    await done;
    assert.deepEqual(s.snapshots, []);
    assert.equal(s.seq, 10);
  });
});

describe('clock arithmetic', () => {
  const serverNow = Date.parse('2026-03-05T09:30:00Z');

  test('a running block counts down to its end on the server\'s time line', () => {
    const clock = { current: { state: 'running', endsAt: '2026-03-05T10:00:00Z', remainingSeconds: 1800 } };
    assert.equal(remainingMs(clock, serverNow), 30 * 60 * 1000);
    assert.equal(remainingMs(clock, serverNow + 31 * 60 * 1000), -60 * 1000);
  });

  test('a paused block shows what the server froze; no block, nothing', () => {
    const paused = { current: { state: 'paused', endsAt: null, remainingSeconds: 125 } };
    assert.equal(remainingMs(paused, serverNow), 125000);
    assert.equal(remainingMs({ current: null }, serverNow), null);
    assert.equal(remainingMs(null, serverNow), null);
  });

  test('warning levels at five minutes, one minute and overtime', () => {
    assert.equal(warningFor(null), 'none');
    assert.equal(warningFor(300001), 'none');
    assert.equal(warningFor(300000), 'fiveMinutes');
    assert.equal(warningFor(60001), 'fiveMinutes');
    assert.equal(warningFor(60000), 'oneMinute');
    assert.equal(warningFor(1), 'oneMinute');
    assert.equal(warningFor(0), 'overtime');
    assert.equal(warningFor(-5000), 'overtime');
  });

  test('m:ss, and h:mm:ss beyond an hour; overtime without its sign', () => {
    assert.equal(formatSeconds(0), '0:00');
    assert.equal(formatSeconds(62), '1:02');
    assert.equal(formatSeconds(725), '12:05');
    assert.equal(formatSeconds(3600), '1:00:00');
    assert.equal(formatSeconds(3725), '1:02:05');
    assert.equal(formatSeconds(-65), '1:05');
  });
});

describe('keepConnected', () => {
  /** A hub connection that connects when told to: start() fails while `down`. */
  function fakeConnection() {
    const c = {
      state: 'Disconnected',
      down: false,
      starts: 0,
      stops: 0,
      closeHandlers: [],
      start() {
        c.starts += 1;
        if (c.down) {
          return Promise.reject(new Error('refused'));
        }
        c.state = 'Connected';
        return Promise.resolve();
      },
      stop() {
        c.stops += 1;
        c.state = 'Disconnected';
        return Promise.resolve();
      },
      onclose(handler) { c.closeHandlers.push(handler); },
      close() {
        c.state = 'Disconnected';
        c.closeHandlers.forEach((h) => h());
      },
    };
    return c;
  }

  function withFakeTime(t) {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    // No jitter: the retry comes exactly at 2, 5, 10, 30 s.
    t.mock.method(Math, 'random', () => 0);
  }

  test('retries a failed start after 2, 5 and 10 s, then joins and goes back to 2 s', async (t) => {
    withFakeTime(t);
    const connection = fakeConnection();
    connection.down = true;
    let offline = 0;
    let joins = 0;
    const start = keepConnected(connection, {
      join: () => { joins += 1; return Promise.resolve(); },
      offline: () => { offline += 1; },
    });

    start();
    await settle();
    assert.equal(offline, 1);
    assert.equal(connection.starts, 1);

    t.mock.timers.tick(1999);
    await settle();
    assert.equal(connection.starts, 1, 'not before 2 s');
    t.mock.timers.tick(1);
    await settle();
    assert.equal(connection.starts, 2);

    t.mock.timers.tick(4999);
    await settle();
    assert.equal(connection.starts, 2, 'then not before 5 s');
    t.mock.timers.tick(1);
    await settle();
    assert.equal(connection.starts, 3);

    connection.down = false;
    t.mock.timers.tick(10000);
    await settle();
    assert.equal(connection.starts, 4);
    assert.equal(joins, 1);
    assert.equal(offline, 3);

    // Closed for good later: offline, and the next try after 2 s again.
    connection.close();
    assert.equal(offline, 4);
    t.mock.timers.tick(2000);
    await settle();
    assert.equal(connection.starts, 5);
    assert.equal(joins, 2);
  });

  test('a connection that cannot join is closed and retried; a refused join is final', async (t) => {
    withFakeTime(t);
    const connection = fakeConnection();
    let refuse = false;
    const start = keepConnected(connection, {
      join: () => Promise.reject(new Error(refuse ? 'forbidden' : 'busy')),
      joinRefused: (e) => e.message === 'forbidden',
      offline: () => { },
    });

    start();
    await settle();
    assert.equal(connection.stops, 1, 'connected but not joined is closed');

    refuse = true;
    t.mock.timers.tick(2000);
    await settle();
    assert.equal(connection.starts, 2);
    assert.equal(connection.stops, 1, 'a refused join keeps the connection and does not retry');
    t.mock.timers.tick(60000);
    await settle();
    assert.equal(connection.starts, 2);
  });

  test('no retry after a close when the screen says so, nor once it has stopped', async (t) => {
    withFakeTime(t);
    const connection = fakeConnection();
    let stopped = false;
    let offline = 0;
    const start = keepConnected(connection, {
      join: () => Promise.resolve(),
      offline: () => { offline += 1; },
      retryAfterClose: () => false,
      stopped: () => stopped,
    });

    start();
    await settle();
    connection.close();
    assert.equal(offline, 1);
    t.mock.timers.tick(60000);
    await settle();
    assert.equal(connection.starts, 1);

    stopped = true;
    start();
    connection.close();
    await settle();
    assert.equal(connection.starts, 1);
    assert.equal(offline, 1);
  });
});
