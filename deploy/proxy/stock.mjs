// @discordjs/proxy exactly as its README runs it (default @discordjs/rest settings), for the
// benchmark's comparison only: `python -m bench.proxy --stock`. Do not deploy this one: a
// request Discord answers with a 429 or 5xx is re-sent with an empty body (see proxy.mjs).
import { createServer } from "node:http";
import { proxyRequests } from "@discordjs/proxy";
import { REST } from "@discordjs/rest";

const api = (process.env.DISCORD_API ?? "https://discord.com/api").replace(/\/+$/, "");
const rest = new REST({ api, version: "10" });
const server = createServer(proxyRequests(rest));
server.listen(Number(process.env.PROXY_PORT ?? "8080"), process.env.PROXY_HOST ?? "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening on http://${address.address}:${address.port}`);
});
