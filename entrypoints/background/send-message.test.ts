import { describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import type { SendRequest } from "@/utils/messages";
import { readSendLog } from "@/utils/send-log";
import {
  releasePendingRequests,
  SANDBOX_CLUBS,
  SANDBOX_MEMBERS,
  SANDBOX_TOKENS,
  sendRequests,
  setFault,
  setLatency,
} from "../../test/sandbox";
import { createTestDeps } from "../../test/support/background-deps";
import { testConnection, testSettings } from "../../test/support/connections";
import {
  configureConnection as configure,
  emailRequest as email,
  useInProcessSandbox,
} from "../../test/support/send-setup";
import { createSendGuard } from "./send-guard";
import { sendOnce, sendRegistrationPassword } from "./send-message";
import { settingsItem } from "./settings-item";
import { writeToken } from "./token-store";

const state = useInProcessSandbox();

describe("sendRegistrationPassword (background handler, against the sandbox)", () => {
  it("makes exactly one correct request and reports it accepted", async () => {
    await configure();
    const outcome = await sendRegistrationPassword(createTestDeps(), email(` ${SANDBOX_MEMBERS.anna} `));

    expect(outcome).toEqual({ kind: "accepted", status: 200, recipient: SANDBOX_MEMBERS.anna });
    const requests = sendRequests(state);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request).toMatchObject({
      method: "POST",
      path: "/v3/infinity-mall/members/by_email/anna%2Bmall%40example.no/send_registration_password",
      pathParams: { club: "infinity-mall", email: "anna+mall@example.no" },
      query: {},
      body: "{}",
      status: 200,
    });
    expect(request?.headers).toMatchObject({
      "x-client-authorization": SANDBOX_TOKENS.full,
      "x-product-name": "default",
      "x-user-agent": "Placewise Support Helper/0.0.0-test",
      "x-loyalty-club-slug": "infinity-mall",
      "x-customer": "447",
      "content-type": "application/json",
    });
  });

  it("sends SMS by msisdn", async () => {
    await configure();
    const outcome = await sendRegistrationPassword(createTestDeps(), {
      channel: "msisdn",
      recipient: SANDBOX_MEMBERS.norwegianMsisdn,
      source: "popup",
    });
    expect(outcome).toMatchObject({ kind: "accepted" });
    expect(sendRequests(state)[0]?.path).toBe(
      "/v3/infinity-mall/members/by_msisdn/4740769126/send_registration_password",
    );
  });

  it("sends the connection's language and login URL as query parameters", async () => {
    await configure(SANDBOX_TOKENS.full, { language: "en", loginUrl: "https://mall.example/login?src=desk" });
    await sendRegistrationPassword(createTestDeps(), email(SANDBOX_MEMBERS.anna));
    expect(sendRequests(state)[0]?.query).toEqual({
      language: "en",
      login_url: "https://mall.example/login?src=desk",
    });
  });

  it("uses the connection it is asked for, with that connection's token", async () => {
    const first = testConnection();
    const second = testConnection({ id: "c-2", clubSlug: SANDBOX_CLUBS.harbourCentre, customerId: "" });
    await settingsItem.setValue(testSettings([first, second]));
    await writeToken(first.id, SANDBOX_TOKENS.full, true);
    await writeToken(second.id, SANDBOX_TOKENS.second, true);
    await sendRegistrationPassword(createTestDeps(), email(SANDBOX_MEMBERS.kari, { connectionId: "c-2" }));
    expect(sendRequests(state)[0]).toMatchObject({
      pathParams: { club: "harbour-centre" },
      headers: { "x-client-authorization": SANDBOX_TOKENS.second },
    });
  });

  it("leaves X-Customer out when no customer id is set", async () => {
    await configure(SANDBOX_TOKENS.full, { customerId: "" });
    await sendRegistrationPassword(createTestDeps(), email(SANDBOX_MEMBERS.kari));
    expect(sendRequests(state)[0]?.headers).not.toHaveProperty("x-customer");
  });

  it("uses a token kept in storage.session only", async () => {
    await configure(SANDBOX_TOKENS.second, { rememberToken: false });
    expect(await browser.storage.local.get("clientTokens")).toEqual({});
    await sendRegistrationPassword(createTestDeps(), email(SANDBOX_MEMBERS.anna));
    expect(sendRequests(state)[0]?.headers["x-client-authorization"]).toBe(SANDBOX_TOKENS.second);
  });

  it.each([
    ["an invalid address", email("not-an-address")],
    ["an address with a right-to-left override", email("anna+mall\u202e@example.no")],
    ["an address with a zero-width space", email("anna+mall@exa\u200bmple.no")],
    ["an address with a soft hyphen", email("anna+mall@exam\u00adple.no")],
    ["an address with a fullwidth at sign", email("anna+mall\uff20example.no")],
    [
      "a phone number that is not E.164 digits",
      { channel: "msisdn", recipient: "+47 407 69 126", source: "popup" },
    ],
    ["a landline", { channel: "msisdn", recipient: "4722334455", source: "popup" }],
    // A request without the protocol's shape never reaches the handler: router.test.ts.
  ] satisfies Array<[string, SendRequest]>)(
    "checks the request again and sends nothing for %s",
    async (_name, data) => {
      await configure();
      const outcome = await sendRegistrationPassword(createTestDeps(), data);
      expect(outcome.kind).toBe("invalid-input");
      expect(state.requests).toHaveLength(0);
    },
  );

  it("sends nothing before a connection is saved", async () => {
    expect(await sendRegistrationPassword(createTestDeps(), email(SANDBOX_MEMBERS.anna))).toEqual({
      kind: "not-configured",
    });
    expect(state.requests).toHaveLength(0);
  });

  it("sends nothing when the token was forgotten", async () => {
    await settingsItem.setValue(testSettings([testConnection()]));
    expect((await sendRegistrationPassword(createTestDeps(), email(SANDBOX_MEMBERS.anna))).kind).toBe(
      "not-configured",
    );
    expect(state.requests).toHaveLength(0);
  });

  it("sends nothing to a custom host it has no permission for", async () => {
    await configure(SANDBOX_TOKENS.full, { environment: "custom", baseUrl: "https://mpc.example.com" });
    const asked: string[] = [];
    const deps = createTestDeps({
      hasHostPermission: async (pattern) => {
        asked.push(pattern);
        return false;
      },
    });
    expect(await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna))).toEqual({
      kind: "host-permission-missing",
      host: "mpc.example.com",
    });
    expect(asked).toEqual(["https://mpc.example.com/*"]);
    expect(state.requests).toHaveLength(0);
  });

  it("does not ask about a host the manifest already grants", async () => {
    await configure();
    const deps = createTestDeps({
      hasHostPermission: async () => {
        throw new Error("asked about a built-in host");
      },
    });
    expect((await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna))).kind).toBe("accepted");
  });

  it.each([
    [
      "an unknown member",
      SANDBOX_TOKENS.full,
      SANDBOX_CLUBS.infinityMall,
      SANDBOX_MEMBERS.unknownEmail,
      "member-not-found",
      404,
    ],
    [
      "a token without the send permit",
      SANDBOX_TOKENS.noSendPermit,
      SANDBOX_CLUBS.infinityMall,
      SANDBOX_MEMBERS.anna,
      "permit-missing",
      403,
    ],
    [
      "an unknown token",
      SANDBOX_TOKENS.unknown,
      SANDBOX_CLUBS.infinityMall,
      SANDBOX_MEMBERS.anna,
      "token-rejected",
      401,
    ],
    [
      "a club without the feature",
      SANDBOX_TOKENS.full,
      SANDBOX_CLUBS.noRegistrationMall,
      SANDBOX_MEMBERS.anna,
      "feature-disabled",
      402,
    ],
  ])("reports %s", async (_name, token, clubSlug, recipient, kind, status) => {
    await configure(token, { clubSlug });
    const outcome = await sendRegistrationPassword(createTestDeps(), email(recipient));
    expect(outcome).toMatchObject({ kind, status });
    expect(sendRequests(state).map((r) => r.status)).toEqual([status]);
    expect(JSON.stringify(outcome)).not.toContain(token);
  });

  it.each([
    ["maintenance", { kind: "maintenance" } as const, { kind: "maintenance", status: 503 }],
    ["a 500", { kind: "status", status: 500 } as const, { kind: "server-error", status: 500 }],
    [
      "a 429 with Retry-After",
      { kind: "rate-limit", retryAfterSeconds: 30 } as const,
      { kind: "rate-limited", retryAfterSeconds: 30 },
    ],
    ["a proxy's HTML page", { kind: "non-json", status: 502 } as const, { kind: "not-json", status: 502 }],
    [
      "a connection reset",
      { kind: "reset" } as const,
      { kind: "network-error", host: "api.mpc.dev.placewise.com" },
    ],
  ])("reports %s and never retries on its own", async (_name, fault, expected) => {
    await configure();
    setFault(state, { ...fault, remaining: 1 });
    const outcome = await sendRegistrationPassword(createTestDeps(), email(SANDBOX_MEMBERS.anna));
    expect(outcome).toMatchObject(expected);
    // The fault was for one request only: a retry would have succeeded and been recorded.
    expect(sendRequests(state)).toHaveLength(1);
  });

  it("gives up when Placewise does not answer in time", async () => {
    await configure();
    setFault(state, { kind: "hang" });
    const outcome = await sendRegistrationPassword(
      createTestDeps({ timeoutMs: 50 }),
      email(SANDBOX_MEMBERS.anna),
    );
    expect(outcome).toMatchObject({ kind: "timeout", host: "api.mpc.dev.placewise.com" });
    expect(sendRequests(state)).toHaveLength(1);
  });
});

