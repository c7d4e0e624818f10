// Fan-out benchmark: how long after a moderator's command do N viewers have the change?
// Loopback only. Usage: node fanout.mjs <baseUrl> <viewers> <rounds>
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../../src/OzgLive.Web/package.json"));
const signalR = require("@microsoft/signalr");

const [baseUrl, viewerCount = "200", roundCount = "30"] = process.argv.slice(2);
const base = new URL(baseUrl);
if (!["127.0.0.1", "localhost", "[::1]"].includes(base.hostname)) throw new Error("loopback only");
const slug = "spot-on-ozg-he";

async function signIn() {
  const page = await fetch(new URL("/login", base));
  const cookies = page.headers.getSetCookie().map(c => c.split(";")[0]);
  const token = (await page.text()).match(/name="__RequestVerificationToken" value="([^"]+)"/)[1];
  const body = new URLSearchParams({ "Input.Email": "organisation@ozglive.local", "Input.Password": "ozglive-dev-2026", "_handler": "login", "__RequestVerificationToken": token });
  const response = await fetch(new URL("/login", base), { method: "POST", body, redirect: "manual", headers: { cookie: cookies.join("; ") } });
  return [...cookies, ...response.headers.getSetCookie().map(c => c.split(";")[0])].join("; ");
}

function connect(cookie) {
  return new signalR.HubConnectionBuilder()
    .withUrl(new URL("/hubs/live", base).href, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true, headers: cookie ? { cookie } : {} })
    .configureLogging(signalR.LogLevel.None)
    .build();
}

const percentile = (values, p) => values.slice().sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p / 100 * values.length))];

const moderator = connect(await signIn());
await moderator.start();
const snapshot = await moderator.invoke("JoinEvent", slug);
const eventId = snapshot.eventId;
// Clock commands carry the clock version they were given on; each answer carries the next one.
let clockVersion = snapshot.clock.version;
if (snapshot.clock.phase === "notStarted") { clockVersion = (await moderator.invoke("StartEvent", eventId, clockVersion)).clock.version; }
if (snapshot.clock.phase !== "block") { clockVersion = (await moderator.invoke("NextBlock", eventId, clockVersion)).clock.version; }

const viewers = [];
const arrivals = new Map(); // seq -> array of arrival times
for (let i = 0; i < Number(viewerCount); i++) {
  const viewer = connect(null);
  viewer.on("ClockChanged", message => {
    const list = arrivals.get(message.seq) ?? [];
    list.push(performance.now());
    arrivals.set(message.seq, list);
  });
  await viewer.start();
  await viewer.invoke("JoinEvent", slug);
  viewers.push(viewer);
}

const rounds = [];
for (let r = 0; r < Number(roundCount); r++) {
  const sent = performance.now();
  const result = await moderator.invoke("ExtendBlock", eventId, clockVersion, 1);
  clockVersion = result.clock.version;
  const acked = performance.now() - sent;
  // The viewers' stream number for this change is one past the last the moderator's answer implies;
  // wait until every viewer has a ClockChanged beyond those already counted.
  const deadline = performance.now() + 10_000;
  let seq;
  while (performance.now() < deadline) {
    seq = [...arrivals.keys()].sort((a, b) => b - a)[0];
    if ((arrivals.get(seq)?.length ?? 0) >= viewers.length && !rounds.some(x => x.seq === seq)) break;
    await new Promise(resolve => setTimeout(resolve, 2));
  }
  const times = arrivals.get(seq).map(t => t - sent);
  rounds.push({ seq, acked, last: Math.max(...times), median: percentile(times, 50) });
  void result;
}

const last = rounds.map(r => r.last);
const acks = rounds.map(r => r.acked);
console.log(JSON.stringify({
  viewers: viewers.length,
  rounds: rounds.length,
  commandAckMs: { p50: +percentile(acks, 50).toFixed(1), p95: +percentile(acks, 95).toFixed(1) },
  lastViewerMs: { p50: +percentile(last, 50).toFixed(1), p95: +percentile(last, 95).toFixed(1), max: +Math.max(...last).toFixed(1) },
}));
await Promise.all(viewers.map(v => v.stop()));
await moderator.stop();
