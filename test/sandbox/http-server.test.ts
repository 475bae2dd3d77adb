// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setFault } from "./faults";
import type { SandboxServer } from "./http-server";
import { startSandboxServer } from "./http-server";
import { SANDBOX_CLUBS, SANDBOX_MEMBERS, SANDBOX_TOKENS } from "./seed";
import { resetSandbox } from "./state";
import { apiHeaders, sendUrl } from "./test-helpers";
import type { SandboxRequestEntry } from "./types";

let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer();
});
afterEach(() => resetSandbox(sandbox.state));
afterAll(() => sandbox.close());

const { infinityMall } = SANDBOX_CLUBS;

function post(url: string, body?: string) {
  return fetch(url, { method: "POST", headers: apiHeaders(), ...(body !== undefined && { body }) });
}

function lastEntry(): SandboxRequestEntry | undefined {
  return sandbox.state.requests.at(-1);
}

describe("startSandboxServer", () => {
  it("listens on 127.0.0.1 on a free port", () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("serves the Placewise handlers", async () => {
    const response = await post(sendUrl(sandbox.url, infinityMall, { email: SANDBOX_MEMBERS.anna }), "{}");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(lastEntry()).toMatchObject({ status: 200, body: "{}", route: "send-by-email" });
  });
});

describe("path decoding over HTTP", () => {
  it.each([
    ["a plus", SANDBOX_MEMBERS.anna, "/anna%2Bmall%40example.no/"],
    ["an encoded slash", SANDBOX_MEMBERS.slash, "/team%2Fsupport%40example.no/"],
    ["a percent sign", SANDBOX_MEMBERS.percent, "/100%25real%40example.no/"],
    ["non-ASCII letters", SANDBOX_MEMBERS.bjorn, "/bj%C3%B8rn%40eksempel.no/"],
  ])("delivers an email with %s intact", async (_label, email, rawSegment) => {
    const response = await post(sendUrl(sandbox.url, infinityMall, { email }));
    expect(response.status).toBe(200);
    expect(lastEntry()?.path).toContain(rawSegment);
    expect(lastEntry()?.pathParams).toEqual({ club: infinityMall, email });
  });

  it("never turns a raw + in a path segment into a space", async () => {
    const response = await post(
      `${sandbox.url}/v3/${infinityMall}/members/by_email/anna+mall@example.no/send_registration_password`,
    );
    expect(response.status).toBe(200);
    expect(lastEntry()?.pathParams.email).toBe(SANDBOX_MEMBERS.anna);
  });

  it("does not match when a raw / splits the email", async () => {
    const response = await post(
      `${sandbox.url}/v3/${infinityMall}/members/by_email/team/support@example.no/send_registration_password`,
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Not found" });
    expect(lastEntry()?.route).toBe("unknown");
  });

  it("decodes once only: a double-encoded address is another address", async () => {
    const response = await post(
      `${sandbox.url}/v3/${infinityMall}/members/by_email/anna%252Bmall%40example.no/send_registration_password`,
    );
    expect(response.status).toBe(404);
    expect(lastEntry()?.pathParams.email).toBe("anna%2Bmall@example.no");
  });

  it("answers 422 for a malformed escape instead of failing", async () => {
    const response = await post(
      `${sandbox.url}/v3/${infinityMall}/members/by_email/anna%ZZ%40example.no/send_registration_password`,
    );
    expect(response.status).toBe(422);
    expect(lastEntry()?.pathParams.email).toBe("anna%ZZ%40example.no");
  });

  it("logs the full URL and query as received, without the server's internal header", async () => {
    await post(
      sendUrl(sandbox.url, infinityMall, { email: SANDBOX_MEMBERS.anna }, "?language=no&login_url=x"),
    );
    const entry = lastEntry();
    expect(entry?.url).toBe(
      `${sandbox.url}/v3/infinity-mall/members/by_email/anna%2Bmall%40example.no/send_registration_password?language=no&login_url=x`,
    );
    expect(entry?.query).toEqual({ language: "no", login_url: "x" });
    expect(entry?.headers["x-client-authorization"]).toBe(SANDBOX_TOKENS.full);
    expect(Object.keys(entry?.headers ?? {}).some((name) => name.startsWith("x-sandbox"))).toBe(false);
  });
});

describe("faults over HTTP", () => {
  it("destroys the socket on a reset fault, so fetch rejects", async () => {
    setFault(sandbox.state, { kind: "reset", remaining: 1 });
    await expect(post(sendUrl(sandbox.url, infinityMall, { email: SANDBOX_MEMBERS.anna }))).rejects.toThrow(
      TypeError,
    );
    expect(lastEntry()?.status).toBe(0);
    expect((await post(sendUrl(sandbox.url, infinityMall, { email: SANDBOX_MEMBERS.anna }))).status).toBe(
      200,
    );
  });

  it("sends Retry-After on a rate-limit fault, readable across origins", async () => {
    setFault(sandbox.state, { kind: "rate-limit", retryAfterSeconds: 3, remaining: 1 });
    const response = await post(sendUrl(sandbox.url, infinityMall, { email: SANDBOX_MEMBERS.anna }));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3");
    expect(response.headers.get("access-control-expose-headers")).toMatch(/Retry-After/);
  });

  it("lets a client timeout abort a hanging request", async () => {
    setFault(sandbox.state, { kind: "hang" });
    const controller = new AbortController();
    const pending = fetch(sendUrl(sandbox.url, infinityMall, { email: SANDBOX_MEMBERS.anna }), {
      method: "POST",
      headers: apiHeaders(),
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(sandbox.state.pending.size).toBe(1));
    controller.abort();
    await expect(pending).rejects.toThrow();
    // The server notices the client left and drops its wait.
    await vi.waitFor(() => expect(sandbox.state.pending.size).toBe(0));
  });

  it("ends hanging requests promptly on close", async () => {
    const own = await startSandboxServer();
    setFault(own.state, { kind: "hang" });
    const pending = post(sendUrl(own.url, infinityMall, { email: SANDBOX_MEMBERS.anna })).catch(
      (error: unknown) => error,
    );
    await vi.waitFor(() => expect(own.state.pending.size).toBe(1));
    await own.close();
    expect(await pending).toBeInstanceOf(TypeError);
    expect(own.state.requests[0]?.status).toBe(0);
  });
});

describe("CORS and unknown paths", () => {
  it("answers a preflight with permissive CORS headers and logs nothing", async () => {
    const response = await fetch(`${sandbox.url}/v3/loyalty_clubs`, {
      method: "OPTIONS",
      headers: {
        origin: "chrome-extension://abcdefghijklmnop",
        "access-control-request-method": "GET",
        "access-control-request-headers": "x-client-authorization,x-product-name,x-user-agent",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toContain("x-client-authorization");
    expect(sandbox.state.requests).toEqual([]);
  });

  it("answers 404 JSON outside /v3 and logs nothing", async () => {
    const response = await fetch(`${sandbox.url}/favicon.ico`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Not found" });
    expect(sandbox.state.requests).toEqual([]);
  });
});

describe("control endpoints", () => {
  const control = (path: string, init: RequestInit = {}) => fetch(`${sandbox.url}/__sandbox/${path}`, init);
  const json = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

  it("sets and clears a fault, and answers 400 to a bad one", async () => {
    expect((await control("fault", json("PUT", { kind: "maintenance", remaining: 1 }))).status).toBe(200);
    expect((await post(sendUrl(sandbox.url, infinityMall, { email: SANDBOX_MEMBERS.anna }))).status).toBe(
      503,
    );
    expect((await control("fault", json("PUT", { kind: "status", status: 500 }))).status).toBe(200);
    expect((await control("fault", { method: "DELETE" })).status).toBe(204);
    expect(sandbox.state.faults).toEqual([]);
    const bad = await control("fault", json("PUT", { kind: "explode" }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringContaining("kind") });
    expect((await control("fault", json("PUT", { kind: "status", status: 700 }))).status).toBe(400);
  });

  it("serves and clears the request log, without logging itself", async () => {
    await post(sendUrl(sandbox.url, infinityMall, { email: SANDBOX_MEMBERS.anna }));
    await fetch(`${sandbox.url}/v3/loyalty_clubs`, { headers: apiHeaders({ "content-type": null }) });
    const all = (await (await control("requests")).json()) as SandboxRequestEntry[];
    expect(all.map((entry) => entry.route)).toEqual(["send-by-email", "list-clubs"]);
    const sends = (await (await control("requests?only=send")).json()) as SandboxRequestEntry[];
    expect(sends.map((entry) => entry.route)).toEqual(["send-by-email"]);
    expect((await control("requests", { method: "DELETE" })).status).toBe(204);
    expect(sandbox.state.requests).toEqual([]);
  });

  it("sets latency, adds members and resets", async () => {
    expect(await (await control("latency", json("PUT", { ms: 5 }))).json()).toEqual({ latencyMs: 5 });
    const added = await control(
      "members",
      json("POST", { club: infinityMall, members: ["new@example.no", "4791111111"] }),
    );
    expect(await added.json()).toEqual({ added: 2 });
    expect((await post(sendUrl(sandbox.url, infinityMall, { email: "new@example.no" }))).status).toBe(200);
    expect((await control("members", json("POST", { club: "nope", members: [] }))).status).toBe(404);
    expect((await control("reset", { method: "POST" })).status).toBe(204);
    expect(sandbox.state.latencyMs).toBe(0);
    expect((await post(sendUrl(sandbox.url, infinityMall, { email: "new@example.no" }))).status).toBe(404);
  });

  it("answers 404 to an unknown control endpoint and 200 to health", async () => {
    expect((await control("nope")).status).toBe(404);
    expect(await (await control("health")).json()).toEqual({ ok: true });
  });
});