describe("the send log and the recent-send check", () => {
  it("records every attempt with its connection, outcome, status and duration, never the token", async () => {
    await configure();
    let clock = 1_700_000_000_000;
    const deps = createTestDeps({ now: () => (clock += 40) });
    await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna));
    await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.unknownEmail, { source: "context-menu" }));
    const log = await readSendLog();
    expect(log).toHaveLength(2);
    expect(log[1]).toMatchObject({
      at: 1_700_000_000_040,
      source: "popup",
      connectionId: "c-1",
      connectionLabel: "Infinity Mall",
      environment: "staging",
      host: "api.mpc.dev.placewise.com",
      club: "infinity-mall",
      channel: "email",
      recipient: SANDBOX_MEMBERS.anna,
      outcome: "accepted",
      status: 200,
      durationMs: 40,
    });
    expect(log[0]).toMatchObject({ source: "context-menu", outcome: "member-not-found", status: 404 });
    expect(JSON.stringify(log)).not.toContain(SANDBOX_TOKENS.full);
  });

  it("records nothing when history is off", async () => {
    await configure(SANDBOX_TOKENS.full, {}, { sendLogEnabled: false });
    await sendRegistrationPassword(createTestDeps(), email(SANDBOX_MEMBERS.anna));
    expect(await readSendLog()).toEqual([]);
    expect(sendRequests(state)).toHaveLength(1);
  });

  it("asks before sending again to a member Placewise accepted a send for in the window", async () => {
    await configure();
    let clock = 1_700_000_000_000;
    const deps = createTestDeps({ now: () => clock });
    await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna));
    clock += 4 * 60_000;
    // Another colleague, the same member in another case.
    const outcome = await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna.toUpperCase()));
    expect(outcome).toEqual({
      kind: "recently-sent",
      recipient: SANDBOX_MEMBERS.anna.toUpperCase(),
      sentAt: 1_700_000_000_000,
      unclear: false,
    });
    expect(sendRequests(state)).toHaveLength(1);

    const confirmed = await sendRegistrationPassword(
      deps,
      email(SANDBOX_MEMBERS.anna, { confirmRepeat: true }),
    );
    expect(confirmed.kind).toBe("accepted");
    expect(sendRequests(state)).toHaveLength(2);
  });

  it.each([
    ["after the window", 11 * 60_000, {}],
    ["when the check is off", 60_000, { recentSendMinutes: 0 }],
  ])("sends again without asking %s", async (_name, later, preferences) => {
    await configure(SANDBOX_TOKENS.full, {}, preferences);
    let clock = 1_700_000_000_000;
    const deps = createTestDeps({ now: () => clock });
    await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna));
    clock += later;
    expect((await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna))).kind).toBe("accepted");
    expect(sendRequests(state)).toHaveLength(2);
  });

  it("does not count a failed send as sent", async () => {
    await configure();
    setFault(state, { kind: "maintenance", remaining: 1 });
    await sendRegistrationPassword(createTestDeps(), email(SANDBOX_MEMBERS.anna));
    expect((await sendRegistrationPassword(createTestDeps(), email(SANDBOX_MEMBERS.anna))).kind).toBe(
      "accepted",
    );
  });

  it("still answers when the log cannot be written", async () => {
    await configure();
    const deps = createTestDeps();
    deps.sendLog = { ...deps.sendLog, append: async () => Promise.reject(new Error("quota")) };
    expect((await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna))).kind).toBe("accepted");
  });
});

