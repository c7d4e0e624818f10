// Page weight of the live viewer page: what Chromium receives on a first visit and on a repeat
// visit (same browser profile, navigating to the page again). Loopback only.
// Usage: node page-weight.mjs <baseUrl> [path]
//
// Bytes are Chromium's own count (DevTools' "transferred": Network.loadingFinished.encodedDataLength,
// response headers plus the body as it came over the wire, compressed or not). A response served
// from the browser's cache counts 0. The hub's WebSocket messages are counted apart (their payload).
import { chromium } from "playwright-core";

const [baseUrl, pagePath = "/events/spot-on-ozg-he"] = process.argv.slice(2);
const base = new URL(baseUrl);
if (!["127.0.0.1", "[::1]"].includes(base.hostname)) throw new Error("loopback only");
const url = new URL(pagePath, base).toString();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");

  let visit = null;
  const requests = new Map();
  cdp.on("Network.requestWillBeSent", (e) => {
    requests.set(e.requestId, { url: e.request.url, method: e.request.method, type: e.type, status: 0, encoding: "", cached: false, bytes: 0 });
  });
  cdp.on("Network.requestServedFromCache", (e) => { if (requests.has(e.requestId)) requests.get(e.requestId).cached = true; });
  cdp.on("Network.responseReceived", (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    r.cached ||= e.response.fromDiskCache || e.response.fromPrefetchCache || false;
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    r.encoding = headers["content-encoding"] ?? "";
    r.cacheControl = headers["cache-control"] ?? "";
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = requests.get(e.requestId);
    if (r) r.bytes = r.cached ? 0 : e.encodedDataLength;
  });
  let joined = null;
  cdp.on("Network.webSocketFrameReceived", (e) => {
    if (!visit) return;
    visit.socketBytes += Buffer.byteLength(e.response.payloadData);
    // SignalR's JSON protocol: a completion (type 3) answers JoinEvent; after it the page is live.
    if (/"type":3[,}]/.test(e.response.payloadData)) joined?.();
  });
  cdp.on("Network.webSocketFrameSent", (e) => { if (visit) visit.socketSentBytes += Buffer.byteLength(e.response.payloadData); });

  const visits = [];
  for (const name of ["first visit", "repeat visit"]) {
    requests.clear();
    visit = { name, socketBytes: 0, socketSentBytes: 0, requests: [] };
    const live = new Promise((resolve, reject) => {
      joined = resolve;
      setTimeout(() => reject(new Error(`${name}: the page did not join the event within 30 s`)), 30_000).unref();
    });
    await page.goto(url, { waitUntil: "load" });
    await live;
    // The barrier above is the hub's answer; by then every resource the page loads has finished.
    visit.requests = [...requests.values()];
    visits.push(visit);
  }

  await context.close();
  print(visits);
} finally {
  await browser.close();
}

function print(visits) {
  const kb = (n) => (n / 1024).toFixed(1);
  for (const v of visits) {
    console.log(`\n${v.name}: ${url}`);
    console.log("| request | status | encoding | from cache | bytes |");
    console.log("| --- | --- | --- | --- | --- |");
    for (const r of v.requests) {
      const shown = r.url.startsWith(base.origin) ? r.url.slice(base.origin.length) : r.url;
      console.log(`| ${r.method} ${shown} | ${r.status} | ${r.encoding || "-"} | ${r.cached ? "yes" : "no"} | ${r.bytes} |`);
    }
    const hub = (r) => new URL(r.url).pathname.startsWith("/hubs/");
    const pageBytes = v.requests.filter((r) => !hub(r)).reduce((sum, r) => sum + r.bytes, 0);
    const hubBytes = v.requests.filter(hub).reduce((sum, r) => sum + r.bytes, 0);
    const fetched = v.requests.filter((r) => !hub(r) && !r.cached).length;
    console.log(`page (HTML and its files): ${pageBytes} bytes = ${kb(pageBytes)} KB in ${fetched} response(s) over the network`);
    console.log(`live connection: negotiate ${hubBytes} bytes, WebSocket messages received ${v.socketBytes} bytes (sent ${v.socketSentBytes})`);
    console.log(`total received: ${kb(pageBytes + hubBytes + v.socketBytes)} KB`);
  }
}
