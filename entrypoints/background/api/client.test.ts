import { describe, expect, it } from "vitest";
import type { SendOutcome } from "@/utils/send-outcome";
import { SANDBOX_MEMBERS, SANDBOX_TOKENS, sendRequests, setFault } from "../../../test/sandbox";
import { TEST_BASE_URL } from "../../../test/support/background-deps";
import { answering, CLIENT_IDENTITY as identity } from "../../../test/support/client-fixtures";
import { useInProcessSandbox } from "../../../test/support/send-setup";
import { parseRetryAfter } from "./answers";
import { type ClientDeps, createPlacewiseClient } from "./client";

const json = (value: unknown) => JSON.stringify(value);

describe("sendRegistrationPassword", () => {
  it("POSTs once to the encoded path with the headers and an empty JSON body", async () => {
    const { fetch, calls } = answering("{}", { status: 200 });
    const client = createPlacewiseClient({ fetch, timeoutMs: 1000 }, identity);
    const outcome = await client.sendRegistrationPassword("email", "anna+mall@example.no");
    expect(outcome).toEqual({ kind: "accepted", status: 200, recipient: "anna+mall@example.no" });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(
      "https://api.mpc.dev.placewise.com/v3/infinity-mall/members/by_email/anna%2Bmall%40example.no/send_registration_password",
    );
    expect(calls[0]?.init).toMatchObject({ method: "POST", body: "{}", credentials: "omit" });
    expect(calls[0]?.init.headers).toMatchObject({
      "x-client-authorization": "tok-5f1c9a7e",
      "x-customer": "447",
    });
  });

  it.each<[string, number, string, Record<string, string>, SendOutcome]>([
    [
      "token rejected",
      401,
      json({ error: "Invalid client token" }),
      {},
      { kind: "token-rejected", status: 401, detail: "Invalid client token" },
    ],
    [
      "feature not enabled",
      402,
      json({ error: "Feature not enabled" }),
      {},
      { kind: "feature-disabled", status: 402, detail: "Feature not enabled" },
    ],
    [
      "permit missing",
      403,
      json({ error: "Forbidden" }),
      {},
      {
        kind: "permit-missing",
        status: 403,
        permit: "BL:Api:Members:CreateRegistrationPassword",
        detail: "Forbidden",
      },
    ],
    [
      "member not found",
      404,
      json({ error: "Member not found" }),
      {},
      { kind: "member-not-found", status: 404, recipient: "a@b.no", detail: "Member not found" },
    ],
    [
      "body not JSON",
      406,
      json({ error: "Not acceptable" }),
      {},
      { kind: "invalid-request", status: 406, problems: [], detail: "Not acceptable" },
    ],
    [
      "invalid parameters",
      422,
      json({
        error: "Invalid parameters",
        details: { email: [{ value: "a@b.no", error: "invalid_email", message: "is not a valid email" }] },
      }),
      {},
      {
        kind: "invalid-request",
        status: 422,
        detail: "Invalid parameters",
        problems: [{ parameter: "email", message: "is not a valid email" }],
      },
    ],
    [
      "rate limited with Retry-After",
      429,
      json({ error: "Slow down" }),
      { "retry-after": "17" },
      { kind: "rate-limited", status: 429, retryAfterSeconds: 17, detail: "Slow down" },
    ],
    ["rate limited without Retry-After", 429, "{}", {}, { kind: "rate-limited", status: 429 }],
    [
      "header missing",
      470,
      json({ error: "Missing header X-User-Agent" }),
      {},
      { kind: "header-problem", status: 470, detail: "Missing header X-User-Agent" },
    ],
    [
      "header incorrect",
      471,
      json({ error: "Bad header" }),
      {},
      { kind: "header-problem", status: 471, detail: "Bad header" },
    ],
    [
      "maintenance",
      503,
      json({ error: "Down for maintenance" }),
      {},
      { kind: "maintenance", status: 503, detail: "Down for maintenance" },
    ],
    ["server error", 500, json({ error: "boom" }), {}, { kind: "server-error", status: 500, detail: "boom" }],
    ["bad gateway with JSON", 502, "{}", {}, { kind: "server-error", status: 502 }],
    [
      "an undocumented 4xx",
      418,
      json({ error: "teapot" }),
      {},
      { kind: "unexpected-status", status: 418, detail: "teapot" },
    ],
  ])("maps %s (%i)", async (_name, status, body, headers, expected) => {
    const client = createPlacewiseClient(
      { fetch: answering(body, { status, headers }).fetch, timeoutMs: 1000 },
      identity,
    );
    expect(await client.sendRegistrationPassword("email", "a@b.no")).toEqual(expected);
  });

  it.each([
    ["a proxy's HTML error page", 502, "<html>Bad gateway</html>", "text/html"],
    ["a 200 that is not JSON (a login portal)", 200, "<html>Sign in</html>", "text/html; charset=utf-8"],
  ])("reports %s as not from the API", async (_name, status, body, contentType) => {
    const client = createPlacewiseClient(
      { fetch: answering(body, { status, contentType }).fetch, timeoutMs: 1000 },
      identity,
    );
    expect(await client.sendRegistrationPassword("email", "a@b.no")).toEqual({
      kind: "not-json",
      status,
      contentType,
    });
  });

  it("keeps the meaning of a documented status even with an HTML body", async () => {
    const client = createPlacewiseClient(
      {
        fetch: answering("<h1>Maintenance</h1>", { status: 503, contentType: "text/html" }).fetch,
        timeoutMs: 1000,
      },
      identity,
    );
    expect(await client.sendRegistrationPassword("email", "a@b.no")).toEqual({
      kind: "maintenance",
      status: 503,
    });
  });

  it("names the host when the network fails", async () => {
    const fetch = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof globalThis.fetch;
    const client = createPlacewiseClient({ fetch, timeoutMs: 1000 }, identity);
    expect(await client.sendRegistrationPassword("email", "a@b.no")).toEqual({
      kind: "network-error",
      host: "api.mpc.dev.placewise.com",
    });
  });

  it("gives up after the timeout and says so", async () => {
    const fetch = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      })) as typeof globalThis.fetch;
    const client = createPlacewiseClient({ fetch, timeoutMs: 20 }, identity);
    expect(await client.sendRegistrationPassword("email", "a@b.no")).toEqual({
      kind: "timeout",
      host: "api.mpc.dev.placewise.com",
      seconds: 0,
    });
  });

  it("keeps the API's detail to one short line", async () => {
    const long = `line one\nline two ${"x".repeat(500)}`;
    const client = createPlacewiseClient(
      { fetch: answering(json({ error: long }), { status: 401 }).fetch, timeoutMs: 1000 },
      identity,
    );
    const outcome = await client.sendRegistrationPassword("email", "a@b.no");
    expect(outcome.kind === "token-rejected" && outcome.detail).toMatch(/^line one line two x+…$/u);
    expect(outcome.kind === "token-rejected" && outcome.detail?.length).toBe(300);
  });
});

