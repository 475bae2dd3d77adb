import { describe, expect, it } from "vitest";
import { describeConnectionCheck, describeSendOutcome } from "./describe-outcome";
import type { SendOutcome } from "./send-outcome";

describe("describeSendOutcome", () => {
  it("says Placewise accepted the request, never that the member received it", () => {
    const wording = describeSendOutcome({ kind: "accepted", status: 200, recipient: "anna@example.no" });
    expect(wording.tone).toBe("success");
    expect(wording.summary).toBe(
      "Placewise accepted the request to send a registration message to anna@example.no.",
    );
    expect(`${wording.summary} ${wording.nextStep}`).not.toMatch(/delivered|received/iu);
  });

  it.each<[SendOutcome, RegExp, RegExp]>([
    [
      { kind: "token-rejected", status: 401 },
      /rejected the client token \(401\)\. Nothing was sent\./u,
      /Settings/u,
    ],
    [{ kind: "feature-disabled", status: 402 }, /not enabled for this loyalty club \(402\)/u, /enable/u],
    [
      { kind: "permit-missing", status: 403, permit: "BL:Api:Members:CreateRegistrationPassword" },
      /BL:Api:Members:CreateRegistrationPassword \(403\)/u,
      /administrator/u,
    ],
    [{ kind: "member-not-found", status: 404, recipient: "x@y.no" }, /No member with x@y\.no/u, /spelling/u],
    [{ kind: "invalid-request", status: 422, problems: [] }, /invalid \(422\)/u, /details/u],
    [
      { kind: "rate-limited", status: 429, retryAfterSeconds: 12 },
      /limiting requests right now \(429\)/u,
      /Wait 12 seconds/u,
    ],
    [{ kind: "rate-limited", status: 429 }, /limiting requests/u, /Wait a minute/u],
    [{ kind: "header-problem", status: 470 }, /headers \(470\)/u, /product name/u],
    [{ kind: "maintenance", status: 503 }, /maintenance \(503\)/u, /later/u],
    [
      { kind: "server-error", status: 500 },
      /server error \(500\)\. The message may or may not have been sent\./u,
      /two messages/u,
    ],
    [{ kind: "unexpected-status", status: 418 }, /unexpected status \(418\)/u, /418|status/u],
    [
      { kind: "not-json", status: 502, contentType: "text/html" },
      /502, text\/html.*not come from the Placewise API/u,
      /proxy/u,
    ],
    [
      { kind: "network-error", host: "api.mpc.placewise.com" },
      /^The connection to api\.mpc\.placewise\.com failed before Placewise answered\. The message may or may not have been sent\.$/u,
      /^Check before sending again/u,
    ],
    [{ kind: "offline" }, /offline\. Nothing was sent\./u, /Connect/u],
    [
      { kind: "firewall-rejected", status: 444 },
      /firewall refused the request \(444\)\. Nothing was sent\./u,
      /444/u,
    ],

    [{ kind: "storage-failed" }, /could not store the record.*Nothing was sent\./u, /administrator/u],

    [{ kind: "rate-limited", status: 429, retryAfterSeconds: 240 }, /429/u, /Wait 4 minutes/u],
    [{ kind: "rate-limited", status: 429, retryAfterSeconds: 86_400 }, /429/u, /more than 15 minutes/u],
    [{ kind: "timeout", host: "api.mpc.placewise.com", seconds: 20 }, /within 20 seconds/u, /two messages/u],
    [{ kind: "not-configured" }, /not set up/u, /Settings/u],
    [{ kind: "host-permission-missing", host: "mpc.example.com" }, /mpc\.example\.com/u, /Settings/u],
    [{ kind: "invalid-input", problem: "noAt" }, /refused before sending/u, /Check the address/u],
  ])("words %o as an error with a next step", (outcome, summary, nextStep) => {
    const wording = describeSendOutcome(outcome);
    expect(wording.tone).toBe("error");
    expect(wording.summary).toMatch(summary);
    expect(wording.nextStep).toMatch(nextStep);
  });

  // A guard of ours held these back on purpose: a warning, not the red error box, and the time
  // in the catalog's words rather than "0 min ago".
  it.each<[SendOutcome, RegExp, RegExp]>([
    [
      { kind: "recently-sent", recipient: "x@y.no", sentAt: Date.now() - 120_000, unclear: true },
      /^A send to x@y\.no 2 minutes ago may or may not have reached Placewise\. Nothing was sent\.$/u,
      /one message/u,
    ],
    [
      { kind: "recently-sent", recipient: "x@y.no", sentAt: Date.now() - 10_000, unclear: false },
      /^Placewise accepted a send to x@y\.no just now\. Nothing was sent\.$/u,
      /one message/u,
    ],
    [
      { kind: "already-sending", recipient: "x@y.no" },
      /x@y\.no is being sent right now.*Nothing was sent\./u,
      /Wait/u,
    ],
  ])("words %o as a warning with a next step", (outcome, summary, nextStep) => {
    const wording = describeSendOutcome(outcome);
    expect(wording.tone).toBe("warning");
    expect(wording.summary).toMatch(summary);
    expect(wording.nextStep).toMatch(nextStep);
  });

  it("words a 200 whose body broke off as accepted, with nothing about failure", () => {
    const wording = describeSendOutcome({ kind: "accepted-incomplete", status: 200, recipient: "x@y.no" });
    expect(wording.tone).toBe("success");
    expect(wording.summary).toMatch(/^Placewise accepted .* x@y\.no\. Its answer was cut off/u);
    expect(wording.summary).not.toMatch(/Nothing was sent|may or may not/u);
  });

  it("tells the operator when the send log could not record the send", () => {
    const wording = describeSendOutcome({
      kind: "accepted",
      status: 200,
      recipient: "x@y.no",
      notLogged: true,
    });
    expect(wording.tone).toBe("success");
    expect(wording.details).toEqual([expect.stringMatching(/send log could not record this send/u)]);
  });

  it("never puts a raw catalog key in front of a person", () => {
    const wording = describeSendOutcome({ kind: "token-rejected", status: 401 });
    expect(wording.summary).not.toMatch(/^outcome_/u);
  });

  it("adds the API's own text and each refused parameter as details", () => {
    const wording = describeSendOutcome({
      kind: "invalid-request",
      status: 422,
      detail: "Invalid parameters",
      problems: [{ parameter: "email", message: "is not a valid email" }],
    });
    expect(wording.details).toEqual(["Placewise said: Invalid parameters", "email: is not a valid email"]);
  });
});

