// @vitest-environment node
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setFault } from "./faults";
import { createSandboxHandlers } from "./handlers";
import { PERMITS, SANDBOX_CLUBS, SANDBOX_MEMBERS, SANDBOX_TOKENS } from "./seed";
import { createSandboxState, resetSandbox, sendRequests } from "./state";
import { apiHeaders, resetUrl } from "./test-helpers";

// Placewise MPC API v3 reference, Members > Send password reset token: the same header, token and
// permit checks as the registration send, its own permit, {} or 404.
const BASE = "https://api.mpc.dev.placewise.com";
const state = createSandboxState();
const server = setupServer(...createSandboxHandlers(state));

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => resetSandbox(state));
afterAll(() => server.close());

const { infinityMall, harbourCentre, noRegistrationMall } = SANDBOX_CLUBS;

function post(url: string, overrides: Record<string, string | null> = {}, body?: string) {
  return fetch(url, { method: "POST", headers: apiHeaders(overrides), ...(body !== undefined && { body }) });
}

describe("send_password_reset_token", () => {
  it("answers 200 {} for a member, with the email decoded once from its encoded segment", async () => {
    const response = await post(resetUrl(BASE, infinityMall, SANDBOX_MEMBERS.ola), {}, "{}");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    const [entry] = sendRequests(state);
    expect(entry).toMatchObject({ route: "reset-by-email", method: "POST", status: 200, body: "{}" });
    expect(entry?.pathParams).toEqual({ club: infinityMall, email: SANDBOX_MEMBERS.ola });
    expect(entry?.path).toBe(
      `/v3/${infinityMall}/members/by_email/ola.nordmann%40example.no/send_password_reset_token`,
    );
  });

  it("keeps a + in the address intact", async () => {
    const response = await post(resetUrl(BASE, infinityMall, SANDBOX_MEMBERS.anna));
    expect(response.status).toBe(200);
    expect(sendRequests(state)[0]?.pathParams.email).toBe(SANDBOX_MEMBERS.anna);
  });

  it("answers 404 Member not found when no member has that address", async () => {
    const response = await post(resetUrl(BASE, infinityMall, SANDBOX_MEMBERS.unknownEmail));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Member not found" });
  });

  it("answers 403 naming Members:Tokens:Create to a token without it, which may still send registrations", async () => {
    const headers = { "x-client-authorization": SANDBOX_TOKENS.noResetPermit };
    const response = await post(resetUrl(BASE, infinityMall, SANDBOX_MEMBERS.ola), headers);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: `Missing permit ${PERMITS.createToken}` });
    expect(PERMITS.createToken).toBe("BL:Api:Members:Tokens:Create");
    const registration = await fetch(
      `${BASE}/v3/${infinityMall}/members/by_email/${encodeURIComponent(SANDBOX_MEMBERS.ola)}/send_registration_password`,
      { method: "POST", headers: apiHeaders(headers) },
    );
    expect(registration.status).toBe(200);
  });

  it("is refused by a token without the registration permit only when it lacks this one too", async () => {
    const response = await post(resetUrl(BASE, infinityMall, SANDBOX_MEMBERS.ola), {
      "x-client-authorization": SANDBOX_TOKENS.noSendPermit,
    });
    expect(response.status).toBe(200);
  });

  it.each<[string, Record<string, string | null>, string | undefined, number]>([
    ["no x-client-authorization", { "x-client-authorization": null }, undefined, 470],
    ["no x-product-name", { "x-product-name": null }, undefined, 470],
    ["no x-user-agent", { "x-user-agent": null }, undefined, 470],
    ["content-type text/plain", { "content-type": "text/plain" }, undefined, 471],
    ["X-Loyalty-Club-Slug of another club", { "x-loyalty-club-slug": harbourCentre }, undefined, 471],
    ["an unknown token", { "x-client-authorization": SANDBOX_TOKENS.unknown }, undefined, 401],
    [
      "a kiosk token with product default",
      { "x-client-authorization": SANDBOX_TOKENS.kioskProduct },
      undefined,
      401,
    ],
    ["a body that is not JSON", {}, "not json", 406],
  ])("answers for %s", async (_label, overrides, body, status) => {
    const response = await post(resetUrl(BASE, infinityMall, SANDBOX_MEMBERS.ola), overrides, body);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: expect.any(String) });
  });

  it("answers 422 for a malformed email and 404 for an unknown club", async () => {
    expect((await post(resetUrl(BASE, infinityMall, "not-an-email"))).status).toBe(422);
    expect((await post(resetUrl(BASE, "no-such-club", SANDBOX_MEMBERS.ola))).status).toBe(404);
  });

  it("works on a club without the registration password feature", async () => {
    const response = await post(resetUrl(BASE, noRegistrationMall, SANDBOX_MEMBERS.anna));
    expect(response.status).toBe(200);
  });

  it("takes the faults scoped to sends", async () => {
    setFault(state, { kind: "maintenance", scope: "send", remaining: 1 });
    expect((await post(resetUrl(BASE, infinityMall, SANDBOX_MEMBERS.ola))).status).toBe(503);
    expect((await post(resetUrl(BASE, infinityMall, SANDBOX_MEMBERS.ola))).status).toBe(200);
    setFault(state, { kind: "reset", scope: "send", remaining: 1 });
    await expect(post(resetUrl(BASE, infinityMall, SANDBOX_MEMBERS.ola))).rejects.toThrow();
    expect(sendRequests(state).map((entry) => entry.status)).toEqual([503, 200, 0]);
  });
});
