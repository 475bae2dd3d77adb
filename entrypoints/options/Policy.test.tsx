// @vitest-environment happy-dom
import { cleanup, screen, within } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { testConnection, testSettings } from "@/test/support/connections";
import { NO_POLICY, type Policy, type PolicyReport } from "@/utils/policy";
import { click, field, INFINITY, renderOptions, statusText, type } from "./testing";

// The options page under the organisation's policy: what it locks is shown, disabled and said so.
afterEach(cleanup);

const POLICY_CONNECTION = testConnection({
  id: "policy-oslo",
  label: "Oslo desk",
  fromPolicy: true,
  hasToken: false,
});

function report(policy: Partial<Policy>, notes: PolicyReport["notes"] = []): PolicyReport {
  return { policy: { ...NO_POLICY, ...policy }, notes, managed: true };
}

const LOCKED = report(
  { lockConnections: true, supportContact: "IT desk, ext. 4455", preferences: { sendLogMaxEntries: 500 } },
  [{ name: "sendLogRetentionDays", problem: "outOfRange" }],
);

describe("options page under a policy", () => {
  it("says what the organisation sets, with its contact and the values it ignored", async () => {
    await renderOptions({ settings: testSettings([POLICY_CONNECTION]), policy: LOCKED });
    const section = screen.getByRole("region", { name: "Set by your organisation" });
    expect(within(section).getByText("Questions: IT desk, ext. 4455")).toBeTruthy();
    expect(within(section).getByRole("list").textContent).toBe(
      "sendLogRetentionDays: must be a whole number in the range the extension allows.",
    );
  });

  it("marks the policy connection and offers neither Delete nor Add connection", async () => {
    await renderOptions({ settings: testSettings([POLICY_CONNECTION]), policy: LOCKED });
    const row = screen.getByRole("list", { name: /connections/iu }).querySelector("li") as HTMLElement;
    expect(within(row).getByText("Set by your organisation")).toBeTruthy();
    expect(within(row).queryByRole("button", { name: "Delete" })).toBeNull();
    const add = screen.getByRole("button", { name: "Add connection" }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    expect(document.getElementById(add.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
      "Set by your organisation. Ask your administrator: IT desk, ext. 4455",
    );
  });

  it("disables every field but the token, and still saves a pasted token", async () => {
    const { deps } = await renderOptions({ settings: testSettings([POLICY_CONNECTION]), policy: LOCKED });
    for (const label of ["Environment", "Product name", "Name"]) expect(field(label).disabled).toBe(true);
    expect(field("Client token").disabled).toBe(false);
    type("Client token", "tok-pasted");
    click("Save");
    await screen.findByText("Saved.", { exact: false });
    expect(deps.save).toHaveBeenCalledWith(
      expect.objectContaining({ id: "policy-oslo", token: "tok-pasted" }),
    );
  });

  it("disables a preference the policy fixes, and keeps the others editable", async () => {
    await renderOptions({ settings: testSettings([POLICY_CONNECTION]), policy: LOCKED });
    const maxEntries = screen.getByRole("spinbutton", { name: /Keep at most/u }) as HTMLInputElement;
    expect(maxEntries.disabled).toBe(true);
    const recent = screen.getByRole("spinbutton", { name: /Warn before sending/u }) as HTMLInputElement;
    expect(recent.disabled).toBe(false);
  });

  it("keeps the token for the session only when the policy says never", async () => {
    await renderOptions({
      settings: testSettings([POLICY_CONNECTION]),
      policy: report({ rememberTokens: "never" }),
    });
    const box = field("Don't remember the token on this computer");
    expect(box.checked).toBe(true);
    expect(box.disabled).toBe(true);
  });

  it("leaves the operator's own connection editable when nothing is locked", async () => {
    await renderOptions({ settings: testSettings([INFINITY]), policy: report({ bulkEnabled: false }) });
    expect(field("Product name").disabled).toBe(false);
    expect(screen.getByRole("button", { name: "Delete" })).toBeTruthy();
  });

  it("says in an alert why the background refused a save under policy", async () => {
    const { deps } = await renderOptions({ settings: testSettings([INFINITY]), tokens: { "c-1": "tok" } });
    deps.save.mockResolvedValueOnce({ ok: false, reason: "custom-url-not-allowed" });
    click("Save");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Not saved: your organisation does not allow a custom base URL. Pick one of the Placewise environments.",
    );
    expect(statusText()).toBe("");
  });
});
