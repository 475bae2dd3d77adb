import { describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { createRouter, type MessageHandlers } from "@/entrypoints/background/router";
import { testDraft } from "../test/support/connections";
import { stubHandlers } from "../test/support/handler-stubs";
import { sendMemberMessage, sendToBackground } from "./messages";

function handlers(): MessageHandlers {
  return {
    ...stubHandlers(),
    saveConnection: vi.fn(async () => ({ ok: false, problems: { clubSlug: "slugFormat" } }) as const),
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

  it.each([
    ["registration-password", "sendRegistrationPassword", "sendPasswordReset"],
    ["password-reset", "sendPasswordReset", "sendRegistrationPassword"],
  ] as const)("sends a %s through its own protocol message only", async (message, used, unused) => {
    const h = handlers();
    browser.runtime.onMessage.addListener(createRouter(h, () => true));
    const request = { channel: "email", recipient: "a@b.no", source: "popup" } as const;
    await sendMemberMessage(message, request);
    expect(h[used]).toHaveBeenCalledWith(request, expect.anything());
    expect(h[unused]).not.toHaveBeenCalled();
  });

  it("brings back expected failures as values", async () => {
    browser.runtime.onMessage.addListener(createRouter(handlers(), () => true));
    await expect(sendToBackground("saveConnection", testDraft())).resolves.toEqual({
      ok: false,
      problems: { clubSlug: "slugFormat" },
    });
  });

  it("rejects a malformed message the background refuses", async () => {
    browser.runtime.onMessage.addListener(createRouter(handlers(), () => true));
    await expect(sendToBackground("forgetToken", { id: 7 } as never)).rejects.toThrow(
      "Refused: malformed forgetToken message.",
    );
  });

  it("rejects when the background refuses the sender", async () => {
    browser.runtime.onMessage.addListener(createRouter(handlers(), () => false));
    await expect(sendToBackground("forgetToken", { id: "c-1" })).rejects.toThrow(/Refused/u);
  });
});
