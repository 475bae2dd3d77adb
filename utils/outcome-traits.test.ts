import { describe, expect, it } from "vitest";
import catalog from "../public/_locales/en/messages.json";
import { isRetryable } from "./bulk-run";
import { describeSendOutcome } from "./describe-outcome";
import { OUTCOME_KINDS, OUTCOME_TRAITS, outcomeTone } from "./outcome-traits";
import type { SendOutcome, SendOutcomeKind } from "./send-outcome";

/** One outcome of every kind; the Record makes the compiler ask for each new kind. */
const EXAMPLES: { [K in SendOutcomeKind]: Extract<SendOutcome, { kind: K }> } = {
  accepted: { kind: "accepted", status: 200, recipient: "a@b.no" },
  "accepted-incomplete": { kind: "accepted-incomplete", status: 200, recipient: "a@b.no" },
  "invalid-input": { kind: "invalid-input", problem: "noAt" },
  "recently-sent": { kind: "recently-sent", recipient: "a@b.no", sentAt: 0, unclear: false },
  "already-sending": { kind: "already-sending", recipient: "a@b.no" },
  "storage-failed": { kind: "storage-failed" },
  "member-not-found": { kind: "member-not-found", status: 404, recipient: "a@b.no" },
  "not-configured": { kind: "not-configured" },
  "host-permission-missing": { kind: "host-permission-missing", host: "x.example" },
  "token-rejected": { kind: "token-rejected", status: 401 },
  "feature-disabled": { kind: "feature-disabled", status: 402 },
  "permit-missing": { kind: "permit-missing", status: 403, permit: "P" },
  "invalid-request": { kind: "invalid-request", status: 422, problems: [] },
  "rate-limited": { kind: "rate-limited", status: 429 },
  "header-problem": { kind: "header-problem", status: 470 },
  "firewall-rejected": { kind: "firewall-rejected", status: 444 },
  maintenance: { kind: "maintenance", status: 503 },
  offline: { kind: "offline" },
  "server-error": { kind: "server-error", status: 500 },
  "unexpected-status": { kind: "unexpected-status", status: 418 },
  "not-json": { kind: "not-json", status: 502, contentType: "text/html" },
  "network-error": { kind: "network-error", host: "x.example" },
  timeout: { kind: "timeout", host: "x.example", seconds: 20 },
};

describe("the outcome table", () => {
  it("lists every kind of the SendOutcome union, once", () => {
    expect([...OUTCOME_KINDS].sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  it.each(OUTCOME_KINDS)("%s: its traits agree with each other", (kind) => {
    const traits = OUTCOME_TRAITS[kind];
    // Only a sure send is finished in a bulk run, and only an unclear one is left to the operator.
    expect(traits.bulk === "done").toBe(traits.effect === "sent");
    expect(traits.bulk === "unknown").toBe(traits.effect === "unknown");
    // Retry failed may only ever resend what surely reached nobody.
    if (traits.retryFailed) expect(traits.effect).toBe("not-sent");
    expect(traits.tone === "ok").toBe(traits.effect === "sent");
    expect(traits.tone === "unclear").toBe(traits.effect === "unknown");
    expect(Object.hasOwn(catalog, traits.label)).toBe(true);
  });

  it.each(OUTCOME_KINDS)("%s: the popup's words say what the table says was sent", (kind) => {
    const wording = describeSendOutcome(EXAMPLES[kind]);
    const effect = OUTCOME_TRAITS[kind].effect;
    // What a guard of ours held back is a warning to weigh; every other "not sent" an error.
    expect(wording.tone).toBe(
      effect === "sent" ? "success" : OUTCOME_TRAITS[kind].tone === "held" ? "warning" : "error",
    );
    expect(wording.summary.endsWith("Nothing was sent.")).toBe(effect === "not-sent");
    expect(wording.summary.endsWith("The message may or may not have been sent.")).toBe(effect === "unknown");
    expect(wording.nextStep ?? "").not.toBe("");
  });

  it.each(OUTCOME_KINDS)("%s: Retry failed offers it exactly when the table allows", (kind) => {
    expect(isRetryable({ state: "failed", outcome: kind })).toBe(OUTCOME_TRAITS[kind].retryFailed);
    expect(isRetryable({ state: "unknown", outcome: kind })).toBe(false);
  });

  it("offers no retry for 404s, which can only fail again, nor for anything that may have been sent", () => {
    expect(OUTCOME_TRAITS["member-not-found"].retryFailed).toBe(false);
    for (const kind of OUTCOME_KINDS.filter((k) => OUTCOME_TRAITS[k].effect !== "not-sent"))
      expect(OUTCOME_TRAITS[kind].retryFailed).toBe(false);
  });

  it("holds a dropped line, a 5xx and a timeout as unclear, never as not sent", () => {
    for (const kind of ["network-error", "server-error", "timeout", "not-json"] as const) {
      expect(OUTCOME_TRAITS[kind].effect).toBe("unknown");
      expect(outcomeTone(kind)).toBe("unclear");
    }
  });
});
