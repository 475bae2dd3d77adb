import { describe, expect, it } from "vitest";
import type { Runtime } from "webextension-polyfill";
import { stubHandlers } from "../../test/support/handler-stubs";
import { createRouter, isOwnExtensionPage } from "./router";

const ORIGIN = "chrome-extension://abcdefghijklmnop/";
const isTrusted = isOwnExtensionPage("abcdefghijklmnop", ORIGIN);

const handlers = stubHandlers;

const popup: Runtime.MessageSender = { id: "abcdefghijklmnop", url: `${ORIGIN}popup.html` };

describe("isOwnExtensionPage", () => {
  it.each<[string, Runtime.MessageSender, boolean]>([
    ["our popup", popup, true],
    [
      "our options page in a tab",
      { id: "abcdefghijklmnop", url: `${ORIGIN}options.html`, tab: { index: 0 } as never },
      true,
    ],
    [
      "a content script on a web page (our id, a web URL)",
      { id: "abcdefghijklmnop", url: "https://evil.example/" },
      false,
    ],
    ["another extension", { id: "zzzz", url: "chrome-extension://zzzz/page.html" }, false],
    ["another extension claiming our URL", { id: "zzzz", url: `${ORIGIN}popup.html` }, false],
    ["a sender with no URL", { id: "abcdefghijklmnop" }, false],
    [
      "an origin that only starts like ours",
      { id: "abcdefghijklmnop", url: "chrome-extension://abcdefghijklmnopq/x.html" },
      false,
    ],
  ])("%s -> %s", (_name, sender, trusted) => {
    expect(isTrusted(sender)).toBe(trusted);
  });
});

describe("createRouter", () => {
  it("routes a message to its named handler with the data untouched", async () => {
    const h = handlers();
    const route = createRouter(h, isTrusted);
    await expect(
      route(
        {
          type: "sendRegistrationPassword",
          data: { channel: "email", recipient: "a@b.no", source: "popup" },
        },
        popup,
      ),
    ).resolves.toEqual({
      kind: "accepted",
      status: 200,
      recipient: "a@b.no",
    });
    expect(h.sendRegistrationPassword).toHaveBeenCalledWith(
      { channel: "email", recipient: "a@b.no", source: "popup" },
      popup,
    );
  });

  it("rejects a send request from a content script and calls no handler", async () => {
    const h = handlers();
    const route = createRouter(h, isTrusted);
    const fromContentScript = { id: "abcdefghijklmnop", url: "https://mall.example/ticket/1" };
    await expect(
      route(
        {
          type: "sendRegistrationPassword",
          data: { channel: "email", recipient: "a@b.no", source: "popup" },
        },
        fromContentScript,
      ),
    ).rejects.toThrow(/Refused/u);
    expect(h.sendRegistrationPassword).not.toHaveBeenCalled();
  });

  it.each([
    ["not an object", "sendRegistrationPassword"],
    ["no type", { data: {} }],
    ["an unknown type", { type: "deleteEverything", data: {} }],
    ["an inherited property name", { type: "toString", data: {} }],
    ["null", null],
  ])("stays out of a message with %s", (_name, message) => {
    const h = handlers();
    expect(createRouter(h, isTrusted)(message, popup)).toBeUndefined();
    for (const handler of Object.values(h)) expect(handler).not.toHaveBeenCalled();
  });
});
