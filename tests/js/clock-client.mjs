// Drives the live hub with the official JavaScript client (@microsoft/signalr, the same package the
// event page loads) and prints what a viewer saw as one JSON line. Run by
// tests/OzgLive.Tests/JavaScript/OfficialJavaScriptClientTests.cs against the real app:
//
//   node tests/js/clock-client.mjs <baseUrl> <organiser cookie header> <scenario>
//
// Scenarios:
//   clock     a viewer and an organiser join; the organiser starts the event and block 1.
//   stateful  as clock, the viewer through a TCP relay; the relay drops the viewer's socket, the
//             organiser extends the block meanwhile, and stateful reconnect must replay it.
//   restart   as clock; the script prints {"step":"restart"} and the test restarts the server on
//             the same port; both clients must reconnect on their own, join again and resync.
//
// stdout carries only JSON lines ({"step": ...} and, last, {"summary": ...}); the client's own log
// goes to stderr.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
// The build installs the package for the browser (src/OzgLive.Web/package.json): use that copy.
const require = createRequire(path.resolve(here, '../../src/OzgLive.Web/package.json'));
const signalR = require('@microsoft/signalr');

const [baseUrl, organiserCookie, scenario = 'clock'] = process.argv.slice(2);
const slug = process.env.OZGLIVE_EVENT_SLUG || 'spot-on-ozg-he';
if (!baseUrl || !organiserCookie) {
  console.error('usage: node clock-client.mjs <baseUrl> <cookie> [clock|stateful|restart]');
  process.exit(2);
}

/** Settles like `promise`, or rejects with `message` after `ms` (a failure, not a pause). */
const withTimeout = (promise, ms, message) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(message)), ms);
  promise.then(
    (value) => { clearTimeout(timer); resolve(value); },
    (error) => { clearTimeout(timer); reject(error); });
});
const say = (line) => process.stdout.write(JSON.stringify(line) + '\n');

/** A hub client that keeps the clock like the event page does (wwwroot/js/event-live.js). */
class LiveClient {
  constructor(name, hubUrl, cookie) {
    this.name = name;
    this.eventId = null;
    this.role = null;
    this.seq = -1;
    this.clock = null;
    this.snapshots = [];
    this.deltas = [];
    this.ignored = 0;
    this.gaps = 0;
    this.reconnecting = 0;
    this.reconnected = 0;
    this.closed = 0;
    this.connectionIds = [];
    this.syncing = false;
    this.buffered = [];
    this.listeners = new Set();

    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(hubUrl, cookie ? { headers: { Cookie: cookie } } : {})
      // Short delays: the restart scenario should not wait the default 2 s and 10 s.
      .withAutomaticReconnect([0, 250, 500, 1000, 2000, 2000, 5000, 5000])
      .withStatefulReconnect()
      .configureLogging(signalR.LogLevel.Warning)
      .build();

    this.connection.on('ClockChanged', (m) => this.receive('ClockChanged', m));
    this.connection.on('EventUpdated', (m) => this.receive('EventUpdated', m));
    this.connection.onreconnecting(() => { this.reconnecting += 1; this.changed(); });
    this.connection.onreconnected((id) => {
      this.reconnected += 1;
      this.connectionIds.push(id);
      // A new connection is in no group: join again, as the page does.
      this.join().then(() => this.changed(), (e) => console.error(`${this.name}: re-join failed: ${e}`));
    });
    this.connection.onclose(() => { this.closed += 1; this.changed(); });
  }

  async start() {
    await this.connection.start();
    this.connectionIds.push(this.connection.connectionId);
  }

  join() {
    return this.resync('JoinEvent', slug);
  }

  async resync(method, argument) {
    this.syncing = true;
    try {
      const snapshot = await this.connection.invoke(method, argument);
      this.eventId = snapshot.eventId;
      this.role = snapshot.role;
      this.seq = snapshot.seq;
      this.clock = snapshot.clock;
      this.snapshots.push({ via: method, seq: snapshot.seq, phase: snapshot.clock.phase });
      return snapshot;
    } finally {
      this.syncing = false;
      const waiting = this.buffered.sort((a, b) => a.message.seq - b.message.seq);
      this.buffered = [];
      waiting.forEach((d) => this.receive(d.kind, d.message));
      this.changed();
    }
  }

  receive(kind, message) {
    if (message.eventId !== this.eventId) {
      return;
    }
    if (this.syncing) {
      this.buffered.push({ kind, message });
      return;
    }
    if (message.seq <= this.seq) {
      this.ignored += 1;
      return;
    }
    if (message.seq !== this.seq + 1) {
      this.gaps += 1;
      this.resync('GetSnapshot', this.eventId).catch((e) => console.error(`${this.name}: resync failed: ${e}`));
      return;
    }
    this.seq = message.seq;
    this.clock = message.clock;
    const current = message.clock.current;
    this.deltas.push({
      kind,
      seq: message.seq,
      command: message.command ?? null,
      phase: message.clock.phase,
      currentBlock: message.clock.currentBlock,
      state: current?.state ?? null,
      extendedMinutes: current?.extendedMinutes ?? null,
      // Whole seconds from the server's now to the block's end: what the countdown starts from.
      secondsToEnd: current?.endsAt ? (Date.parse(current.endsAt) - Date.parse(message.clock.serverNow)) / 1000 : null,
      remainingSeconds: current?.remainingSeconds ?? null,
    });
    this.changed();
  }

