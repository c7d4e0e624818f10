/*
 * What the three screens' scripts (event-live.js, moderate.js, stage.js) share:
 * - the numbered stream of docs/hub-protocol.md: every numbered message carries seq = previous + 1;
 *   older ones are already shown, a jump means one was missed and only a fresh snapshot can tell
 *   what it was. Messages that arrive while a snapshot is being fetched wait and are applied on top;
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
  window.OzgLive.remainingMs = remainingMs;
  window.OzgLive.warningFor = warningFor;
  window.OzgLive.formatSeconds = formatSeconds;
})();
