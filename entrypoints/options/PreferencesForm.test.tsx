// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { testSettings } from "@/test/support/connections";
import { alertText, expectDescribedBy, INFINITY, renderOptions, statusText } from "./testing";

// The desk's preferences section of the options page.
afterEach(cleanup);

const NAMES = {
  recentSendMinutes: "Warn before sending to the same member again within minutes",
  sendLogRetentionDays: "Keep entries for days",
  sendLogMaxEntries: "Keep at most entries",
} as const;

function numberField(name: keyof typeof NAMES): HTMLInputElement {
  return screen.getByRole("spinbutton", { name: NAMES[name] }) as HTMLInputElement;
}

function checkbox(name: string): HTMLInputElement {
  return screen.getByRole("checkbox", { name }) as HTMLInputElement;
}

/** Types a value and leaves the field, as a person does (input, then change). */
function enter(name: keyof typeof NAMES, value: string): void {
  const input = numberField(name);
  fireEvent.input(input, { target: { value } });
  fireEvent.change(input);
}

describe("options: desk preferences", () => {
  it("shows the saved preferences under their own heading", async () => {
    await renderOptions({
      settings: testSettings([INFINITY], {
        precheck: false,
        sendLogEnabled: true,
        recentSendMinutes: 15,
        sendLogRetentionDays: 30,
        sendLogMaxEntries: 2000,
      }),
      tokens: { "c-1": "tok" },
    });
    expect(screen.getByRole("heading", { name: "Desk preferences" })).toBeTruthy();
    expect(checkbox("Check the member before sending").checked).toBe(false);
    expect(checkbox("Keep a send log").checked).toBe(true);
    expect(numberField("recentSendMinutes").value).toBe("15");
    expect(numberField("sendLogRetentionDays").value).toBe("30");
    expect(numberField("sendLogMaxEntries").value).toBe("2000");
    // The label reads as one phrase with the unit; the visible <label> still points at the field.
    expect(screen.getByText("Warn before sending to the same member again within").getAttribute("for")).toBe(
      numberField("recentSendMinutes").id,
    );
  });

  it.each([
    ["Check the member before sending", "precheck"],
    ["Keep a send log", "sendLogEnabled"],
  ])("saves %s as soon as it is changed", async (name, key) => {
    const { deps } = await renderOptions();
    expect(checkbox(name).checked).toBe(true);
    fireEvent.click(checkbox(name));

    await vi.waitFor(() => expect(statusText()).toBe("Preferences saved."));
    expect(deps.setPreferences).toHaveBeenCalledTimes(1);
    expect(deps.setPreferences).toHaveBeenCalledWith({ [key]: false });
    expect(checkbox(name).checked).toBe(false);
  });

  it.each([
    [
      "storage-failed",
      "The browser's storage for this extension is full or unavailable; nothing was saved. Free space or ask your administrator.",
    ],
    [
      "newer-version",
      "These settings were saved by a newer version of the extension; update it. Nothing was saved.",
    ],
  ] as const)("says in an alert, in plain words, when the background answers %s", async (reason, words) => {
    const { deps } = await renderOptions();
    deps.setPreferences.mockResolvedValueOnce({ ok: false, reason });
    fireEvent.click(checkbox("Keep a send log"));

    expect((await screen.findByRole("alert")).textContent).toContain(words);
    expect(statusText()).not.toContain("Preferences saved.");
    expect(document.body.textContent).not.toContain("QUOTA_BYTES");
  });

  it.each([
    ["recentSendMinutes", "0", 0],
    ["recentSendMinutes", "1440", 1440],
    ["sendLogRetentionDays", " 365 ", 365],
    ["sendLogMaxEntries", "100", 100],
    ["sendLogMaxEntries", "50000", 50000],
  ] as const)("saves %s = %j when the field is left", async (key, text, value) => {
    const { deps } = await renderOptions();
    enter(key, text);

    await vi.waitFor(() => expect(statusText()).toBe("Preferences saved."));
    expect(deps.setPreferences).toHaveBeenCalledWith({ [key]: value });
    expect(numberField(key).value).toBe(String(value));
  });

  it("saves nothing when a number is left unchanged", async () => {
    const { deps } = await renderOptions();
    enter("recentSendMinutes", "10");
    expect(deps.setPreferences).not.toHaveBeenCalled();
  });

  it("announces a refused number as an alert and sends focus back to it", async () => {
    await renderOptions();
    const input = numberField("recentSendMinutes");
    (document.getElementById("precheck") as HTMLElement).focus();
    enter("recentSendMinutes", "-1");

    expect(screen.getByRole("alert").textContent).toBe("Preferences not saved: correct the marked field.");
    expect(statusText()).toBe("");
    await vi.waitFor(() => expect(document.activeElement).toBe(input));
  });

  it.each([
    ["recentSendMinutes", "-1", "Enter a whole number from 0 to 1,440."],
    ["recentSendMinutes", "1441", "Enter a whole number from 0 to 1,440."],
    ["recentSendMinutes", "2.5", "Enter a whole number from 0 to 1,440."],
    ["recentSendMinutes", "", "Enter a whole number from 0 to 1,440."],
    ["sendLogRetentionDays", "0", "Enter a whole number from 1 to 3,650."],
    ["sendLogRetentionDays", "3651", "Enter a whole number from 1 to 3,650."],
    ["sendLogMaxEntries", "99", "Enter a whole number from 100 to 50,000."],
    ["sendLogMaxEntries", "50001", "Enter a whole number from 100 to 50,000."],
  ] as const)("refuses %s = %j next to the field", async (key, text, message) => {
    const { deps } = await renderOptions();
    enter(key, text);

    const input = numberField(key);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expectDescribedBy(input, message);
    expect(alertText()).toBe("Preferences not saved: correct the marked field.");
    expect(deps.setPreferences).not.toHaveBeenCalled();

    // Typing again clears the message; a good value saves.
    fireEvent.input(input, { target: { value: "200" } });
    expect(input.getAttribute("aria-invalid")).toBeNull();
    expect(screen.queryByText(message)).toBeNull();
    fireEvent.change(input);
    await vi.waitFor(() => expect(deps.setPreferences).toHaveBeenCalledWith({ [key]: 200 }));
  });

  it("follows preferences changed elsewhere, but keeps what is being typed", async () => {
    const { changeSettings } = await renderOptions();
    fireEvent.input(numberField("sendLogRetentionDays"), { target: { value: "4" } });
    await changeSettings((s) => ({
      ...s,
      preferences: { ...s.preferences, recentSendMinutes: 30, sendLogRetentionDays: 60 },
    }));
    await vi.waitFor(() => expect(numberField("recentSendMinutes").value).toBe("30"));
    expect(numberField("sendLogRetentionDays").value).toBe("4");
  });
});
