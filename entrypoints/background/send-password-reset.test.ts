import { describe, expect, it } from "vitest";
import { messageOf, readSendLog } from "@/utils/send-log";
import { SANDBOX_MEMBERS, SANDBOX_TOKENS, sendRequests, setFault, setLatency } from "../../test/sandbox";
import { createTestDeps } from "../../test/support/background-deps";
import {
  configureConnection,
  emailRequest as email,
  useInProcessSandbox,
} from "../../test/support/send-setup";
import { sendOnce, sendPasswordReset, sendRegistrationPassword } from "./send-message";

const state = useInProcessSandbox();

/** The connection every test here sends with: a language and a login URL set, which a reset sends neither of. */
const configure = (token?: string) =>
  configureConnection(token, { language: "en", loginUrl: "https://example.no/login" });

describe("sendPasswordReset (background handler, against the sandbox)", () => {
  it("POSTs once to send_password_reset_token with the connection's headers, and records the message", async () => {
    await configure();
    const outcome = await sendPasswordReset(createTestDeps(), email(` ${SANDBOX_MEMBERS.ola} `));
    expect(outcome).toEqual({
      kind: "accepted",
      status: 200,
      recipient: SANDBOX_MEMBERS.ola,
      message: "password-reset",
    });
    const [request, ...more] = sendRequests(state);
    expect(more).toEqual([]);
    expect(request).toMatchObject({ route: "reset-by-email", method: "POST", body: "{}", query: {} });
    expect(request?.path).toBe(
      "/v3/infinity-mall/members/by_email/ola.nordmann%40example.no/send_password_reset_token",
    );
    expect(request?.headers).toMatchObject({
      "x-client-authorization": SANDBOX_TOKENS.full,
      "x-product-name": "default",
      "x-user-agent": "Placewise Support Helper/0.0.0-test",
      "content-type": "application/json",
    });
    const [entry] = await readSendLog();
    expect(entry).toMatchObject({
      message: "password-reset",
      outcome: "accepted",
      recipient: SANDBOX_MEMBERS.ola,
    });
  });

  it("refuses SMS with a clear problem, and sends nothing", async () => {
    await configure();
    const outcome = await sendPasswordReset(createTestDeps(), {
      channel: "msisdn",
      recipient: SANDBOX_MEMBERS.norwegianMsisdn,
      source: "popup",
    });
    expect(outcome).toEqual({ kind: "invalid-input", problem: "emailOnly", message: "password-reset" });
    await expect(
      sendOnce(
        createTestDeps(),
        { channel: "msisdn", recipient: "4740769126", source: "bulk" },
        "password-reset",
      ),
    ).resolves.toMatchObject({ problem: "emailOnly" });
    expect(state.requests).toEqual([]);
    expect(await readSendLog()).toEqual([]);
  });

  it("checks the recipient as the registration password does (malformed data is the router's: router.test.ts)", async () => {
    await configure();
    expect(await sendPasswordReset(createTestDeps(), email("not an address"))).toMatchObject({
      kind: "invalid-input",
      message: "password-reset",
    });
    expect(state.requests).toEqual([]);
  });

  it("answers 404 and 403 as the outcomes they are, naming the reset permit", async () => {
    await configure(SANDBOX_TOKENS.noResetPermit);
    expect(await sendPasswordReset(createTestDeps(), email(SANDBOX_MEMBERS.ola))).toMatchObject({
      kind: "permit-missing",
      permit: "BL:Api:Members:Tokens:Create",
      message: "password-reset",
    });
    await configure();
    expect(await sendPasswordReset(createTestDeps(), email(SANDBOX_MEMBERS.unknownEmail))).toMatchObject({
      kind: "member-not-found",
      status: 404,
    });
  });
});

describe("the recent-send guard counts per message kind", () => {
  it("sends a reset link right after a registration password, but warns before a second reset", async () => {
    await configure();
    let clock = 1_700_000_000_000;
    const deps = createTestDeps({ now: () => clock });
    expect((await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.ola))).kind).toBe("accepted");
    clock += 60_000;
    expect((await sendPasswordReset(deps, email(SANDBOX_MEMBERS.ola))).kind).toBe("accepted");
    clock += 60_000;
    expect(await sendPasswordReset(deps, email(SANDBOX_MEMBERS.ola.toUpperCase()))).toEqual({
      kind: "recently-sent",
      recipient: SANDBOX_MEMBERS.ola.toUpperCase(),
      sentAt: 1_700_000_060_000,
      unclear: false,
      message: "password-reset",
    });
    expect((await sendRegistrationPassword(deps, email(SANDBOX_MEMBERS.ola))).kind).toBe("recently-sent");
    expect(sendRequests(state).map((r) => r.route)).toEqual(["send-by-email", "reset-by-email"]);
    const confirmed = await sendPasswordReset(deps, email(SANDBOX_MEMBERS.ola, { confirmRepeat: true }));
    expect(confirmed.kind).toBe("accepted");
    expect(sendRequests(state)).toHaveLength(3);
  });

  it("asks the send log per kind too, for sends from before this worker", async () => {
    await configure();
    let clock = 1_700_000_000_000;
    await sendPasswordReset(createTestDeps({ now: () => clock }), email(SANDBOX_MEMBERS.ola));
    clock += 60_000;
    // A new worker (createTestDeps makes a new guard), the same send log.
    const fresh = createTestDeps({ now: () => clock });
    const log = await readSendLog();
    expect(log.map(messageOf)).toEqual(["password-reset"]);
    expect((await sendRegistrationPassword(fresh, email(SANDBOX_MEMBERS.ola))).kind).toBe("accepted");
    expect((await sendPasswordReset(fresh, email(SANDBOX_MEMBERS.ola))).kind).toBe("recently-sent");
  });

  it("sends one reset when two windows ask at the same moment", async () => {
    await configure();
    setLatency(state, 50);
    const deps = createTestDeps();
    const outcomes = await Promise.all([
      sendPasswordReset(deps, email(SANDBOX_MEMBERS.ola)),
      sendPasswordReset(deps, email(SANDBOX_MEMBERS.ola.toUpperCase(), { confirmRepeat: true })),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["accepted", "already-sending"]);
    expect(sendRequests(state)).toHaveLength(1);
  });

  it("warns after a reset whose line dropped, as one that may have reached the member", async () => {
    await configure();
    setFault(state, { kind: "reset", remaining: 1, scope: "send" });
    const deps = createTestDeps();
    expect((await sendPasswordReset(deps, email(SANDBOX_MEMBERS.ola))).kind).toBe("network-error");
    expect(await sendPasswordReset(deps, email(SANDBOX_MEMBERS.ola))).toMatchObject({
      kind: "recently-sent",
      unclear: true,
    });
    expect(sendRequests(state)).toHaveLength(1);
  });
});