  changed() {
    this.listeners.forEach((check) => check());
  }

  /** Resolves once predicate(this) holds; fails after timeoutMs with what was seen. */
  until(what, predicate, timeoutMs = 15000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate(this)) {
          clearTimeout(timer);
          this.listeners.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`${this.name}: timed out waiting for ${what}; seq ${this.seq}, state ${this.connection.state}`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  summary() {
    return {
      role: this.role,
      eventId: this.eventId,
      seq: this.seq,
      phase: this.clock?.phase ?? null,
      currentBlock: this.clock?.currentBlock ?? null,
      current: this.clock?.current ?? null,
      snapshots: this.snapshots,
      deltas: this.deltas,
      ignored: this.ignored,
      gaps: this.gaps,
      reconnecting: this.reconnecting,
      reconnected: this.reconnected,
      closed: this.closed,
      connectionIds: this.connectionIds,
      state: this.connection.state,
    };
  }
}

/** A TCP relay in front of the app that can drop every socket and hold new ones back. */
function startRelay(target) {
  const live = new Set();
  const held = [];
  let holding = false;
  let onHeld = () => {};
  const server = net.createServer((client) => {
    const connect = () => {
      const upstream = net.connect(Number(target.port), target.hostname);
      const pair = { client, upstream };
      const drop = () => { client.destroy(); upstream.destroy(); live.delete(pair); };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
      live.add(pair);
    };
    if (holding) {
      // Left unread: the request waits in the socket until release().
      client.pause();
      held.push(connect);
      onHeld();
    } else {
      connect();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    /** Resolves once a new socket is being held back (at once if one already is). */
    whenHeld() {
      return held.length > 0 ? Promise.resolve() : new Promise((resolve) => { onHeld = resolve; });
    },
    holdAndDrop() {
      holding = true;
      for (const pair of [...live]) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      live.clear();
    },
    release() {
      holding = false;
      held.splice(0).forEach((connect) => connect());
    },
    close() { server.close(); },
  })));
}

async function startAndJoin(client) {
  await client.start();
  await client.join();
}

/** StartEvent and StartBlock 1 by the organiser; returns the seqs the server answered with. */
async function startEventAndBlock(organiser, eventId) {
  const started = await organiser.connection.invoke('StartEvent', eventId);
  const block = await organiser.connection.invoke('StartBlock', eventId, 1);
  return [started.seq, block.seq];
}

async function main() {
  const hubUrl = new URL('/hubs/live', baseUrl).toString();
  const result = { scenario };
  let relay = null;

  const organiser = new LiveClient('organiser', hubUrl, organiserCookie);
  let viewerHub = hubUrl;
  if (scenario === 'stateful') {
    relay = await startRelay(new URL(baseUrl));
    viewerHub = new URL('/hubs/live', relay.url).toString();
  }
  const viewer = new LiveClient('viewer', viewerHub, null);

  try {
    await startAndJoin(viewer);
    await startAndJoin(organiser);
    const eventId = viewer.eventId;
    result.joinedAtSeq = viewer.seq;

    try {
      await viewer.connection.invoke('StartEvent', eventId);
      result.viewerCommandError = null;
    } catch (e) {
      result.viewerCommandError = String(e.message ?? e);
    }

    result.commandSeqs = await startEventAndBlock(organiser, eventId);
    await viewer.until('block 1 running', (v) => v.seq >= result.commandSeqs[1]);

    if (scenario === 'stateful') {
      const connectionId = viewer.connection.connectionId;
      relay.holdAndDrop();
      // The client's stateful reconnect attempt reaches the relay and waits there.
      await withTimeout(relay.whenHeld(), 15000, 'the viewer did not try to reconnect its transport');
      // Answered once the server has put the delta in the dropped connection's replay buffer.
      const extended = await organiser.connection.invoke('ExtendBlock', eventId, 5);
      result.missedSeq = extended.seq;
      relay.release();
      await viewer.until('the replayed ExtendBlock', (v) => v.seq >= extended.seq);
      result.sameConnection = viewer.connection.connectionId === connectionId;
    }

    if (scenario === 'restart') {
      say({ step: 'restart' });
      await viewer.until('reconnecting', (v) => v.reconnecting > 0, 30000);
      await organiser.until('reconnected and joined', (o) => o.reconnected > 0 && !o.syncing && o.snapshots.length > 1, 30000);
      const extended = await organiser.connection.invoke('ExtendBlock', eventId, 5);
      result.afterRestartSeq = extended.seq;
      await viewer.until('reconnected with the extension', (v) => v.reconnected > 0 && v.seq >= extended.seq, 30000);
      const fresh = await viewer.connection.invoke('GetSnapshot', eventId);
      result.freshSnapshot = { seq: fresh.seq, phase: fresh.clock.phase, extendedMinutes: fresh.clock.current?.extendedMinutes ?? null };
    }

    result.viewer = viewer.summary();
    result.organiser = organiser.summary();
  } finally {
    await Promise.allSettled([viewer.connection.stop(), organiser.connection.stop()]);
    relay?.close();
  }
  say({ summary: result });
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e?.stack ?? String(e));
    process.exit(1);
  });
