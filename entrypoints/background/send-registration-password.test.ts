import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browser } from "wxt/browser";
import type { ConnectionSettings } from "@/utils/settings";
import { settingsItem } from "@/utils/settings-item";
import {
  resetSandbox,
  SANDBOX_CLUBS,
  SANDBOX_MEMBERS,
  SANDBOX_TOKENS,
  sendRequests,
  setFault,
} from "../../test/sandbox";
import { createInProcessSandbox, createTestDeps, TEST_BASE_URL } from "../../test/support/background-deps";
import { sendRegistrationPassword } from "./send-registration-password";
import { writeToken } from "./token-store";

const { state, server } = createInProcessSandbox();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => resetSandbox(state));
afterAll(() => server.close());

const connection: ConnectionSettings = {
  environment: "staging",
  baseUrl: TEST_BASE_URL,
  productName: "default",
  clubSlug: SANDBOX_CLUBS.infinityMall,
  customerId: "447",
  rememberToken: true,
  hasToken: true,
};

async function configure(token: string = SANDBOX_TOKENS.full, changes: Partial<ConnectionSettings> = {}) {
  const saved = { ...connection, ...changes };
  await settingsItem.setValue({ connection: saved });
  await writeToken(token, saved.rememberToken);
}

describe("sendRegistrationPassword (background handler, against the sandbox)", () => {
  it("makes exactly one correct request and reports it accepted", async () => {
    await configure();
    const outcome = await sendRegistrationPassword(createTestDeps(), { email: ` ${SANDBOX_MEMBERS.anna} ` });

    expect(outcome).toEqual({ kind: "accepted", status: 200, recipient: SANDBOX_MEMBERS.anna });
    const requests = sendRequests(state);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request).toMatchObject({
      method: "POST",
      path: "/v3/infinity-mall/members/by_email/anna%2Bmall%40example.no/send_registration_password",
      pathParams: { club: "infinity-mall", email: "anna+mall@example.no" },
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

  it("leaves X-Customer out when no customer id is set", async () => {
    await configure(SANDBOX_TOKENS.full, { customerId: "" });
    await sendRegistrationPassword(createTestDeps(), { email: SANDBOX_MEMBERS.kari });
    expect(sendRequests(state)[0]?.headers).not.toHaveProperty("x-customer");
  });

  it("uses a token kept in storage.session only", async () => {
    await configure(SANDBOX_TOKENS.second, { rememberToken: false });
    expect(await browser.storage.local.get("clientToken")).toEqual({});
    await sendRegistrationPassword(createTestDeps(), { email: SANDBOX_MEMBERS.anna });
    expect(sendRequests(state)[0]?.headers["x-client-authorization"]).toBe(SANDBOX_TOKENS.second);
  });

  it.each([
    ["an invalid address", { email: "not-an-address" }],
    ["a missing email", {}],
    ["an email that is not a string", { email: ["a@b.no"] }],
    ["no data at all", undefined],
  ])("checks the address again and sends nothing for %s", async (_name, data) => {
    await configure();
    const outcome = await sendRegistrationPassword(createTestDeps(), data);
    expect(outcome.kind).toBe("invalid-input");
    expect(state.requests).toHaveLength(0);
  });

  it("sends nothing before a connection is saved", async () => {
    expect(await sendRegistrationPassword(createTestDeps(), { email: SANDBOX_MEMBERS.anna })).toEqual({
      kind: "not-configured",
    });
    expect(state.requests).toHaveLength(0);
  });

  it("sends nothing when the token was forgotten", async () => {
    await settingsItem.setValue({ connection });
    expect((await sendRegistrationPassword(createTestDeps(), { email: SANDBOX_MEMBERS.anna })).kind).toBe(
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
    expect(await sendRegistrationPassword(deps, { email: SANDBOX_MEMBERS.anna })).toEqual({
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
    expect((await sendRegistrationPassword(deps, { email: SANDBOX_MEMBERS.anna })).kind).toBe("accepted");
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
  ])("reports %s", async (_name, token, clubSlug, email, kind, status) => {
    await configure(token, { clubSlug });
    const outcome = await sendRegistrationPassword(createTestDeps(), { email });
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
    const outcome = await sendRegistrationPassword(createTestDeps(), { email: SANDBOX_MEMBERS.anna });
    expect(outcome).toMatchObject(expected);
    // The fault was for one request only: a retry would have succeeded and been recorded.
    expect(sendRequests(state)).toHaveLength(1);
  });

  it("gives up when Placewise does not answer in time", async () => {
    await configure();
    setFault(state, { kind: "hang" });
    const outcome = await sendRegistrationPassword(createTestDeps({ timeoutMs: 50 }), {
      email: SANDBOX_MEMBERS.anna,
    });
    expect(outcome).toMatchObject({ kind: "timeout", host: "api.mpc.dev.placewise.com" });
    expect(sendRequests(state)).toHaveLength(1);
  });
});