describe("getLoyaltyClub", () => {
  it("names the club", async () => {
    const { fetch, calls } = answering(json({ name: "Infinity Mall", main_slug: "infinity-mall" }), {
      status: 200,
    });
    const client = createPlacewiseClient({ fetch, timeoutMs: 1000 }, identity);
    expect(await client.getLoyaltyClub()).toEqual({
      kind: "club-found",
      name: "Infinity Mall",
      slug: "infinity-mall",
    });
    expect(calls[0]).toMatchObject({
      url: "https://api.mpc.dev.placewise.com/v3/loyalty_clubs/infinity-mall",
      init: { method: "GET" },
    });
    expect(calls[0]?.init.body).toBeUndefined();
  });

  it("reports a 403 as the club-read permit, not the send permit", async () => {
    const client = createPlacewiseClient(
      { fetch: answering("{}", { status: 403 }).fetch, timeoutMs: 1000 },
      identity,
    );
    expect(await client.getLoyaltyClub()).toEqual({
      kind: "permit-missing",
      status: 403,
      permit: "BL:Api:LoyaltyClubs:Get",
    });
  });

  it("reports an unknown club", async () => {
    const client = createPlacewiseClient(
      { fetch: answering(json({ error: "Not found" }), { status: 404 }).fetch, timeoutMs: 1000 },
      identity,
    );
    expect(await client.getLoyaltyClub()).toEqual({
      kind: "club-not-found",
      status: 404,
      slug: "infinity-mall",
      detail: "Not found",
    });
  });
});

