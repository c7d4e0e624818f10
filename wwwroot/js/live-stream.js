/*
 * The numbered stream of docs/hub-protocol.md, shared by the three screens' scripts (event-live.js,
 * moderate.js, stage.js): every numbered message carries seq = previous + 1; older ones are already
 * shown, a jump means one was missed and only a fresh snapshot can tell what it was. Messages that
 * arrive while a snapshot is being fetched wait and are applied on top of it.
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

  window.OzgLive = window.OzgLive || {};
  window.OzgLive.numberedStream = numberedStream;
})();
