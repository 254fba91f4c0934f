// The REST proxy every bot process sends its Discord calls through (DISCORD_API_BASE), so that
// the processes of one bot token share one view of Discord's rate limits and one global
// limiter (@discordjs/rest's, 50 requests a second by default).
//
// It is @discordjs/proxy's handler with two of its defaults changed, both for known problems:
//
// * Bodies are kept. @discordjs/proxy hands Discord the incoming request stream; when Discord
//   answers 429 (or 5xx) and @discordjs/rest sends the request again, the stream is spent and
//   Discord gets an empty body (400 "Cannot send an empty message", code 50006). Here the
//   body is read into memory first, so every re-send carries it.
// * Retries are off. A 5xx may come after Discord did the work ("accepted then failed"); a
//   re-send by the proxy doubles an interaction callback or a follow-up. The bot retries what
//   can be retried itself (its outbox, with nonces and deadlines). 429s are still waited out
//   here: @discordjs/rest re-sends those whatever `retries` says, which is safe because
//   Discord did nothing.
// * A call whose bot gave up on it is dropped. When a bot's wait for an answer runs out, it
//   closes the connection and schedules its own retry (a new turn of its budget, a nonce or an
//   idempotent edit). @discordjs/proxy would still send the abandoned copy when its turn came,
//   a call nobody waits for taking a place in the global limit ahead of the retry. Here the
//   closed connection aborts the call: one still queued is never sent, one on its way to
//   Discord is cut (its retry's nonce or idempotence covers a copy Discord already took).
// * rejectOnRateLimit stays off: with it, the proxy answers a 429 with only `Retry-After`, no
//   `Via` header and no JSON body, which discord.py 2.7 takes for a Cloudflare ban.
//
// Settings (environment):
//   DISCORD_API    Discord's API root without the version (default https://discord.com/api)
//   PROXY_HOST     address to listen on (default 127.0.0.1)
//   PROXY_PORT     port to listen on (default 8080); 0 picks a free one
//   GLOBAL_PER_SECOND  the token's global limit (default 50)
//   REST_TIMEOUT_MS    how long one call to Discord may take (default 15000)
// Prints "listening on http://HOST:PORT" once it accepts connections.

import { createServer } from "node:http";
import { URL } from "node:url";
import { populateErrorResponse, populateSuccessfulResponse } from "@discordjs/proxy";
import { REST } from "@discordjs/rest";

const api = (process.env.DISCORD_API ?? "https://discord.com/api").replace(/\/+$/, "");
const host = process.env.PROXY_HOST ?? "127.0.0.1";
const port = Number(process.env.PROXY_PORT ?? "8080");

const rest = new REST({
  api,
  version: "10",
  retries: 0,
  rejectOnRateLimit: null,
  globalRequestsPerSecond: Number(process.env.GLOBAL_PER_SECOND ?? "50"),
  timeout: Number(process.env.REST_TIMEOUT_MS ?? "15000"),
});
rest.on("rateLimited", (info) => {
  console.warn(`rate limited: ${info.method} ${info.route} for ${info.timeToReset} ms (global: ${info.global})`);
});

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

async function proxy(req, res) {
  const url = new URL(req.url, "http://noop");
  const fullRoute = url.pathname.replace(/^\/api(\/v\d+)?/, "");
  const headers = {};
  for (const name of ["content-type", "authorization", "x-audit-log-reason"]) {
    if (req.headers[name]) {
      headers[name] = req.headers[name];
    }
  }
  const gaveUp = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) gaveUp.abort();
  });
  try {
    const body = await readBody(req);
    const answer = await rest.queueRequest({
      body,
      fullRoute,
      method: req.method,
      auth: false, // the bot's own Authorization header is forwarded
      passThroughBody: true,
      query: url.searchParams,
      headers,
      signal: gaveUp.signal,
    });
    await populateSuccessfulResponse(res, answer);
  } catch (error) {
    if (gaveUp.signal.aborted) {
      console.warn(`${req.method} ${fullRoute}: dropped, the caller gave up on it`);
    } else if (!populateErrorResponse(res, error)) {
      console.error(`${req.method} ${fullRoute}:`, error);
      res.statusCode = 502;
    }
  } finally {
    res.end();
  }
}

const server = createServer((req, res) => {
  proxy(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 502;
    res.end();
  });
});
server.listen(port, host, () => {
  const address = server.address();
  console.log(`listening on http://${address.address}:${address.port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
