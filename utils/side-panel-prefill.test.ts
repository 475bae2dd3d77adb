import { describe, expect, it } from "vitest";
import { PANEL_PREFILL_MAX_AGE_MS, takePanelPrefill, toPanelPrefill } from "./side-panel-prefill";

const OPENED = 1_764_576_000_000;

describe("takePanelPrefill", () => {
  it("takes an address handed over while the panel opens, or later", () => {
    expect(takePanelPrefill(toPanelPrefill("email", "anna@example.no", OPENED - 500), OPENED)).toEqual({
      channel: "email",
      value: "anna@example.no",
    });
    expect(takePanelPrefill(toPanelPrefill("msisdn", "4740769126", OPENED + 60_000), OPENED)).toEqual({
      channel: "msisdn",
      value: "+4740769126",
    });
  });

  it("leaves a handoff meant for an earlier panel", () => {
    const old = toPanelPrefill("email", "anna@example.no", OPENED - PANEL_PREFILL_MAX_AGE_MS - 1);
    expect(takePanelPrefill(old, OPENED)).toBeNull();
  });

  it.each([
    ["nothing", null],
    ["an invalid address", { query: "channel=email&recipient=not-an-address", at: OPENED }],
    ["a broken value", { query: 5, at: "now" }],
  ])("ignores %s", (_name, stored) => {
    expect(takePanelPrefill(stored as never, OPENED)).toBeNull();
  });
});
