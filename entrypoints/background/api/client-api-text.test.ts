import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  SANDBOX_CLUBS,
  SANDBOX_MEMBERS,
  SANDBOX_PRODUCT,
  SANDBOX_TOKENS,
  sendRequests,
  setFault,
} from "../../../test/sandbox";
import { TEST_BASE_URL } from "../../../test/support/background-deps";
import { useInProcessSandboxServer } from "../../../test/support/send-setup";
import { createPlacewiseClient } from "./client";

// What the API writes in `error` and 422 `details` reaches the popup, the notifications and the
// send log. A gateway that echoes the request back would put the client token there.
const { state, server } = useInProcessSandboxServer();

const TOKEN = SANDBOX_TOKENS.full;

function client() {
  return createPlacewiseClient(
    { fetch: (input, init) => globalThis.fetch(input, init), timeoutMs: 2000 },
    {
      baseUrl: TEST_BASE_URL,
      token: TOKEN,
      productName: SANDBOX_PRODUCT,
      clubSlug: SANDBOX_CLUBS.infinityMall,
      customerId: "",
      userAgent: "Placewise Support Helper/0.0.0-test",
    },
  );
}

describe("the client's API text (against the sandbox)", () => {
  it("hides the token when a 401 echoes it, as sent and URL-encoded", async () => {
    setFault(state, {
      kind: "status",
      status: 401,
      error: `Token '${TOKEN}' rejected (x-client-authorization=${encodeURIComponent(`${TOKEN}/`)})`,
    });
    const outcome = await client().sendRegistrationPassword("email", SANDBOX_MEMBERS.anna);

    expect(sendRequests(state).map((r) => r.status)).toEqual([401]);
    expect(outcome).toEqual({
      kind: "token-rejected",
      status: 401,
      detail: "Token '[hidden]' rejected (x-client-authorization=[hidden]%2F)",
    });
  });

  it("removes a right-to-left override that would reorder the outcome text", async () => {
    setFault(state, {
      kind: "status",
      status: 503,
      error: "Down for \u202emaintenance\u202c,\u2066 back soon\u2069",
    });
    const outcome = await client().sendRegistrationPassword("email", SANDBOX_MEMBERS.anna);

    expect(outcome).toEqual({ kind: "maintenance", status: 503, detail: "Down for maintenance, back soon" });
  });

  it("cleans 422 details: the token hidden, controls removed, on one line", async () => {
    server.use(
      http.post(`${TEST_BASE_URL}/v3/:club/members/by_email/:email/send_registration_password`, () =>
        HttpResponse.json(
          {
            error: `Invalid parameters for ${TOKEN}`,
            details: {
              "email\u202e": [{ value: "x", error: "invalid", message: `is not\nvalid \u200bfor ${TOKEN}` }],
            },
          },
          { status: 422 },
        ),
      ),
    );
    const outcome = await client().sendRegistrationPassword("email", SANDBOX_MEMBERS.anna);

    expect(outcome).toEqual({
      kind: "invalid-request",
      status: 422,
      detail: "Invalid parameters for [hidden]",
      problems: [{ parameter: "email", message: "is not valid for [hidden]" }],
    });
    expect(JSON.stringify(outcome)).not.toContain(TOKEN);
  });

  it("hides the token in a 403 from a read as well", async () => {
    setFault(state, { kind: "status", status: 403, error: `No permit for ${TOKEN}` });
    const outcome = await client().getLoyaltyClub();

    expect(outcome).toMatchObject({ kind: "permit-missing", detail: "No permit for [hidden]" });
  });
});
