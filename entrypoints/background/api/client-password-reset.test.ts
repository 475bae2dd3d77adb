import { describe, expect, it } from "vitest";
import { SANDBOX_MEMBERS, SANDBOX_TOKENS, sendRequests, setFault } from "@/test/sandbox";
import { TEST_BASE_URL } from "@/test/support/background-deps";
import { answering, CLIENT_IDENTITY as identity } from "@/test/support/client-fixtures";
import { useInProcessSandbox } from "@/test/support/send-setup";
import { RESET_PERMIT } from "@/utils/send-outcome";
import { createPlacewiseClient } from "./client";

describe("sendPasswordReset (POST send_password_reset_token)", () => {
  it("POSTs once to the encoded by_email path with the same headers and body as the registration send", async () => {
    const { fetch, calls } = answering("{}", { status: 200 });
    const client = createPlacewiseClient({ fetch, timeoutMs: 1000 }, identity);
    const outcome = await client.sendPasswordReset("anna+mall/x@example.no");
    expect(outcome).toEqual({ kind: "accepted", status: 200, recipient: "anna+mall/x@example.no" });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(
      "https://api.mpc.dev.placewise.com/v3/infinity-mall/members/by_email/anna%2Bmall%2Fx%40example.no/send_password_reset_token",
    );
    expect(calls[0]?.init).toMatchObject({
      method: "POST",
      body: "{}",
      credentials: "omit",
      redirect: "error",
    });
    expect(calls[0]?.init.headers).toEqual({
      "x-client-authorization": "tok-5f1c9a7e",
      "x-product-name": "default",
      "x-user-agent": "Placewise Support Helper/0.1.0",
      "content-type": "application/json",
      accept: "application/json",
      "x-loyalty-club-slug": "infinity-mall",
      "x-customer": "447",
    });
  });

  it("reads 404 as no member with that address", async () => {
    const { fetch } = answering(JSON.stringify({ error: "Member not found" }), { status: 404 });
    const outcome = await createPlacewiseClient({ fetch, timeoutMs: 1000 }, identity).sendPasswordReset(
      "nobody@example.no",
    );
    expect(outcome).toEqual({
      kind: "member-not-found",
      status: 404,
      recipient: "nobody@example.no",
      detail: "Member not found",
    });
  });

  it("names BL:Api:Members:Tokens:Create as the missing permit of a 403, with or without a JSON body", async () => {
    expect(RESET_PERMIT).toBe("BL:Api:Members:Tokens:Create");
    const json = answering(JSON.stringify({ error: "Missing permit" }), { status: 403 });
    expect(
      await createPlacewiseClient({ fetch: json.fetch, timeoutMs: 1000 }, identity).sendPasswordReset(
        "a@b.no",
      ),
    ).toEqual({ kind: "permit-missing", status: 403, permit: RESET_PERMIT, detail: "Missing permit" });
    const bare = answering("", { status: 403 });
    expect(
      await createPlacewiseClient({ fetch: bare.fetch, timeoutMs: 1000 }, identity).sendPasswordReset(
        "a@b.no",
      ),
    ).toMatchObject({ kind: "permit-missing", permit: RESET_PERMIT });
  });

  it("keeps naming the registration permit for the registration send", async () => {
    const { fetch } = answering(JSON.stringify({ error: "Missing permit" }), { status: 403 });
    const outcome = await createPlacewiseClient(
      { fetch, timeoutMs: 1000 },
      identity,
    ).sendRegistrationPassword("email", "a@b.no");
    expect(outcome).toMatchObject({ permit: "BL:Api:Members:CreateRegistrationPassword" });
  });
});

describe("sendPasswordReset against the sandbox", () => {
  const state = useInProcessSandbox();

  const client = (token: string = SANDBOX_TOKENS.full) =>
    createPlacewiseClient(
      { fetch: (input, init) => globalThis.fetch(input, init), timeoutMs: 2000 },
      { ...identity, token, baseUrl: TEST_BASE_URL },
    );

  it("is accepted with {} for a member, and the sandbox received it on the reset route", async () => {
    expect(await client().sendPasswordReset(SANDBOX_MEMBERS.ola)).toEqual({
      kind: "accepted",
      status: 200,
      recipient: SANDBOX_MEMBERS.ola,
    });
    expect(
      sendRequests(state).map((r) => [r.route, r.pathParams.email, r.headers["x-product-name"]]),
    ).toEqual([["reset-by-email", SANDBOX_MEMBERS.ola, "default"]]);
  });

  it("answers 404 for an address no member has, and 403 with the permit for a token without it", async () => {
    expect(await client().sendPasswordReset(SANDBOX_MEMBERS.unknownEmail)).toMatchObject({
      kind: "member-not-found",
      status: 404,
    });
    expect(await client(SANDBOX_TOKENS.noResetPermit).sendPasswordReset(SANDBOX_MEMBERS.ola)).toEqual({
      kind: "permit-missing",
      status: 403,
      permit: RESET_PERMIT,
      detail: `Missing permit ${RESET_PERMIT}`,
    });
  });

  it("says the line dropped after the request was read as a network error, not as nothing sent", async () => {
    setFault(state, { kind: "reset", scope: "send" });
    expect((await client().sendPasswordReset(SANDBOX_MEMBERS.ola)).kind).toBe("network-error");
    expect(sendRequests(state)).toHaveLength(1);
  });
});