describe("parseRetryAfter", () => {
  it.each<[string | null, number | undefined]>([
    [null, undefined],
    ["", undefined],
    ["30", 30],
    [" 5 ", 5],
    ["soon", undefined],
    ["Fri, 27 Nov 2026 10:00:30 GMT", 30],
    // A past date or 0 still means "wait": at least a second, never a retry loop.
    ["Fri, 27 Nov 2026 09:59:00 GMT", 1],
    ["0", 1],
    ["-1", undefined],
    ["1.5", undefined],
    ["999999999", 86_400],
    ["Fri, 27 Nov 2099 10:00:00 GMT", 86_400],
  ])("reads %j as %s seconds", (value, seconds) => {
    expect(parseRetryAfter(value, Date.parse("Fri, 27 Nov 2026 10:00:00 GMT"))).toBe(seconds);
  });
});

describe("an answer that breaks off, a line that drops, an offline browser (against the sandbox)", () => {
  const state = useInProcessSandbox();

  const sandboxClient = (extra: Partial<ClientDeps> = {}) =>
    createPlacewiseClient(
      { fetch: (input, init) => globalThis.fetch(input, init), timeoutMs: 2000, ...extra },
      { ...identity, token: SANDBOX_TOKENS.full, baseUrl: TEST_BASE_URL },
    );

  it("reads a 200 whose body broke off as accepted, answer incomplete: never a network error", async () => {
    setFault(state, { kind: "cut-body", scope: "send" });
    const outcome = await sandboxClient().sendRegistrationPassword("email", SANDBOX_MEMBERS.anna);
    expect(outcome).toEqual({ kind: "accepted-incomplete", status: 200, recipient: SANDBOX_MEMBERS.anna });
    expect(sendRequests(state).map((r) => r.status)).toEqual([200]);
  });

  it("keeps the status of any other answer whose body broke off (404: no such member)", async () => {
    setFault(state, { kind: "cut-body", scope: "send" });
    const outcome = await sandboxClient().sendRegistrationPassword("email", "nobody@example.no");
    expect(outcome).toMatchObject({ kind: "member-not-found", status: 404 });
  });

  it("says the line dropped after the request was read, as a network error (may have been sent)", async () => {
    setFault(state, { kind: "reset", scope: "send" });
    const outcome = await sandboxClient().sendRegistrationPassword("email", SANDBOX_MEMBERS.anna);
    expect(outcome).toEqual({ kind: "network-error", host: new URL(TEST_BASE_URL).host });
    // The sandbox did read the request: this is the case that must never say "nothing was sent".
    expect(sendRequests(state)).toHaveLength(1);
  });

  it("makes no request at all while the browser says it is offline", async () => {
    const outcome = await sandboxClient({ isOnline: () => false }).sendRegistrationPassword(
      "email",
      SANDBOX_MEMBERS.anna,
    );
    expect(outcome).toEqual({ kind: "offline" });
    expect(state.requests).toHaveLength(0);
  });

  it("maps 444 (Placewise's firewall) to its own outcome", async () => {
    setFault(state, { kind: "status", status: 444, error: "Request rejected", scope: "send" });
    const outcome = await sandboxClient().sendRegistrationPassword("email", SANDBOX_MEMBERS.anna);
    expect(outcome).toEqual({ kind: "firewall-rejected", status: 444, detail: "Request rejected" });
  });

  it("passes on how many requests Placewise's rate limiter has left", async () => {
    setFault(state, {
      kind: "headers",
      headers: { "ratelimit-remaining": "2", "ratelimit-bucket": "members" },
      scope: "send",
    });
    const outcome = await sandboxClient().sendRegistrationPassword("email", SANDBOX_MEMBERS.anna);
    expect(outcome).toEqual({
      kind: "accepted",
      status: 200,
      recipient: SANDBOX_MEMBERS.anna,
      rateLimitRemaining: 2,
    });
  });

  it.each([
    ["0", 1],
    ["-1", undefined],
    ["soon", undefined],
    ["999999999", 86_400],
  ])("reads Retry-After %j from a real 429 as %s seconds", async (retryAfter, seconds) => {
    setFault(state, { kind: "rate-limit", retryAfter, scope: "send" });
    const outcome = await sandboxClient().sendRegistrationPassword("email", SANDBOX_MEMBERS.anna);
    expect(outcome).toMatchObject({ kind: "rate-limited", status: 429 });
    expect(outcome.kind === "rate-limited" ? outcome.retryAfterSeconds : "none").toBe(seconds);
  });
});