describe("describeConnectionCheck", () => {
  it("does not talk about a message when only the connection was tested", () => {
    for (const outcome of [
      { kind: "token-rejected", status: 401 },
      { kind: "server-error", status: 500 },
      { kind: "timeout", host: "h", seconds: 20 },
    ] as const) {
      expect(describeConnectionCheck(outcome).summary).not.toMatch(/sent/u);
    }
  });

  // It is only shown on the Settings page: "Check it in Settings." there sends the operator in a loop.
  it.each([
    { kind: "not-configured" },
    { kind: "host-permission-missing", host: "mpc.example.com" },
    { kind: "token-rejected", status: 401 },
    { kind: "header-problem", status: 470 },
    { kind: "not-json", status: 200, contentType: "text/html" },
    { kind: "network-error", host: "mpc.example.com" },
  ] as const)("words $kind without sending the operator to Settings", (outcome) => {
    const wording = describeConnectionCheck(outcome);
    expect([wording.summary, wording.nextStep].join(" ")).not.toMatch(/Settings/u);
    expect(wording.nextStep).toMatch(/above|again/u);
  });

  it("names the club", () => {
    expect(
      describeConnectionCheck({ kind: "club-found", name: "Infinity Mall", slug: "infinity-mall" }).summary,
    ).toBe("Connected: the club is Infinity Mall (infinity-mall).");
  });

  it("treats a 403 as information: the token may still send", () => {
    const wording = describeConnectionCheck({
      kind: "permit-missing",
      status: 403,
      permit: "BL:Api:LoyaltyClubs:Get",
    });
    expect(wording.tone).toBe("success");
    expect(wording.summary).toMatch(/BL:Api:LoyaltyClubs:Get.*Sending can still work/u);
  });
});
