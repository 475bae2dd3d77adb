import { describe, expect, it } from "vitest";
import type { Runtime } from "webextension-polyfill";
import { browser } from "wxt/browser";
import type { MessageType, ProtocolMap } from "@/utils/messages";
import { readSendLog } from "@/utils/send-log";
import { SANDBOX_MEMBERS, sendRequests } from "../../test/sandbox";
import { createTestDeps } from "../../test/support/background-deps";
import { testDraft } from "../../test/support/connections";
import { stubHandlers } from "../../test/support/handler-stubs";
import { configureConnection, useInProcessSandbox } from "../../test/support/send-setup";
import { createBulkRunner } from "./bulk-runner";
import { createMessageHandlers } from "./message-handlers";
import { createRouter, isOwnExtensionPage, malformedMessage } from "./router";

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
  it("routes a message to its named handler with its parsed data", async () => {
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

// One well-formed message of each kind; `satisfies` makes a message added to the ProtocolMap
// without a sample here a type error, as a missing parser is in message-parsers.ts.
const WELL_FORMED = {
  sendRegistrationPassword: { channel: "email", recipient: "a@b.no", source: "popup", confirmRepeat: true },
  sendPasswordReset: { channel: "email", recipient: "a@b.no", source: "popup" },
  precheckMember: { channel: "msisdn", recipient: "4740769126" },
  saveConnection: testDraft(),
  deleteConnection: { id: "c-1" },
  setActiveConnection: { id: "c-1" },
  testConnection: testDraft({ id: "c-1", token: "" }),
  listClubs: testDraft({ clubSlug: "" }),
  getClubLanguages: testDraft(),
  forgetToken: { id: "c-1" },
  getSavedToken: { id: "c-1" },
  setPreferences: {
    precheck: false,
    lastChannel: null,
    lastChannelByConnection: { "c-1": "msisdn" },
    sendLogMaxEntries: 9000,
  },
  clearSendLog: null,
  startBulkRun: {
    recipients: [{ channel: "email", recipient: "a@b.no" }],
    connectionId: "c-1",
    concurrency: 2,
  },
  pauseBulkRun: null,
  resumeBulkRun: null,
  cancelBulkRun: null,
  retryFailedBulk: null,
  clearBulkRun: null,
  wakeBulkRun: null,
} satisfies { [K in MessageType]: ProtocolMap[K]["data"] };

describe("createRouter: one parser per message", () => {
  it.each(Object.entries(WELL_FORMED))(
    "hands a well-formed %s to its handler as sent",
    async (type, data) => {
      const h = stubHandlers();
      await createRouter(h, isTrusted)({ type, data }, popup);
      expect(h[type as MessageType]).toHaveBeenCalledWith(data, popup);
    },
  );

  const state = useInProcessSandbox();

  it("takes a send from the side panel and logs it as the side panel's, not the popup's", async () => {
    await configureConnection();
    const deps = createTestDeps();
    const bulk = createBulkRunner({ background: deps, sleep: async () => {} });
    const route = createRouter(createMessageHandlers(deps, bulk, `${ORIGIN}options.html`), isTrusted);
    const panel: Runtime.MessageSender = { id: "abcdefghijklmnop", url: `${ORIGIN}sidepanel.html` };
    const data = { channel: "email", recipient: SANDBOX_MEMBERS.anna, source: "side-panel" };

    await expect(route({ type: "sendRegistrationPassword", data }, panel)).resolves.toMatchObject({
      kind: "accepted",
    });
    expect(sendRequests(state)).toHaveLength(1);
    expect(await readSendLog()).toEqual([
      expect.objectContaining({ source: "side-panel", recipient: SANDBOX_MEMBERS.anna, outcome: "accepted" }),
    ]);
  });

  const draft = testDraft({ id: "c-1" });
  const send = { channel: "email", recipient: "a@b.no", source: "popup" };
  it.each<[MessageType, string, unknown]>([
    ["sendRegistrationPassword", "no data", undefined],
    ["sendRegistrationPassword", "a bare address", "a@b.no"],
    ["sendRegistrationPassword", "no recipient", { channel: "email", source: "popup" }],
    ["sendPasswordReset", "no recipient", { channel: "email", source: "popup" }],
    ["sendRegistrationPassword", "a recipient that is not a string", { ...send, recipient: ["a@b.no"] }],
    ["sendRegistrationPassword", "an unknown channel", { ...send, channel: "fax" }],
    ["sendRegistrationPassword", "an unknown source", { ...send, source: "web-page" }],
    ["sendRegistrationPassword", "a connection id that is not a string", { ...send, connectionId: 7 }],
    [
      "sendRegistrationPassword",
      "a repeat confirmation that is not a boolean",
      { ...send, confirmRepeat: "yes" },
    ],
    ["precheckMember", "no channel", { recipient: "a@b.no" }],
    ["saveConnection", "a string for a draft", "draft"],
    ["saveConnection", "an unknown environment", { ...draft, environment: "moon" }],
    ["saveConnection", "a number for a field", { ...draft, clubSlug: 5 }],
    ["saveConnection", "no remember choice", { ...draft, rememberToken: undefined }],
    ["saveConnection", "no id", { ...draft, id: undefined }],
    ["testConnection", "an empty object", {}],
    ["listClubs", "a draft without a token", { ...draft, token: null }],
    ["getClubLanguages", "null", null],
    ["deleteConnection", "an id that is not a string", { id: 1 }],
    ["setActiveConnection", "no id", {}],
    ["forgetToken", "an empty id", { id: "" }],
    ["getSavedToken", "a bare id", "c-1"],
    ["setPreferences", "a string", "precheck"],
    ["setPreferences", "an unknown preference", { deleteEverything: true }],
    ["setPreferences", "a preference of the wrong type", { precheck: "no" }],
    ["setPreferences", "a number out of range", { sendLogMaxEntries: 5 }],
    ["setPreferences", "an unknown channel", { lastChannel: "fax" }],
    ["setPreferences", "an unknown channel for a connection", { lastChannelByConnection: { "c-1": "fax" } }],
    ["startBulkRun", "no data", undefined],
    ["startBulkRun", "recipients that are not a list", { recipients: "a@b.no" }],
    [
      "startBulkRun",
      "a recipient on an unknown channel",
      { recipients: [{ channel: "fax", recipient: "1" }] },
    ],
    ["startBulkRun", "a rate that is not a number", { recipients: [], ratePerSecond: "fast" }],
    ["clearSendLog", "data where none belongs", { all: true }],
    ["pauseBulkRun", "data where none belongs", {}],
    ["resumeBulkRun", "data where none belongs", 0],
    ["cancelBulkRun", "data where none belongs", "cancel"],
    ["retryFailedBulk", "data where none belongs", []],
    ["clearBulkRun", "data where none belongs", {}],
    ["wakeBulkRun", "data where none belongs", "now"],
  ])("refuses %s with %s the same way, storing nothing and calling no one", async (type, _what, data) => {
    await configureConnection();
    const stored = async () => [
      await browser.storage.local.get(null),
      await browser.storage.session.get(null),
    ];
    const before = await stored();
    const deps = createTestDeps();
    const bulk = createBulkRunner({ background: deps, sleep: async () => {} });
    const route = createRouter(createMessageHandlers(deps, bulk, `${ORIGIN}options.html`), isTrusted);

    await expect(route({ type, data }, popup)).rejects.toThrow(malformedMessage(type).message);
    expect(malformedMessage(type).message).toBe(`Refused: malformed ${type} message.`);
    expect(await stored()).toEqual(before);
    expect(state.requests).toEqual([]);
  });
});
