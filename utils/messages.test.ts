import { describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { createRouter, type MessageHandlers } from "@/entrypoints/background/router";
import { sendToBackground } from "./messages";

function handlers(): MessageHandlers {
  return {
    sendRegistrationPassword: vi.fn(
      async () => ({ kind: "accepted", status: 200, recipient: "a@b.no" }) as const,
    ),
    saveConnection: vi.fn(async () => ({ ok: false, problems: { clubSlug: "slugFormat" } }) as const),
    testConnection: vi.fn(async () => ({ ok: true, outcome: { kind: "not-configured" } }) as const),
    forgetToken: vi.fn(async () => null),
    getSavedToken: vi.fn(async () => ({ token: null })),
    precheckMember: vi.fn(async () => ({ kind: "unavailable" }) as const),
    deleteConnection: vi.fn(async () => null),
    setActiveConnection: vi.fn(async () => null),
    listClubs: vi.fn(async () => ({ ok: true as const, value: [] })),
    getClubLanguages: vi.fn(async () => ({
      ok: true as const,
      value: { languages: [] as string[], defaultLanguage: "" },
    })),
    setPreferences: vi.fn(async () => null),
    clearSendLog: vi.fn(async () => null),
    startBulkRun: vi.fn(async () => ({ ok: true as const, runId: "r-1", total: 1 })),
    pauseBulkRun: vi.fn(async () => null),
    resumeBulkRun: vi.fn(async () => null),
    cancelBulkRun: vi.fn(async () => null),
    retryFailedBulk: vi.fn(async () => ({ requeued: 0 })),
    clearBulkRun: vi.fn(async () => null),
    wakeBulkRun: vi.fn(async () => null),
  };
}

describe("sendToBackground", () => {
  it("carries a typed request through runtime messaging and brings back the handler's value", async () => {
    const h = handlers();
    // fakeBrowser delivers messages with an empty sender, so this test trusts every sender.
    browser.runtime.onMessage.addListener(createRouter(h, () => true));
    await expect(
      sendToBackground("sendRegistrationPassword", {
        channel: "email",
        recipient: "a@b.no",
        source: "popup",
      }),
    ).resolves.toEqual({
      kind: "accepted",
      status: 200,
      recipient: "a@b.no",
    });
    expect(h.sendRegistrationPassword).toHaveBeenCalledWith(
      { channel: "email", recipient: "a@b.no", source: "popup" },
      expect.anything(),
    );
  });

  it("brings back expected failures as values", async () => {
    browser.runtime.onMessage.addListener(createRouter(handlers(), () => true));
    await expect(sendToBackground("saveConnection", {} as never)).resolves.toEqual({
      ok: false,
      problems: { clubSlug: "slugFormat" },
    });
  });

  it("rejects when the background refuses the sender", async () => {
    browser.runtime.onMessage.addListener(createRouter(handlers(), () => false));
    await expect(sendToBackground("forgetToken", { id: "c-1" })).rejects.toThrow(/Refused/u);
  });
});
