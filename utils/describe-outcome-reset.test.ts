import { describe, expect, it } from "vitest";
import { describeSendOutcome } from "./describe-outcome";
import { RESET_PERMIT, type SendResult } from "./send-outcome";

const reset = (outcome: SendResult): SendResult => ({ ...outcome, message: "password-reset" });

describe("describeSendOutcome for a password reset link", () => {
  it("says the link is on its way and valid for 24 hours, never that it was received", () => {
    const wording = describeSendOutcome(
      reset({ kind: "accepted", status: 200, recipient: "ola@example.no" }),
    );
    expect(wording.tone).toBe("success");
    expect(wording.summary).toBe(
      "Placewise accepted: a password reset link is on its way to ola@example.no; the link is valid for 24 hours.",
    );
    expect(wording.summary).not.toMatch(/registration/iu);
  });

  it("words an answer cut off after the 200 as accepted too", () => {
    const wording = describeSendOutcome(
      reset({ kind: "accepted-incomplete", status: 200, recipient: "ola@example.no" }),
    );
    expect(wording.summary).toMatch(
      /^Placewise accepted the request to send a password reset link to ola@example\.no/u,
    );
  });

  it("says no member has that address on a 404, and that nothing was sent", () => {
    const wording = describeSendOutcome(
      reset({ kind: "member-not-found", status: 404, recipient: "nobody@example.no" }),
    );
    expect(wording.summary).toBe(
      "No member with nobody@example.no was found in this loyalty club (404). Nothing was sent.",
    );
  });

  it("names the missing permit BL:Api:Members:Tokens:Create on a 403", () => {
    const wording = describeSendOutcome(reset({ kind: "permit-missing", status: 403, permit: RESET_PERMIT }));
    expect(wording.tone).toBe("error");
    expect(wording.summary).toBe(
      "The client token lacks the permit BL:Api:Members:Tokens:Create (403). Nothing was sent.",
    );
  });

  it("refuses SMS in words: email only, nothing sent", () => {
    const wording = describeSendOutcome(reset({ kind: "invalid-input", problem: "emailOnly" }));
    expect(wording.summary).toBe("A password reset link can only be sent by email. Nothing was sent.");
    expect(wording.nextStep).toMatch(/Email/u);
  });

  it("does not call a 402 a registration problem", () => {
    const wording = describeSendOutcome(reset({ kind: "feature-disabled", status: 402 }));
    expect(wording.summary).toMatch(/^Password reset links are not enabled/u);
  });

  it("keeps the registration wording for a result without a message", () => {
    expect(describeSendOutcome({ kind: "accepted", status: 200, recipient: "a@b.no" }).summary).toMatch(
      /registration message/u,
    );
  });
});
