#!/usr/bin/env node
// corscheck process adapter (protocol v1, docs/adapters.md) for the `cors` middleware used by
// express. It calls the real middleware on in-memory request/response objects: no socket, no
// express app. Usage: node adapter.js POLICY.json   (corscheck: --target exec:'node adapter.js p.json')
'use strict';
const fs = require('fs');
const readline = require('readline');
const cors = require('cors');

function loadPolicy(path) {
  const p = path ? JSON.parse(fs.readFileSync(path, 'utf8')) : {};
  const exact = p.origins || [];
  const patterns = (p.origin_patterns || []).map((pat) => {
    // "https://*.example.com" -> one or more labels in place of '*', dots escaped.
    const [scheme, rest] = pat.split('://');
    const host = rest.replace(/^\*\./, '');
    return new RegExp('^' + scheme + ':\\/\\/([a-z0-9-]+\\.)+' + host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$');
  });
  return {
    origin: (origin, cb) => cb(null, exact.includes(origin) || patterns.some((re) => re.test(origin || ''))),
    credentials: !!p.credentials,
    methods: p.methods,
    allowedHeaders: p.headers,
    exposedHeaders: p.expose_headers,
    maxAge: p.max_age,
  };
}

// A minimal stand-in for node's ServerResponse: what the middleware calls.
class FakeResponse {
  constructor() { this.statusCode = 200; this.headers = new Map(); this.ended = false; this.body = ''; }
  setHeader(name, value) { this.headers.set(name.toLowerCase(), [name, value]); }
  getHeader(name) { const h = this.headers.get(name.toLowerCase()); return h ? h[1] : undefined; }
  removeHeader(name) { this.headers.delete(name.toLowerCase()); }
  end(body) { this.ended = true; if (body) this.body += body; }
  lines() {
    const out = [];
    for (const [name, value] of this.headers.values()) {
      for (const v of Array.isArray(value) ? value : [value]) out.push([name, String(v)]);
    }
    return out;
  }
}

function handle(middleware, msg) {
  // node's IncomingMessage: lower-case names; repeated headers joined with ", ".
  const headers = {};
  for (const [name, value] of msg.headers) {
    const key = name.toLowerCase();
    headers[key] = key in headers ? headers[key] + ', ' + value : value;
  }
  const url = new URL(msg.url);
  const req = { method: msg.method, url: url.pathname + url.search, headers };
  const res = new FakeResponse();
  return new Promise((resolve) => {
    middleware(req, res, (err) => {
      if (err) { res.statusCode = 500; res.end(String(err)); }
      else { res.statusCode = 200; res.setHeader('Content-Type', 'application/json'); res.end('{"ok":true}'); }
      resolve(res);
    });
    if (res.ended) resolve(res);
  }).then((r) => ({ status: r.statusCode, reason: '', headers: r.lines(), body: r.body }));
}

const middleware = cors(loadPolicy(process.argv[2]));
const rl = readline.createInterface({ input: process.stdin, terminal: false });
let chain = Promise.resolve();
rl.on('line', (line) => {
  if (!line.trim()) return;
  chain = chain.then(async () => {
    let msg;
    try {
      msg = JSON.parse(line);
      const r = await handle(middleware, msg);
      process.stdout.write(JSON.stringify({ v: 1, id: msg.id, ...r }) + '\n');
    } catch (e) {
      process.stdout.write(JSON.stringify({ v: 1, id: msg ? msg.id : 0, error: String(e && e.stack || e) }) + '\n');
    }
  });
});
