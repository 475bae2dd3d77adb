import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpHandler } from "msw";
import { getResponse } from "msw";
import { CONTROL_PREFIX, handleControlRequest } from "./control";
import { createSandboxHandlers } from "./handlers";
import { RAW_TARGET_HEADER } from "./request-log";
import { CUT_BODY_HEADER } from "./responses";
import { createSandboxState, releasePendingRequests } from "./state";
import type { SandboxState } from "./types";

/** Options for startSandboxServer. */
export interface SandboxServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Share a state with the caller; a fresh seeded one otherwise. */
  state?: SandboxState;
}

/** A running sandbox server. */
export interface SandboxServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:8787. */
  url: string;
  state: SandboxState;
  /** Stops listening and ends every open connection, hanging requests included; safe to call twice. */
  close: () => Promise<void>;
}

// Permissive on purpose: an extension page (the benchmark) fetches the sandbox directly.
const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
  "access-control-expose-headers": "Retry-After, Content-Type",
};

const DEFAULT_ALLOWED_HEADERS =
  "content-type, x-client-authorization, x-product-name, x-user-agent, x-loyalty-club-slug, x-customer, authorization";

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer | null,
): void {
  if (res.destroyed) return;
  if (res.headersSent) {
    res.end();
    return;
  }
  const length = body?.length ?? 0;
  // RFC 9110: no Content-Length on 204 and 304.
  const lengthHeader = status === 204 || status === 304 ? {} : { "content-length": String(length) };
  res.writeHead(status, { ...CORS_HEADERS, ...headers, ...lengthHeader });
  res.end(body && length > 0 ? body : undefined);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = status === 204 || value === undefined ? null : Buffer.from(JSON.stringify(value));
  send(res, status, body ? { "content-type": "application/json" } : {}, body);
}

function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers["access-control-request-headers"];
  send(
    res,
    204,
    {
      "access-control-allow-headers":
        typeof requested === "string" && requested !== "" ? requested : DEFAULT_ALLOWED_HEADERS,
      "access-control-max-age": "600",
      // Chromium's Private Network Access asks before a page may reach loopback.
      ...(req.headers["access-control-request-private-network"] === "true" && {
        "access-control-allow-private-network": "true",
      }),
    },
    null,
  );
}

function originOf(req: IncomingMessage, fallback: string): string {
  try {
    return new URL(`http://${req.headers.host ?? ""}`).origin;
  } catch {
    return fallback;
  }
}

// Not `new URL(target, origin)`: a target such as `//v3/...` would be read as another host.
function urlOf(req: IncomingMessage, origin: string): URL {
  const target = req.url ?? "/";
  return new URL(target.startsWith("/") ? `${origin}${target}` : target);
}

function toFetchRequest(req: IncomingMessage, url: URL, body: Buffer, signal: AbortSignal): Request {
  const target = req.url ?? "/";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  headers.set(RAW_TARGET_HEADER, target);
  const method = req.method ?? "GET";
  const hasBody = body.length > 0 && method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers,
    signal,
    ...(hasBody && { body: new Uint8Array(body) }),
  });
}

async function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  if (response.type === "error") {
    // HttpResponse.error(): drop the connection without a word, as a reset would.
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (response.headers.has(CUT_BODY_HEADER)) return writeCutBody(req, res, response, headers);
  const body = req.method === "HEAD" ? null : Buffer.from(await response.arrayBuffer());
  send(res, response.status, headers, body);
}

/** Sends the status, the headers and what the body had before it broke off, then drops the socket. */
async function writeCutBody(
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
  headers: Record<string, string>,
): Promise<void> {
  delete headers[CUT_BODY_HEADER];
  // A length the body never reaches, so the client knows it was cut rather than complete.
  res.writeHead(response.status, { ...CORS_HEADERS, ...headers, "content-length": "1000" });
  const reader = response.body?.getReader();
  try {
    for (;;) {
      const { done, value } = (await reader?.read()) ?? { done: true, value: undefined };
      if (done) break;
      res.write(value);
    }
  } catch {
    // The break the fault asked for.
  }
  await new Promise<void>((resolve) => res.write("", () => resolve()));
  req.socket.destroy();
}

async function handle(
  state: SandboxState,
  handlers: HttpHandler[],
  baseUrl: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method === "OPTIONS") return answerPreflight(req, res);
  const origin = originOf(req, baseUrl);
  const body = await readBody(req);
  const url = urlOf(req, origin);
  if (url.pathname.startsWith(CONTROL_PREFIX)) {
    const result = handleControlRequest(
      state,
      req.method ?? "GET",
      url,
      body.length > 0 ? body.toString("utf8") : null,
    );
    return sendJson(res, result.status, result.body);
  }
  // Aborts the handler's waits (latency, hang) when the client goes away first.
  const clientGone = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) clientGone.abort();
  });
  const response = await getResponse(handlers, toFetchRequest(req, url, body, clientGone.signal));
  if (!response) return sendJson(res, 404, { error: "Not found" });
  await writeResponse(req, res, response);
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Serves the sandbox handlers over real HTTP (for Playwright and the demo), plus /__sandbox/ controls. */
export async function startSandboxServer(options: SandboxServerOptions = {}): Promise<SandboxServer> {
  const { port = 0, host = "127.0.0.1" } = options;
  const state = options.state ?? createSandboxState();
  const handlers = createSandboxHandlers(state);
  let baseUrl = `http://${host}`;
  const server = createServer((req, res) => {
    handle(state, handlers, baseUrl, req, res).catch((error: unknown) => {
      // A sandbox bug: answer 500 with the reason rather than leave the test waiting.
      sendJson(res, 500, {
        error: `Sandbox error: ${error instanceof Error ? error.message : String(error)}`,
      });
    });
  });
  const address = await listen(server, port, host);
  baseUrl = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      releasePendingRequests(state);
      server.closeAllConnections();
    });
    return closing;
  };
  return { url: baseUrl, state, close };
}
