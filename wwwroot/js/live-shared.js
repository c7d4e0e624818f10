/*
 * What the three screens' scripts (event-live.js, moderate.js, stage.js) share:
 * - the numbered stream of docs/hub-protocol.md: every numbered message carries seq = previous + 1;
 *   older ones are already shown, a jump means one was missed and only a fresh snapshot can tell
 *   what it was. Messages that arrive while a snapshot is being fetched wait and are applied on top;
 * - the hub connection itself, built the same way for all three, with the numbered messages wired in;
 * - staying connected: after automatic reconnect gives up, keep starting again, more and more slowly;
 * - the clock's arithmetic: time left on the server's time line, the warning level, "m:ss".
 */
(function () {
  'use strict';

  /**
   * options.eventId()          the event the screen shows
   * options.seq()              the seq of what the screen shows now (applySnapshot/applyDelta set it)
   * options.applySnapshot(s)   replaces the screen's state with a snapshot
   * options.applyDelta(k, m)   applies the next numbered message m of kind k
   * options.stopped()          optional: true once the screen has stopped listening
   */
  function numberedStream(options) {
    var stopped = options.stopped || function () { return false; };
    var syncing = false;
    var buffered = [];
    var syncChain = Promise.resolve();

    function receive(kind, message) {
      if (stopped() || !message || message.eventId !== options.eventId()) {
        return;
      }
      if (syncing) {
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
     *  reconnecting is never lost behind a gap's resync. */
    function resync(fetchSnapshot) {
      function run() {
        syncing = true;
        return fetchSnapshot().then(function (snapshot) {
          if (!stopped()) {
            options.applySnapshot(snapshot);
          }
        }).finally(function () {
          syncing = false;
          var waiting = buffered.sort(function (a, b) { return a.message.seq - b.message.seq; });
          buffered = [];
          waiting.forEach(function (d) { receive(d.kind, d.message); });
        });
      }
      var result = syncChain.then(run, run);
      syncChain = result.catch(function () { });
      return result;
    }

    return { receive: receive, resync: resync };
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
  /**
   * The connection to /hubs/live: automatic and stateful reconnect, warnings only in the console.
   * Each message of the numbered kinds is handed to receive(kind, message).
   */
  function liveConnection(numberedKinds, receive) {
    var connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/live')
      .withAutomaticReconnect()
      .withStatefulReconnect()
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    numberedKinds.forEach(function (kind) {
      connection.on(kind, function (message) { receive(kind, message); });
    });
    return connection;
  }

  function keepConnected(connection, options) {
    var stopped = options.stopped || function () { return false; };
    var retryAfterClose = options.retryAfterClose || function () { return true; };
    var joinRefused = options.joinRefused || function () { return false; };
    var retryDelays = [2000, 5000, 10000, 30000];
    var retries = 0;
    var retryTimer = 0;

    function start() {
      window.clearTimeout(retryTimer);
      retryTimer = 0;
      if (stopped() || connection.state !== signalR.HubConnectionState.Disconnected) {
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
      retryTimer = window.setTimeout(start, base + Math.floor(Math.random() * 1000));
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

    window.addEventListener('online', start);
    return start;
  }

  /** Milliseconds left in the current block at serverNowMs (the server's time line); null without one. */
  function remainingMs(clock, serverNowMs) {
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
  function warningFor(ms) {
    if (ms === null) return 'none';
    if (ms <= 0) return 'overtime';
    if (ms <= 60000) return 'oneMinute';
    if (ms <= 300000) return 'fiveMinutes';
    return 'none';
  }

  /** "12:05", "1:02:05" beyond an hour (ClockText.Format on the server). */
  function formatSeconds(total) {
    var seconds = Math.abs(total);
    var h = Math.floor(seconds / 3600);
    var m = Math.floor(seconds / 60) % 60;
    var s = seconds % 60;
    var ss = (s < 10 ? '0' : '') + s;
    return h > 0 ? h + ':' + (m < 10 ? '0' : '') + m + ':' + ss : Math.floor(seconds / 60) + ':' + ss;
  }

  window.OzgLive = window.OzgLive || {};
  window.OzgLive.numberedStream = numberedStream;
  window.OzgLive.liveConnection = liveConnection;
  window.OzgLive.keepConnected = keepConnected;
  window.OzgLive.remainingMs = remainingMs;
  window.OzgLive.warningFor = warningFor;
  window.OzgLive.formatSeconds = formatSeconds;
})();
