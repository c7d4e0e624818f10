/*
 * What the live pages' scripts (event-live.js) share:
 * - the numbered stream of docs/hub-protocol.md: every numbered message carries seq = previous + 1;
 *   older ones are already shown, a jump means one was missed and only a fresh snapshot can tell
 *   what it was. Messages that arrive while a snapshot is being fetched wait and are applied on top;
 * - the hub connection itself, built the same way for all three, with the numbered messages wired in;
 * - staying connected: after automatic reconnect gives up, keep starting again, more and more slowly;
 * - the clock's arithmetic: time left on the server's time line, the warning level, "m:ss".
 *
 * An ES module that touches neither the DOM nor a global SignalR at load time: the pages pass in the
 * SignalR namespace they loaded, and tests/js/*.test.mjs (node --test) import this very file.
 */

/**
 * options.eventId()          the event the screen shows
 * options.seq()              the seq of what the screen shows now (applySnapshot/applyDelta set it)
 * options.applySnapshot(s)   replaces the screen's state with a snapshot
 * options.applyDelta(k, m)   applies the next numbered message m of kind k
 * options.fetchSnapshot()    fetches a fresh snapshot (GetSnapshot) after a gap; returns a promise
 * options.stopped()          optional: true once the screen has stopped listening
 */
export function numberedStream(options) {
  var stopped = options.stopped || function () { return false; };
  // Snapshots asked for and not yet in. Counted from the moment one is asked for, not when its fetch
  // starts: the messages of the same burst as a gap must wait for that snapshot too, not each start
  // a fetch of their own.
  var pending = 0;
  var buffered = [];
  var syncChain = Promise.resolve();

  function receive(kind, message) {
    if (stopped() || !message || message.eventId !== options.eventId()) {
      return;
    }
    if (pending > 0) {
      buffered.push({ kind: kind, message: message });
      return;
    }
    if (message.seq <= options.seq()) {
      return;
    }
    if (message.seq !== options.seq() + 1) {
      // If this fails the connection is going down; joining again after reconnecting resyncs.
      resync(options.fetchSnapshot).catch(function () { });
      return;
    }
    options.applyDelta(kind, message);
  }

  /** Fetches a snapshot (a join or GetSnapshot). Fetches run one after another, so a join after
   *  reconnecting is never lost behind a gap's resync; the waiting messages follow the last one. */
  function resync(fetchSnapshot) {
    pending += 1;
    function run() {
      return fetchSnapshot().then(function (snapshot) {
        if (!stopped()) {
          options.applySnapshot(snapshot);
        }
      });
    }
    var result = syncChain.then(run, run).finally(function () {
      pending -= 1;
      if (pending > 0) {
        return;
      }
      var waiting = buffered.sort(function (a, b) { return a.message.seq - b.message.seq; });
      buffered = [];
      waiting.forEach(function (d) { receive(d.kind, d.message); });
    });
    syncChain = result.catch(function () { });
    return result;
  }

  return { receive: receive, resync: resync };
}

/**
 * The connection to the live hub: automatic and stateful reconnect, warnings only in the console.
 * Each message of the numbered kinds is handed to receive(kind, message).
 * signalR is the official client's namespace (the pages' lib/signalr/signalr.min.js defines window.signalR).
 * options.url                optional: the hub's address, /hubs/live on the page itself
 * options.http               optional: the client's HTTP options (the Node test driver sends a cookie)
 * options.reconnectDelays    optional: automatic reconnect's delays in ms, the client's default otherwise
 */
export function liveConnection(signalR, numberedKinds, receive, options) {
  options = options || {};
  var connection = new signalR.HubConnectionBuilder()
    .withUrl(options.url || '/hubs/live', options.http || {})
    .withAutomaticReconnect(options.reconnectDelays)
    .withStatefulReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  numberedKinds.forEach(function (kind) {
    connection.on(kind, function (message) { receive(kind, message); });
  });
  return connection;
}

/**
 * Starts the connection and joins; when that fails, or when the connection closes for good (automatic
 * reconnect gives up after a few tries), tries again after 2, 5, 10, then every 30 s, with jitter so
 * that the viewers of a restarted server do not all come back at once.
 * options.join()             joins the event; a connection that cannot join is closed and retried
 * options.offline()          shows that the screen is offline
 * options.stopped()          optional: true once the screen has stopped for good
 * options.retryAfterClose()  optional: false when a closed connection should stay closed
 * options.joinRefused(e)     optional: true if the join error is final (handled, no retry)
 * Returns start(), to call once.
 */
export function keepConnected(connection, options) {
  var stopped = options.stopped || function () { return false; };
  var retryAfterClose = options.retryAfterClose || function () { return true; };
  var joinRefused = options.joinRefused || function () { return false; };
  var retryDelays = [2000, 5000, 10000, 30000];
  var retries = 0;
  var retryTimer = 0;

  function start() {
    clearTimeout(retryTimer);
    retryTimer = 0;
    // 'Disconnected' is signalR.HubConnectionState.Disconnected: the string keeps this module free
    // of the SignalR global.
    if (stopped() || connection.state !== 'Disconnected') {
      return;
    }
    connection.start().then(function () {
      return options.join().then(function () {
        retries = 0;
      }, function (error) {
        if (joinRefused(error)) {
          return;
        }
        // Connected but not joined is of no use: close, and try again later.
        connection.stop();
        throw error;
      });
    }).catch(function () {
      options.offline();
      scheduleStart();
    });
  }

  function scheduleStart() {
    if (retryTimer || stopped()) {
      return;
    }
    var base = retryDelays[Math.min(retries, retryDelays.length - 1)];
    retries += 1;
    retryTimer = setTimeout(start, base + Math.floor(Math.random() * 1000));
  }

  connection.onclose(function () {
    if (stopped()) {
      return;
    }
    options.offline();
    if (retryAfterClose()) {
      scheduleStart();
    }
  });

  // Back online: try at once rather than at the next timer (Node, which runs the tests, has no such event).
  if (typeof globalThis.addEventListener === 'function') {
    globalThis.addEventListener('online', start);
  }
  return start;
}

/** Milliseconds left in the current block at serverNowMs (the server's time line); null without one. */
export function remainingMs(clock, serverNowMs) {
  var current = clock && clock.current;
  if (!current) {
    return null;
  }
  if (current.state === 'running' && current.endsAt) {
    return Date.parse(current.endsAt) - serverNowMs;
  }
  // Paused (or ended): the server froze it; nothing to count.
  return current.remainingSeconds * 1000;
}

/** The warning level of docs/hub-protocol.md for the milliseconds left. */
export function warningFor(ms) {
  if (ms === null) return 'none';
  if (ms <= 0) return 'overtime';
  if (ms <= 60000) return 'oneMinute';
  if (ms <= 300000) return 'fiveMinutes';
  return 'none';
}

/** "12:05", "1:02:05" beyond an hour (ClockText.Format on the server). */
export function formatSeconds(total) {
  var seconds = Math.abs(total);
  var h = Math.floor(seconds / 3600);
  var m = Math.floor(seconds / 60) % 60;
  var s = seconds % 60;
  var ss = (s < 10 ? '0' : '') + s;
  return h > 0 ? h + ':' + (m < 10 ? '0' : '') + m + ':' + ss : Math.floor(seconds / 60) + ':' + ss;
}