describe("at most once: concurrent sends, a restarted worker, a full or switched-off log", () => {
  it("sends once when two windows press Enter for the same member at the same moment", async () => {
    await configure();
    setLatency(state, 50);
    const deps = createTestDeps();
    const outcomes = await Promise.all([
      sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna)),
      sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna.toUpperCase(), { source: "context-menu" })),
      sendRegistrationPassword(
        deps,
        email(SANDBOX_MEMBERS.anna, { source: "send-log", confirmRepeat: true }),
      ),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["accepted", "already-sending", "already-sending"]);
    expect(sendRequests(state)).toHaveLength(1);
  });

  it("holds a bulk send back while the popup's send to the same member is in flight", async () => {
    await configure();
    setLatency(state, 50);
    const deps = createTestDeps();
    const [popup, bulk] = await Promise.all([
      sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna)),
      sendOnce(deps, {
        channel: "email",
        recipient: SANDBOX_MEMBERS.anna,
        source: "bulk",
        confirmRepeat: true,
      }),
    ]);
    expect([popup.kind, bulk.kind]).toEqual(["accepted", "already-sending"]);
    expect(sendRequests(state)).toHaveLength(1);
  });

  it("sends to two different members at once", async () => {
    await configure();
    setLatency(state, 20);
    const deps = createTestDeps();
    const outcomes = await Promise.all([
      sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna)),
      sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.kari)),
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(["accepted", "accepted"]);
  });

  it("warns about a send that was in flight when the worker died, as one that may have been sent", async () => {
    await configure();
    setFault(state, { kind: "hang", remaining: 1, scope: "send" });
    const before = createTestDeps({ timeoutMs: 60_000 });
    const dying = sendRegistrationPassword(before, email(SANDBOX_MEMBERS.anna));
    await vi.waitFor(() => expect(sendRequests(state)).toHaveLength(1));
    // A new worker: a new guard and log store, the same storage.session.
    const after = createTestDeps();
    const outcome = await sendRegistrationPassword(after, email(SANDBOX_MEMBERS.anna));
    expect(outcome).toMatchObject({ kind: "recently-sent", unclear: true });
    expect(sendRequests(state)).toHaveLength(1);
    // Let the old worker's request end inside this test, so it writes nothing into the next one.
    releasePendingRequests(state);
    await dying;
  });

  it("warns before a second send after a dropped line, which may have reached the member", async () => {
    await configure();
    setFault(state, { kind: "reset", remaining: 1, scope: "send" });
    const deps = createTestDeps();
    expect((await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna))).kind).toBe("network-error");
    expect(await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna))).toMatchObject({
      kind: "recently-sent",
      unclear: true,
    });
    expect(sendRequests(state)).toHaveLength(1);
  });

  it("keeps warning with the send log switched off", async () => {
    await configure(SANDBOX_TOKENS.full, {}, { sendLogEnabled: false });
    const deps = createTestDeps();
    await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna));
    expect(await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna))).toMatchObject({
      kind: "recently-sent",
      unclear: false,
    });
    expect(sendRequests(state)).toHaveLength(1);
  });

  it("keeps warning when the send log is full, and says the send was not recorded", async () => {
    await configure();
    const deps = createTestDeps();
    deps.sendLog = {
      ...deps.sendLog,
      append: async () => Promise.reject(new Error("QUOTA_BYTES quota exceeded")),
    };
    expect(await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna))).toMatchObject({
      kind: "accepted",
      notLogged: true,
    });
    expect((await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna))).kind).toBe("recently-sent");
    expect(sendRequests(state)).toHaveLength(1);
  });

  it("sends nothing when the guard's record cannot be stored", async () => {
    await configure();
    const deps = createTestDeps({
      sendGuard: createSendGuard({
        get: async () => ({}),
        set: async () => Promise.reject(new Error("QUOTA_BYTES quota exceeded")),
        remove: async () => undefined,
      } as unknown as Parameters<typeof createSendGuard>[0]),
    });
    expect(await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna))).toEqual({
      kind: "storage-failed",
    });
    expect(state.requests).toHaveLength(0);
  });

  it("forgets a refused send: a 503 leaves the member free to be sent at once", async () => {
    await configure();
    setFault(state, { kind: "maintenance", remaining: 1, scope: "send" });
    const deps = createTestDeps();
    await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna));
    expect((await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.anna))).kind).toBe("accepted");
  });
});
