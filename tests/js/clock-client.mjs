// Drives the live hub with the official JavaScript client (@microsoft/signalr, the same package the
// pages load) through the pages' own module, wwwroot/js/live-shared.js: its liveConnection builds the
// connection and its numberedStream applies, ignores and resyncs exactly as on the pages. Prints what a
// viewer saw as one JSON line. Run by tests/OzgLive.Tests/JavaScript/OfficialJavaScriptClientTests.cs
// against the real app:
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
// goes to stderr. (Not a *.test.mjs file: `node --test tests/js/` leaves it to the C# test.)
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import path from 'node:path';
import { liveConnection, numberedStream, remainingMs } from '../../wwwroot/js/live-shared.js';

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

const say = (line) => process.stdout.write(JSON.stringify(line) + '\n');

/** Rejects with "timed out waiting for what" unless promise settles within timeoutMs. */
function within(promise, what, timeoutMs = 15000) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A hub client that keeps the clock with the pages' module and records what it saw. */
class LiveClient {
  constructor(name, hubUrl, cookie) {
    this.name = name;
    this.eventId = null;
    this.role = null;
    this.seq = -1;
    this.clock = null;
    this.snapshots = [];
    this.deltas = [];
    this.gaps = 0;
    this.joining = 0;
    this.reconnecting = 0;
    this.reconnected = 0;
    this.closed = 0;
    this.connectionIds = [];
    this.listeners = new Set();

    this.stream = numberedStream({
      eventId: () => this.eventId,
      seq: () => this.seq,
      applySnapshot: (snapshot) => this.applySnapshot(snapshot),
      applyDelta: (kind, message) => this.applyDelta(kind, message),
      // The stream asks for a snapshot only when it saw a gap.
      fetchSnapshot: () => {
        this.gaps += 1;
        return this.fetch('GetSnapshot', this.eventId);
      },
    });
    this.connection = liveConnection(signalR, ['ClockChanged', 'EventUpdated'], this.stream.receive, {
      url: hubUrl,
      http: cookie ? { headers: { Cookie: cookie } } : {},
      // Short delays: the restart scenario should not wait the default 2 s and 10 s.
      reconnectDelays: [0, 250, 500, 1000, 2000, 2000, 5000, 5000],
    });
    this.connection.onreconnecting(() => { this.reconnecting += 1; this.changed(); });
    this.connection.onreconnected((id) => {
      this.reconnected += 1;
      this.connectionIds.push(id);
      // A new connection is in no group: join again, as the pages do.
      this.join().catch((e) => console.error(`${this.name}: re-join failed: ${e}`));
    });
    this.connection.onclose(() => { this.closed += 1; this.changed(); });
  }

  async start() {
    await this.connection.start();
    this.connectionIds.push(this.connection.connectionId);
  }

  /** Joins (again) through the stream, as the pages do: numbered messages meanwhile wait for the snapshot. */
  join() {
    this.joining += 1;
    return this.stream.resync(() => this.fetch('JoinEvent', slug)).finally(() => {
      this.joining -= 1;
      this.changed();
    });
  }

  async fetch(method, argument) {
    const snapshot = await this.connection.invoke(method, argument);
    this.snapshots.push({ via: method, seq: snapshot.seq, phase: snapshot.clock.phase });
    return snapshot;
  }

  applySnapshot(snapshot) {
    this.eventId = snapshot.eventId;
    this.role = snapshot.role;
    this.seq = snapshot.seq;
    this.clock = snapshot.clock;
    this.changed();
  }

  applyDelta(kind, message) {
    this.seq = message.seq;
    this.clock = message.clock;
    const current = message.clock.current;
    // What the countdown starts from, by the pages' own arithmetic on the server's time line.
    const left = remainingMs(message.clock, Date.parse(message.clock.serverNow));
    this.deltas.push({
      kind,
      seq: message.seq,
      command: message.command ?? null,
      phase: message.clock.phase,
      currentBlock: message.clock.currentBlock,
      state: current?.state ?? null,
      extendedMinutes: current?.extendedMinutes ?? null,
      secondsToEnd: left === null ? null : left / 1000,
      remainingSeconds: current?.remainingSeconds ?? null,
    });
    this.changed();
  }

  changed() {
    this.listeners.forEach((check) => check());
  }

  /** Resolves once predicate(this) holds; fails after timeoutMs with what was seen. */
  until(what, predicate, timeoutMs = 15000) {
    let check;
    const seen = new Promise((resolve) => {
      check = () => {
        if (predicate(this)) {
          resolve();
        }
      };
      this.listeners.add(check);
      check();
    });
    return within(seen, `${this.name}: ${what}`, timeoutMs)
      .catch((e) => { throw new Error(`${e.message}; seq ${this.seq}, state ${this.connection.state}`); })
      .finally(() => this.listeners.delete(check));
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
  const heldWaiters = [];
  let holding = false;
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
      heldWaiters.splice(0).forEach((resolve) => resolve());
    } else {
      connect();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    /** Resolves once a new socket waits in the relay. */
    whenHeld() {
      return held.length > 0 ? Promise.resolve() : new Promise((resolve) => heldWaiters.push(resolve));
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

/** The clock version a clock command must carry: the one the client's fresh snapshot shows. */
async function clockVersion(client, eventId) {
  return (await client.connection.invoke('GetSnapshot', eventId)).clock.version;
}

/** StartEvent and StartBlock 1 by the organiser; returns the seqs the server answered with. */
async function startEventAndBlock(organiser, eventId) {
  // Each command carries the clock version it was given on (clock.version): 0 before the start.
  const started = await organiser.connection.invoke('StartEvent', eventId, 0);
  const block = await organiser.connection.invoke('StartBlock', eventId, started.clock.version, 1);
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
      await viewer.connection.invoke('StartEvent', eventId, 0);
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
      await within(relay.whenHeld(), 'the viewer to reconnect its transport');
      // The server has broadcast the extension once the organiser's call returns: the viewer's old
      // socket is gone and its new one is held, so only stateful reconnect's replay can bring it.
      const extended = await organiser.connection.invoke('ExtendBlock', eventId, await clockVersion(organiser, eventId), 5);
      result.missedSeq = extended.seq;
      relay.release();
      await viewer.until('the replayed ExtendBlock', (v) => v.seq >= extended.seq);
      result.sameConnection = viewer.connection.connectionId === connectionId;
    }

    if (scenario === 'restart') {
      say({ step: 'restart' });
      await viewer.until('reconnecting', (v) => v.reconnecting > 0, 30000);
      await organiser.until('reconnected and joined', (o) => o.reconnected > 0 && o.joining === 0 && o.snapshots.length > 1, 30000);
      const extended = await organiser.connection.invoke('ExtendBlock', eventId, await clockVersion(organiser, eventId), 5);
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
