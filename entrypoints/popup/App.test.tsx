// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import type { SendLogEntry } from "@/utils/send-log";
import { type PrecheckOutcome, SEND_PERMIT, type SendOutcome } from "@/utils/send-outcome";
import { type Connection, type Preferences, readSettings, type StoredSettings } from "@/utils/settings";
import { checkPhone } from "@/utils/validation/phone";
import { testConnection, testSettings } from "../../test/support/connections";
import { fakePopupDeps } from "../../test/support/popup-deps";
import { App } from "./App";
import type { PopupDeps } from "./use-popup";

// Vitest runs without globals, so @testing-library/preact cannot register its own cleanup.
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const PRODUCTION = testConnection({
  id: "prod",
  label: "Infinity Mall",
  environment: "production",
  baseUrl: "https://api.mpc.placewise.com",
});
const STAGING = testConnection({
  id: "staging",
  label: "Test mall",
  environment: "staging",
  baseUrl: "https://api.mpc.dev.placewise.com",
  clubSlug: "test-mall",
});

/** A promise the test settles by hand, to hold a send in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Settings with these connections (the first active) and preferences. */
function settingsWith(connections: Connection[], preferences: Partial<Preferences> = {}): StoredSettings {
  return testSettings(connections, preferences);
}

/**
 * The popup loads its outcome wording, pre-check, switcher and recent sends once the form is on
 * screen (lazy.tsx); the Send log link is always among them.
 */
async function laterPartsLoaded(): Promise<void> {
  await screen.findByRole("link", { name: "Send log" });
  // The outcome's status region, always mounted once its part is there.
  await screen.findByRole("status");
}

async function renderConfigured(
  connection: Connection = PRODUCTION,
  preferences: Partial<Preferences> = {},
  recent: SendLogEntry[] = [],
) {
  const fake = fakePopupDeps(settingsWith([connection], preferences), recent);
  render(<App deps={fake.deps} />);
  const field = (await screen.findByLabelText("Member email")) as HTMLInputElement;
  await laterPartsLoaded();
  return { ...fake, field };
}

/** Clicks Send the way a mouse does: focus moves to the button first, away from the field. */
async function clickSendAfterFocusSettles(field: HTMLInputElement): Promise<void> {
  await vi.waitFor(() => expect(document.activeElement).toBe(field));
  const button = sendButton();
  button.focus();
  fireEvent.click(button);
  expect(document.activeElement).toBe(button);
}

function sendButton(): HTMLButtonElement {
  return screen.getByRole("button", { name: /^Send/ }) as HTMLButtonElement;
}

function type(field: HTMLInputElement, value: string): void {
  fireEvent.input(field, { target: { value } });
}

/**
 * Enter in the field. happy-dom has no implicit submission, so this does what a browser does: a
 * keydown, then a click on the form's default button (which does nothing while it is disabled).
 */
function pressEnter(field: HTMLInputElement): void {
  if (!fireEvent.keyDown(field, { key: "Enter", code: "Enter" })) return;
  const button = field.form?.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (button) fireEvent.click(button);
}

function statusText(): string {
  return screen.getByRole("status").textContent ?? "";
}

/** Moves fake timers on, with the renders and promises that follow. */
async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** The field's accessible description, as a screen reader reads it after the label. */
function description(field: HTMLElement): string {
  return (
    (field.getAttribute("aria-describedby") ?? "")
      .split(/\s+/u)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      // The pre-check's line is always referenced and empty until it has something to say.
      .filter((text) => text !== "")
      .join(" ")
  );
}

/** An accepted popup send; the request the popup is expected to make for it. */
function emailRequest(recipient: string, connection: Connection = PRODUCTION) {
  return { channel: "email", recipient, source: "popup", connectionId: connection.id };
}

describe("popup: loading", () => {
  it("renders nothing until the settings are read, and reads no send log before the field is there", async () => {
    const settings = deferred<StoredSettings>();
    const { deps } = fakePopupDeps(settings.promise);
    const { container } = render(<App deps={deps} />);

    expect(container.innerHTML).toBe("");
    expect(deps.readSettings).toHaveBeenCalledTimes(1);
    expect(deps.readRecentSends).not.toHaveBeenCalled();

    await act(async () => settings.resolve(settingsWith([PRODUCTION])));
    expect(await screen.findByLabelText("Member email")).toBeTruthy();
    await vi.waitFor(() => expect(deps.readRecentSends).toHaveBeenCalledTimes(1));
    // Nothing is looked up or loaded before the operator types.
    expect(deps.precheck).not.toHaveBeenCalled();
    expect(deps.checkPhone).not.toHaveBeenCalled();
  });
});

describe("popup: not configured", () => {
  it.each<[string, StoredSettings]>([
    ["nothing is saved", settingsWith([])],
    ["the connection has no token", settingsWith([{ ...PRODUCTION, hasToken: false }])],
  ])("explains and offers Open settings when %s", async (_name, settings) => {
    const { deps } = fakePopupDeps(settings);
    render(<App deps={deps} />);

    expect(await screen.findByRole("heading", { name: "Connect to Placewise first" })).toBeTruthy();
    expect(screen.getByText(/Before you can send, enter the connection in Settings/)).toBeTruthy();
    expect(screen.queryByLabelText("Member email")).toBeNull();
    expect(screen.queryByRole("button", { name: /^Send/ })).toBeNull();
    expect(screen.queryByLabelText("Connection")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Open settings" }));
    expect(deps.openOptions).toHaveBeenCalledTimes(1);
    expect(deps.send).not.toHaveBeenCalled();
  });

  it("offers the other saved connections when the active one has lost its token", async () => {
    const { deps } = fakePopupDeps(settingsWith([{ ...PRODUCTION, hasToken: false }, STAGING]));
    render(<App deps={deps} />);
    const select = (await screen.findByLabelText("Connection")) as HTMLSelectElement;

    fireEvent.change(select, { target: { value: STAGING.id } });
    expect(deps.setActiveConnection).toHaveBeenCalledWith(STAGING.id);
    expect(await screen.findByLabelText("Member email")).toBeTruthy();
  });
});

describe("popup: corrupt stored settings", () => {
  it("opens, not blank, when a stored base URL is not a URL", async () => {
    const broken: Connection = { ...STAGING, id: "broken", environment: "custom", baseUrl: "not a url" };
    await browser.storage.local.set({ settings: settingsWith([broken, STAGING]), settings$: { v: 3 } });
    const fake = fakePopupDeps(readSettings());
    render(<App deps={fake.deps} />);
    expect(await screen.findByLabelText("Member email")).toBeTruthy();
    // The readable connection is the active one now.
    expect(screen.getByText(STAGING.clubSlug)).toBeTruthy();
  });
});

describe("popup: configured", () => {
  it.each<[string, Connection, boolean]>([
    ["Production", PRODUCTION, true],
    ["Production (APAC)", { ...PRODUCTION, environment: "production-apac" }, true],
    ["Staging", STAGING, false],
  ])("shows the %s environment and the club", async (label, connection, production) => {
    await renderConfigured(connection);

    const badge = screen.getByText(label, { exact: true });
    expect(badge.getAttribute("data-environment")).toBe(connection.environment);
    expect(screen.getByText(connection.clubSlug).closest(".club")?.textContent).toBe(
      `Club ${connection.clubSlug}`,
    );
    // Production is loud: a warning line that staging does not have.
    expect(screen.queryByText("Messages go to real members.") !== null).toBe(production);
  });

  it("tells production and staging apart in the badge", async () => {
    await renderConfigured(PRODUCTION);
    const production = screen.getByText("Production", { exact: true });
    cleanup();
    await renderConfigured(STAGING);
    const staging = screen.getByText("Staging", { exact: true });

    expect(production.getAttribute("data-environment")).toBe("production");
    expect(staging.getAttribute("data-environment")).toBe("staging");
    expect(production.className).not.toBe(staging.className);
  });

  it("focuses the Member email field on open", async () => {
    const { field } = await renderConfigured();
    // Effects run after the first paint, as in the real popup.
    await vi.waitFor(() => expect(document.activeElement).toBe(field));
    expect(sendButton().disabled).toBe(false);
    expect(statusText()).toBe("");
  });

  it("opens the settings from the Settings link", async () => {
    const { deps } = await renderConfigured();
    fireEvent.click(screen.getByRole("button", { name: "Settings" }));
    expect(deps.openOptions).toHaveBeenCalledTimes(1);
  });
});

describe("popup: channel choice", () => {
  function radios() {
    const group = screen.getByRole("radiogroup", { name: "Send by" });
    return {
      group,
      email: within(group).getByRole("radio", { name: "Email" }) as HTMLInputElement,
      sms: within(group).getByRole("radio", { name: "SMS" }) as HTMLInputElement,
    };
  }

  it.each<[string, "Email" | "SMS", Connection["memberIdentifiers"], Preferences["lastChannel"], boolean]>([
    ["both identifiers, no last choice", "Email", ["email", "msisdn"], null, false],
    ["both identifiers, last choice SMS", "SMS", ["email", "msisdn"], "msisdn", false],
    ["unknown identifiers, last choice SMS", "SMS", [], "msisdn", false],
    ["unknown identifiers, no last choice", "Email", [], null, false],
    ["an email-only club, even after SMS last time", "Email", ["email"], "msisdn", true],
    ["an SMS-only club, even after email last time", "SMS", ["msisdn"], "email", true],
  ])("with %s, starts on %s", async (_name, expected, memberIdentifiers, lastChannel, onlyOne) => {
    const { deps } = fakePopupDeps(settingsWith([{ ...PRODUCTION, memberIdentifiers }], { lastChannel }));
    render(<App deps={deps} />);
    await screen.findByRole("radiogroup", { name: "Send by" });
    const { group, email, sms } = radios();

    const [checked, other] = expected === "Email" ? [email, sms] : [sms, email];
    expect(checked.checked).toBe(true);
    expect(other.checked).toBe(false);
    // A club with one identifier: the other channel could only fail, so it is off, with the reason.
    expect(other.disabled).toBe(onlyOne);
    expect(description(group)).toBe(
      onlyOne
        ? expected === "Email"
          ? "This club's members sign up with an email address only."
          : "This club's members sign up with a mobile number only."
        : "",
    );
    expect(screen.getByLabelText(expected === "Email" ? "Member email" : "Member phone")).toBeTruthy();
    expect(deps.setPreferences).not.toHaveBeenCalled();
  });

  it("switches to SMS, saves it as the last choice, and back", async () => {
    const { deps } = await renderConfigured();
    fireEvent.click(radios().sms);

    expect(radios().sms.checked).toBe(true);
    expect(screen.getByLabelText("Member phone")).toBeTruthy();
    expect(screen.queryByLabelText("Member email")).toBeNull();
    expect(sendButton().textContent).toBe("Send registration SMS");
    expect(deps.setPreferences).toHaveBeenLastCalledWith({
      lastChannel: "msisdn",
      lastChannelByConnection: { [PRODUCTION.id]: "msisdn" },
    });

    fireEvent.click(radios().email);
    expect(screen.getByLabelText("Member email")).toBeTruthy();
    expect(sendButton().textContent).toBe("Send registration email");
    expect(deps.setPreferences).toHaveBeenLastCalledWith({
      lastChannel: "email",
      lastChannelByConnection: { [PRODUCTION.id]: "email" },
    });
  });

  it("opens each connection on the channel last used with it", async () => {
    const preferences = {
      lastChannel: "email",
      lastChannelByConnection: { [STAGING.id]: "msisdn" },
    } as const;
    const { deps, changeSettings } = fakePopupDeps(settingsWith([STAGING, PRODUCTION], preferences));
    render(<App deps={deps} />);
    expect(await screen.findByLabelText("Member phone")).toBeTruthy();

    await changeSettings({
      ...settingsWith([STAGING, PRODUCTION], preferences),
      activeConnectionId: PRODUCTION.id,
    });
    expect(await screen.findByLabelText("Member email")).toBeTruthy();
    // Picking SMS here keeps what the other connection remembers.
    fireEvent.click(radios().sms);
    expect(deps.setPreferences).toHaveBeenLastCalledWith({
      lastChannel: "msisdn",
      lastChannelByConnection: { [STAGING.id]: "msisdn", [PRODUCTION.id]: "msisdn" },
    });
  });
});

describe("popup: SMS", () => {
  async function renderSms(connection: Connection = PRODUCTION) {
    const fake = fakePopupDeps(settingsWith([connection], { lastChannel: "msisdn" }));
    render(<App deps={fake.deps} />);
    const field = (await screen.findByLabelText("Member phone")) as HTMLInputElement;
    await laterPartsLoaded();
    return { ...fake, field };
  }

  it("says which country a number without a country code is read in", async () => {
    const { field } = await renderSms();
    // The country's name loads with SMS (CountryHint.tsx), a moment after the field.
    await vi.waitFor(() =>
      expect(description(field)).toBe(
        "Paste the member's mobile number and press Enter. Without a country code it is read as a number in Norway.",
      ),
    );
  });

  it.each(["+47 407 69 126", "0047 40769126", "407 69 126", " 40769126 "])(
    "shows %j normalized before sending and sends it as digits",
    async (pasted) => {
      const { deps, field } = await renderSms();
      deps.send.mockResolvedValue({ kind: "accepted", status: 200, recipient: "4740769126" });
      type(field, pasted);

      await vi.waitFor(() => expect(description(field)).toContain("Will send to +47 40 76 91 26"));
      expect(deps.send).not.toHaveBeenCalled();
      pressEnter(field);

      await vi.waitFor(() => expect(deps.send).toHaveBeenCalledTimes(1));
      expect(deps.send).toHaveBeenCalledWith({
        channel: "msisdn",
        recipient: "4740769126",
        source: "popup",
        connectionId: PRODUCTION.id,
      });
      expect(deps.checkPhone).toHaveBeenCalledWith(pasted, "NO");
    },
  );

  it("reads a number without a country code in the club's country", async () => {
    const { deps, field } = await renderSms({ ...PRODUCTION, country: "DK" });
    type(field, "20 12 34 56");
    await vi.waitFor(() => expect(description(field)).toContain("Will send to +45 20 12 34 56"));
    expect(deps.checkPhone).toHaveBeenLastCalledWith("20 12 34 56", "DK");
  });

  it.each([
    ["too short", "12345", "This is not a valid mobile number."],
    ["a Norwegian landline", "+47 22 12 34 56", "a registration SMS cannot reach a landline"],
    ["letters", "call 407 69 126", "A phone number can hold only digits"],
    ["empty", "", "Enter the member's mobile number."],
  ])("refuses %s with a reason and sends nothing", async (_name, input, reason) => {
    const { deps, field } = await renderSms();
    type(field, input);
    pressEnter(field);

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(reason);
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(field.getAttribute("aria-describedby")).toBe(alert.id);
    expect(deps.send).not.toHaveBeenCalled();
  });

  it("sends once the number's check comes back when Enter beats it", async () => {
    const { deps, field } = await renderSms();
    const check = deferred<ReturnType<typeof checkPhone>>();
    deps.checkPhone.mockReturnValue(check.promise);
    deps.send.mockResolvedValue({ kind: "accepted", status: 200, recipient: "4740769126" });
    type(field, "407 69 126");
    pressEnter(field);

    expect(statusText()).toBe("Sending…");
    expect(deps.send).not.toHaveBeenCalled();
    await act(async () => check.resolve(checkPhone("407 69 126", "NO")));
    await vi.waitFor(() => expect(deps.send).toHaveBeenCalledTimes(1));
    expect(deps.send.mock.calls[0]?.[0]).toMatchObject({ channel: "msisdn", recipient: "4740769126" });
  });
});

describe("popup: invalid input sends nothing", () => {
  it.each([
    ["empty", "", "Enter the member's email address."],
    ["only spaces", "   ", "Enter the member's email address."],
    ["without an @", "anna.example.no", "An email address needs an @, as in anna@example.no."],
    ["with a space inside", "anna berg@example.no", "An email address cannot contain spaces."],
    [
      "with no dot in the domain",
      "anna@example",
      "The part after the @ must be a domain with a dot, as in example.no.",
    ],
    [
      "with a right-to-left override inside",
      "anna\u202e@example.no",
      "The address contains an invisible character (copying from a link, chat or document often brings one along). Delete the address and type it again.",
    ],
    [
      "with a zero-width space inside",
      "an\u200bna@example.no",
      "The address contains an invisible character (copying from a link, chat or document often brings one along). Delete the address and type it again.",
    ],
    [
      "with a fullwidth at sign",
      "anna\uff20example.no",
      "The address uses a look-alike @ sign (such as a full-width ＠); retype it with the @ key.",
    ],
  ])("refuses an address %s", async (_name, input, reason) => {
    const { deps, field } = await renderConfigured();
    type(field, input);
    fireEvent.click(sendButton());

    const alert = screen.getByRole("alert");
    expect(alert.textContent).toBe(reason);
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(field.getAttribute("aria-describedby")).toBe(alert.id);
    expect(statusText()).toBe("");
    expect(deps.send).not.toHaveBeenCalled();
  });

  it("refuses on Enter too", async () => {
    const { deps, field } = await renderConfigured();
    type(field, "anna.example.no");
    pressEnter(field);

    expect(screen.getByRole("alert").textContent).toContain("needs an @");
    expect(deps.send).not.toHaveBeenCalled();
  });

  it("clears aria-invalid and the reason once the operator types again", async () => {
    const { field } = await renderConfigured();
    type(field, "anna.example.no");
    fireEvent.click(sendButton());
    expect(field.getAttribute("aria-invalid")).toBe("true");

    type(field, "anna@example.no");
    expect(field.getAttribute("aria-invalid")).not.toBe("true");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("popup: sending", () => {
  it("sends on Enter, trimmed and with the case as typed, with the connection in view", async () => {
    const { deps, field } = await renderConfigured();
    deps.send.mockResolvedValue({ kind: "accepted", status: 200, recipient: "Anna+desk@Example.no" });
    type(field, "  Anna+desk@Example.no ");
    pressEnter(field);

    expect(deps.send).toHaveBeenCalledTimes(1);
    expect(deps.send).toHaveBeenCalledWith(emailRequest("Anna+desk@Example.no"));
    expect(await screen.findByText(/Placewise accepted the request/)).toBeTruthy();
  });

  it("disables the button and says Sending… while the send is in flight, and ignores a second click or Enter", async () => {
    const { deps, field } = await renderConfigured();
    const answer = deferred<SendOutcome>();
    deps.send.mockReturnValue(answer.promise);
    type(field, "anna@example.no");
    fireEvent.click(sendButton());

    expect(sendButton().disabled).toBe(true);
    expect(statusText()).toBe("Sending…");
    expect(screen.queryByRole("alert")).toBeNull();

    fireEvent.click(sendButton());
    pressEnter(field);
    // A submit that gets past the disabled button (e.g. before it repaints) is ignored as well.
    fireEvent.submit(field.form as HTMLFormElement);
    expect(deps.send).toHaveBeenCalledTimes(1);

    await act(async () => answer.resolve({ kind: "accepted", status: 200, recipient: "anna@example.no" }));
    expect(sendButton().disabled).toBe(false);
    expect(statusText()).toContain("anna@example.no");
    expect(deps.send).toHaveBeenCalledTimes(1);
  });

  it("sends once when two submits land before the popup re-renders", async () => {
    const { deps, field } = await renderConfigured();
    const answer = deferred<SendOutcome>();
    deps.send.mockReturnValue(answer.promise);
    type(field, "anna@example.no");

    // One act: both clicks run before Preact re-renders, so the button is still enabled for both.
    await act(() => {
      fireEvent.click(sendButton());
      pressEnter(field);
    });
    expect(deps.send).toHaveBeenCalledTimes(1);
    await act(async () => answer.resolve({ kind: "accepted", status: 200, recipient: "anna@example.no" }));
  });

  it("clears and refocuses the field after Placewise accepts", async () => {
    const { deps, field } = await renderConfigured();
    const answer = deferred<SendOutcome>();
    deps.send.mockReturnValue(answer.promise);
    type(field, "anna@example.no");
    await clickSendAfterFocusSettles(field);

    await act(async () => answer.resolve({ kind: "accepted", status: 200, recipient: "anna@example.no" }));
    expect(field.value).toBe("");
    expect(document.activeElement).toBe(field);
    expect(statusText()).toContain("anna@example.no");
  });

  it("keeps the address after a failure so it can be corrected", async () => {
    const { deps, field } = await renderConfigured();
    deps.send.mockResolvedValue({ kind: "member-not-found", status: 404, recipient: "anna@example.no" });
    type(field, "anna@example.no");
    await clickSendAfterFocusSettles(field);

    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(field.value).toBe("anna@example.no");
    await vi.waitFor(() => expect(document.activeElement).toBe(field));
  });

  it("announces acceptance in role=status, naming the address, without claiming delivery", async () => {
    const { deps, field } = await renderConfigured();
    deps.send.mockResolvedValue({ kind: "accepted", status: 200, recipient: "anna@example.no" });
    type(field, "anna@example.no");
    fireEvent.click(sendButton());

    const status = screen.getByRole("status");
    await vi.waitFor(() => expect(status.textContent).toContain("Placewise accepted the request"));
    expect(status.textContent).toContain("anna@example.no");
    expect(status.textContent).not.toMatch(/delivered/i);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  const HOST = "api.mpc.placewise.com";
  it.each<[string, SendOutcome, string[]]>([
    [
      "401",
      { kind: "token-rejected", status: 401 },
      ["Placewise rejected the client token (401). Nothing was sent.", "Check it in Settings."],
    ],
    [
      "402",
      { kind: "feature-disabled", status: 402 },
      ["Registration messages are not enabled for this loyalty club (402)."],
    ],
    [
      "403",
      { kind: "permit-missing", status: 403, permit: SEND_PERMIT },
      [`The client token lacks the permit ${SEND_PERMIT} (403). Nothing was sent.`],
    ],
    [
      "404",
      { kind: "member-not-found", status: 404, recipient: "anna@example.no" },
      ["No member with anna@example.no was found in this loyalty club (404). Nothing was sent."],
    ],
    [
      "422",
      {
        kind: "invalid-request",
        status: 422,
        detail: "Validation failed",
        problems: [{ parameter: "email", message: "is not a valid address" }],
      },
      [
        "Placewise refused the request as invalid (422).",
        "Placewise said: Validation failed",
        "email: is not a valid address",
      ],
    ],
    [
      "429",
      { kind: "rate-limited", status: 429, retryAfterSeconds: 30 },
      ["Placewise is limiting requests right now (429).", "Wait 30 seconds, then try again."],
    ],
    [
      "470",
      { kind: "header-problem", status: 470, detail: "Missing X-Loyalty-Club-Slug" },
      ["Placewise refused the request headers (470).", "Placewise said: Missing X-Loyalty-Club-Slug"],
    ],
    ["503", { kind: "maintenance", status: 503 }, ["Placewise is down for maintenance (503)."]],
    [
      "500",
      { kind: "server-error", status: 500 },
      ["Placewise answered with a server error (500).", "so the member does not get two messages"],
    ],
    [
      "not-json",
      { kind: "not-json", status: 200, contentType: "text/html" },
      ["The answer (status 200, text/html) did not come from the Placewise API."],
    ],
    [
      "network-error",
      { kind: "network-error", host: HOST },
      [
        `The connection to ${HOST} failed before Placewise answered. The message may or may not have been sent.`,
        "Check before sending again",
      ],
    ],
    [
      "timeout",
      { kind: "timeout", host: HOST, seconds: 20 },
      [`${HOST} did not answer within 20 seconds. The message may or may not have been sent.`],
    ],
  ])("announces a %s failure in role=alert, never in role=status", async (_name, outcome, texts) => {
    const { deps, field } = await renderConfigured();
    deps.send.mockResolvedValue(outcome);
    type(field, "anna@example.no");
    fireEvent.click(sendButton());

    const alert = await screen.findByRole("alert");
    for (const text of texts) expect(alert.textContent).toContain(text);
    expect(statusText()).toBe("");
    // An API failure is not an input problem: the field stays valid.
    expect(field.getAttribute("aria-invalid")).not.toBe("true");
    expect(sendButton().disabled).toBe(false);
    // Only a recent-send warning offers to send again.
    expect(within(alert).queryByRole("button")).toBeNull();
  });

  it("clears the last outcome when the next send starts", async () => {
    const { deps, field } = await renderConfigured();
    deps.send.mockResolvedValueOnce({ kind: "maintenance", status: 503 });
    type(field, "anna@example.no");
    fireEvent.click(sendButton());
    expect(await screen.findByRole("alert")).toBeTruthy();

    const answer = deferred<SendOutcome>();
    deps.send.mockReturnValueOnce(answer.promise);
    fireEvent.click(sendButton());
    expect(screen.queryByRole("alert")).toBeNull();
    expect(statusText()).toBe("Sending…");
    await act(async () => answer.resolve({ kind: "accepted", status: 200, recipient: "anna@example.no" }));
    expect(deps.send).toHaveBeenCalledTimes(2);
  });
});

describe("popup: recent-send warning", () => {
  const ANNA = "anna@example.no";

  async function warned() {
    const rendered = await renderConfigured();
    rendered.deps.send.mockResolvedValueOnce({
      kind: "recently-sent",
      recipient: ANNA,
      sentAt: Date.now() - 3 * 60_000,
      unclear: false,
    });
    type(rendered.field, ANNA);
    pressEnter(rendered.field);
    const alert = await screen.findByRole("alert");
    return { ...rendered, alert };
  }

  it("says when Placewise last accepted a send, and offers Send again and Cancel", async () => {
    const { alert, field } = await warned();
    expect(alert.textContent).toContain(
      `Placewise accepted a send to ${ANNA} 3 minutes ago. Nothing was sent.`,
    );
    // Held back on purpose: the warning tone, not the red error box.
    expect(alert.className).toContain("outcome-warning");
    expect(alert.className).not.toContain("outcome-error");
    expect(alert.textContent).toContain("Members get one message, not three");
    expect(within(alert).getByRole("button", { name: "Send again" })).toBeTruthy();
    expect(within(alert).getByRole("button", { name: "Cancel" })).toBeTruthy();
    expect(statusText()).toBe("");
    expect(field.value).toBe(ANNA);
    await vi.waitFor(() => expect(document.activeElement).toBe(field));
  });

  it("Send again repeats the same request, confirmed", async () => {
    const { deps, alert, field } = await warned();
    deps.send.mockResolvedValueOnce({ kind: "accepted", status: 200, recipient: ANNA });
    fireEvent.click(within(alert).getByRole("button", { name: "Send again" }));

    await vi.waitFor(() => expect(statusText()).toContain("Placewise accepted the request"));
    expect(deps.send).toHaveBeenCalledTimes(2);
    expect(deps.send.mock.calls[0]?.[0]).toEqual(emailRequest(ANNA));
    expect(deps.send.mock.calls[1]?.[0]).toEqual({ ...emailRequest(ANNA), confirmRepeat: true });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(field.value).toBe("");
    expect(document.activeElement).toBe(field);
  });

  it("Cancel sends nothing and puts the operator back in the field", async () => {
    const { deps, alert, field } = await warned();
    fireEvent.click(within(alert).getByRole("button", { name: "Cancel" }));

    expect(screen.queryByRole("alert")).toBeNull();
    expect(deps.send).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(field);
  });

  it("drops the warning once the field changes", async () => {
    const { deps, field } = await warned();
    type(field, "kari@example.com");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("button", { name: "Send again" })).toBeNull();
    expect(deps.send).toHaveBeenCalledTimes(1);
  });
});

describe("popup: pre-check", () => {
  it.each<[string, PrecheckOutcome, string | null]>([
    ["a member without a password", { kind: "member-found", hasPassword: false }, "Member found."],
    [
      "a member with a password",
      { kind: "member-found", hasPassword: true },
      "Member found, and already has a password: a password reset may be what they need.",
    ],
    [
      "no member",
      { kind: "no-member", club: "infinity-mall" },
      "No member with this address in infinity-mall: Placewise would not send anything. Ask the member to sign up first, or check the address.",
    ],
    ["no answer", { kind: "unavailable" }, null],
  ])("shows %s next to the field before Send is pressed", async (_name, answer, text) => {
    const { deps, field } = await renderConfigured();
    deps.precheck.mockResolvedValue(answer);
    type(field, " anna@example.no ");

    await vi.waitFor(() =>
      expect(deps.precheck).toHaveBeenCalledWith({ channel: "email", recipient: "anna@example.no" }),
    );
    const note = document.getElementById("member-precheck");
    if (text === null) {
      await act(async () => {});
      expect(note?.textContent).toBe("");
    } else {
      await vi.waitFor(() => expect(note?.textContent).toBe(text));
      expect(description(field)).toContain(text);
    }
    expect(note?.getAttribute("aria-live")).toBe("polite");
    expect(deps.send).not.toHaveBeenCalled();
  });

  it("says so for a phone number in words about numbers", async () => {
    const { deps } = fakePopupDeps(settingsWith([PRODUCTION], { lastChannel: "msisdn" }));
    deps.precheck.mockResolvedValue({ kind: "no-member", club: "infinity-mall" });
    render(<App deps={deps} />);
    type((await screen.findByLabelText("Member phone")) as HTMLInputElement, "+47 407 69 126");

    await vi.waitFor(() =>
      expect(document.getElementById("member-precheck")?.textContent).toBe(
        "No member with this number in infinity-mall: Placewise would not send anything. Ask the member to sign up first, or check the number.",
      ),
    );
    expect(deps.precheck).toHaveBeenCalledWith({ channel: "msisdn", recipient: "4740769126" });
  });

  it("waits for the field to rest and asks only about what it holds then", async () => {
    vi.useFakeTimers();
    const { deps } = fakePopupDeps(settingsWith([PRODUCTION]));
    deps.precheckDelayMs = 400;
    render(<App deps={deps} />);
    await act(async () => {});
    const field = screen.getByLabelText("Member email") as HTMLInputElement;

    for (const value of ["anna@example", "anna@example.n", "anna@example.no"]) {
      type(field, value);
      await advance(150);
    }
    expect(deps.precheck).not.toHaveBeenCalled();
    await advance(400);
    expect(deps.precheck).toHaveBeenCalledTimes(1);
    expect(deps.precheck).toHaveBeenCalledWith({ channel: "email", recipient: "anna@example.no" });
  });

  it("never asks about an invalid address", async () => {
    vi.useFakeTimers();
    const { deps } = fakePopupDeps(settingsWith([PRODUCTION]));
    render(<App deps={deps} />);
    await act(async () => {});
    type(screen.getByLabelText("Member email") as HTMLInputElement, "anna.example.no");
    await advance(1000);
    expect(deps.precheck).not.toHaveBeenCalled();
  });

  it("ignores an answer about an older value of the field", async () => {
    const { deps, field } = await renderConfigured();
    const first = deferred<PrecheckOutcome>();
    const second = deferred<PrecheckOutcome>();
    deps.precheck.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);

    type(field, "anna@example.no");
    await vi.waitFor(() => expect(deps.precheck).toHaveBeenCalledTimes(1));
    type(field, "nobody@example.no");
    await vi.waitFor(() => expect(deps.precheck).toHaveBeenCalledTimes(2));

    await act(async () => second.resolve({ kind: "no-member", club: "infinity-mall" }));
    await act(async () => first.resolve({ kind: "member-found", hasPassword: false }));
    const note = document.getElementById("member-precheck");
    expect(note?.textContent).toContain("No member with this address");
    expect(note?.textContent).not.toContain("Member found");
  });

  it("drops the answer once the field changes", async () => {
    const { deps, field } = await renderConfigured();
    deps.precheck.mockResolvedValue({ kind: "member-found", hasPassword: false });
    type(field, "anna@example.no");
    await vi.waitFor(() =>
      expect(document.getElementById("member-precheck")?.textContent).toBe("Member found."),
    );
    type(field, "anna@example.n");
    expect(document.getElementById("member-precheck")?.textContent).toBe("");
  });

  it("says once that the token may not pre-check (403), then stops asking", async () => {
    const { deps, field } = await renderConfigured();
    deps.precheck.mockResolvedValue({ kind: "not-permitted" });
    type(field, "anna@example.no");
    await vi.waitFor(() => expect(screen.getAllByText(/Pre-check is off/)).toHaveLength(1));
    expect(screen.getByText("Pre-check is off: the token lacks BL:Api:Members:Check.")).toBeTruthy();

    vi.useFakeTimers();
    for (const value of ["kari@example.com", "ola.nordmann@example.no"]) {
      type(field, value);
      await advance(1000);
    }
    expect(deps.precheck).toHaveBeenCalledTimes(1);
    expect(screen.getAllByText(/Pre-check is off/)).toHaveLength(1);
    // Information only: sending carries on.
    deps.send.mockResolvedValue({ kind: "accepted", status: 200, recipient: "ola.nordmann@example.no" });
    pressEnter(field);
    expect(deps.send).toHaveBeenCalledTimes(1);
  });

  it("asks nothing when the desk turned it off", async () => {
    vi.useFakeTimers();
    const { deps } = fakePopupDeps(settingsWith([PRODUCTION], { precheck: false }));
    render(<App deps={deps} />);
    await act(async () => {});
    type(screen.getByLabelText("Member email") as HTMLInputElement, "anna@example.no");
    await advance(1000);
    expect(deps.precheck).not.toHaveBeenCalled();
  });

  it("never holds up a send", async () => {
    const { deps, field } = await renderConfigured();
    deps.precheck.mockReturnValue(new Promise(() => {}));
    deps.send.mockResolvedValue({ kind: "accepted", status: 200, recipient: "anna@example.no" });
    type(field, "anna@example.no");
    await vi.waitFor(() => expect(deps.precheck).toHaveBeenCalledTimes(1));
    pressEnter(field);
    expect(deps.send).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(/Placewise accepted the request/)).toBeTruthy();
  });
});

describe("popup: connections", () => {
  it("switches to another saved connection in one change, and the next send uses it", async () => {
    const { deps, changeSettings } = fakePopupDeps(settingsWith([PRODUCTION, STAGING]));
    render(<App deps={deps} />);
    const select = (await screen.findByLabelText("Connection")) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      "Infinity Mall (Production)",
      "Test mall (Staging)",
    ]);
    expect(select.value).toBe(PRODUCTION.id);

    fireEvent.change(select, { target: { value: STAGING.id } });
    expect(deps.setActiveConnection).toHaveBeenCalledWith(STAGING.id);
    // The display follows at once, before the settings come back.
    expect(screen.getByText("Staging", { exact: true })).toBeTruthy();
    expect(screen.getByText(STAGING.clubSlug)).toBeTruthy();
    expect(screen.queryByText("Messages go to real members.")).toBeNull();

    await changeSettings({ ...settingsWith([PRODUCTION, STAGING]), activeConnectionId: STAGING.id });
    expect(select.value).toBe(STAGING.id);
    deps.send.mockResolvedValue({ kind: "accepted", status: 200, recipient: "anna@example.no" });
    const field = screen.getByLabelText("Member email") as HTMLInputElement;
    type(field, "anna@example.no");
    pressEnter(field);
    expect(deps.send).toHaveBeenCalledWith(emailRequest("anna@example.no", STAGING));
  });

  it("goes back to what the settings say when the switch fails", async () => {
    const { deps } = fakePopupDeps(settingsWith([PRODUCTION, STAGING]));
    deps.setActiveConnection.mockRejectedValue(new Error("refused"));
    render(<App deps={deps} />);
    fireEvent.change(await screen.findByLabelText("Connection"), { target: { value: STAGING.id } });
    await vi.waitFor(() => expect(screen.getByText("Production", { exact: true })).toBeTruthy());
  });

  it.each([
    [
      "storage-failed",
      "Could not switch the connection: the browser's storage for this extension is full or unavailable. Free space or ask your administrator.",
    ],
    [
      "newer-version",
      "Could not switch the connection: the settings were saved by a newer version of the extension. Update it.",
    ],
  ] as const)(
    "says so in an alert and goes back when the background refuses the switch (%s)",
    async (reason, words) => {
      const { deps } = fakePopupDeps(settingsWith([PRODUCTION, STAGING]));
      deps.setActiveConnection.mockResolvedValue({ ok: false, reason });
      render(<App deps={deps} />);
      const select = (await screen.findByLabelText("Connection")) as HTMLSelectElement;
      fireEvent.change(select, { target: { value: STAGING.id } });

      expect((await screen.findByRole("alert")).textContent).toBe(words);
      expect(screen.getByText("Production", { exact: true })).toBeTruthy();
      expect(screen.getByText(PRODUCTION.clubSlug)).toBeTruthy();
      expect(select.value).toBe(PRODUCTION.id);

      // The next switch clears the alert.
      deps.setActiveConnection.mockResolvedValue({ ok: true });
      fireEvent.change(select, { target: { value: STAGING.id } });
      await vi.waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    },
  );

  it("keeps showing the picked connection while another settings write lands first", async () => {
    const { deps, changeSettings } = fakePopupDeps(settingsWith([PRODUCTION, STAGING]));
    const answer = deferred<{ ok: true }>();
    deps.setActiveConnection.mockReturnValue(answer.promise);
    render(<App deps={deps} />);
    const select = (await screen.findByLabelText("Connection")) as HTMLSelectElement;
    fireEvent.change(select, { target: { value: STAGING.id } });

    // The channel preference, written before the switch: the active connection is still the old one.
    await changeSettings(settingsWith([PRODUCTION, STAGING], { lastChannel: "email" }));
    expect(select.value).toBe(STAGING.id);
    expect(screen.getByText("Staging", { exact: true })).toBeTruthy();

    await changeSettings({ ...settingsWith([PRODUCTION, STAGING]), activeConnectionId: STAGING.id });
    await act(async () => answer.resolve({ ok: true }));
    expect(select.value).toBe(STAGING.id);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("has no switcher with a single connection", async () => {
    await renderConfigured();
    expect(screen.queryByLabelText("Connection")).toBeNull();
  });

  it("follows a switch made elsewhere, and takes the new club's channel", async () => {
    const emailOnly = { ...STAGING, memberIdentifiers: ["email" as const] };
    const smsOnly = { ...PRODUCTION, memberIdentifiers: ["msisdn" as const] };
    const { deps, changeSettings } = fakePopupDeps(settingsWith([smsOnly, emailOnly]));
    render(<App deps={deps} />);
    expect(await screen.findByLabelText("Member phone")).toBeTruthy();

    await changeSettings({ ...settingsWith([smsOnly, emailOnly]), activeConnectionId: emailOnly.id });
    expect(await screen.findByLabelText("Member email")).toBeTruthy();
    expect(((await screen.findByLabelText("Connection")) as HTMLSelectElement).value).toBe(emailOnly.id);
  });
});

describe("popup: recent sends", () => {
  const now = Date.now();
  const entry = (changes: Partial<SendLogEntry>): SendLogEntry => ({
    id: `e-${Math.random()}`,
    at: now,
    source: "popup",
    connectionId: PRODUCTION.id,
    connectionLabel: PRODUCTION.label,
    environment: "production",
    host: "api.mpc.placewise.com",
    club: "infinity-mall",
    channel: "email",
    recipient: "anna@example.no",
    outcome: "accepted",
    status: 200,
    durationMs: 120,
    ...changes,
  });

  function rows(): string[] {
    const list = screen.getByRole("list");
    return within(list)
      .getAllByRole("listitem")
      .map((item) => [...item.children].map((child) => child.textContent).join(" | "));
  }

  it("lists the last sends: recipient, outcome in short words, time ago", async () => {
    const { deps } = await renderConfigured(PRODUCTION, {}, [
      entry({ at: now - 20_000 }),
      entry({
        at: now - 5 * 60_000,
        channel: "msisdn",
        recipient: "4740769126",
        outcome: "member-not-found",
        status: 404,
      }),
      entry({ at: now - 3 * 3_600_000, outcome: "timeout", status: null, recipient: "kari@example.com" }),
      entry({ at: now - 4 * 86_400_000, outcome: "permit-missing", status: 403 }),
    ]);
    expect(await screen.findByRole("heading", { name: "Recent sends with Infinity Mall" })).toBeTruthy();
    // The number in international format, as the field showed it; the time in Intl's words.
    await vi.waitFor(() =>
      expect(rows()).toEqual([
        "anna@example.no | Accepted | just now",
        "+47 40 76 91 26 | No member (404) | 5 minutes ago",
        "kari@example.com | Unclear | 3 hours ago",
      ]),
    );
    expect(deps.readRecentSends).toHaveBeenCalled();
  });

  it("lists only the sends made with the connection in view", async () => {
    await renderConfigured(PRODUCTION, {}, [
      entry({ at: now - 20_000, recipient: "other@example.no", connectionId: STAGING.id }),
      entry({ at: now - 60_000, recipient: "anna@example.no" }),
      entry({ at: now - 90_000, recipient: "third@example.no", connectionId: STAGING.id }),
      entry({ at: now - 120_000, recipient: "kari@example.com" }),
    ]);
    expect(await screen.findByRole("heading", { name: "Recent sends with Infinity Mall" })).toBeTruthy();
    expect(rows()).toEqual([
      "anna@example.no | Accepted | 1 minute ago",
      "kari@example.com | Accepted | 2 minutes ago",
    ]);
  });

  it("updates when the send log changes", async () => {
    const { changeLog } = await renderConfigured();
    expect(screen.queryByRole("heading", { name: /^Recent sends/u })).toBeNull();
    await changeLog([entry({ outcome: "permit-missing", status: 403, at: now - 2 * 86_400_000 })]);
    expect(await screen.findByRole("heading", { name: /^Recent sends/u })).toBeTruthy();
    expect(rows()).toEqual(["anna@example.no | Failed (403) | 2 days ago"]);
  });

  it("hides the Bulk link when the organisation switched bulk runs off", async () => {
    const fake = fakePopupDeps(settingsWith([PRODUCTION]));
    fake.deps.readBulkEnabled.mockResolvedValue(false);
    render(<App deps={fake.deps} />);
    await screen.findByLabelText("Member email");
    await laterPartsLoaded();
    await screen.findByRole("link", { name: "Send log" });
    await vi.waitFor(() => expect(fake.deps.readBulkEnabled).toHaveBeenCalled());
    await act(async () => {});
    expect(screen.queryByRole("link", { name: "Bulk" })).toBeNull();
  });

  it("opens the Bulk page from its link", async () => {
    const { deps } = await renderConfigured();
    fireEvent.click(await screen.findByRole("link", { name: "Bulk" }));
    expect(deps.openBulk).toHaveBeenCalledTimes(1);
    expect(deps.openSendLog).not.toHaveBeenCalled();
  });

  it("opens the Send log page from its link", async () => {
    const { deps } = await renderConfigured();
    const link = screen.getByRole("link", { name: "Send log" });
    fireEvent.click(link);
    expect(deps.openSendLog).toHaveBeenCalledTimes(1);
  });
});

describe("popup: settings changes", () => {
  it("re-renders from not configured to configured when the settings change", async () => {
    const { deps, changeSettings } = fakePopupDeps(settingsWith([]));
    render(<App deps={deps} />);
    expect(await screen.findByRole("button", { name: "Open settings" })).toBeTruthy();
    expect(deps.watchSettings).toHaveBeenCalledTimes(1);

    await changeSettings(settingsWith([STAGING]));
    expect(await screen.findByLabelText("Member email")).toBeTruthy();
    expect(screen.getByText("Staging", { exact: true }).getAttribute("data-environment")).toBe("staging");
    expect(screen.queryByRole("button", { name: "Open settings" })).toBeNull();
  });

  it("switches the badge when the environment changes, and back to not configured when the token goes", async () => {
    const { deps, changeSettings } = fakePopupDeps(settingsWith([STAGING]));
    render(<App deps={deps} />);
    expect(await screen.findByText("Staging", { exact: true })).toBeTruthy();

    await changeSettings(settingsWith([PRODUCTION]));
    const badge = await screen.findByText("Production", { exact: true });
    expect(badge.getAttribute("data-environment")).toBe("production");
    expect(screen.queryByText("Staging", { exact: true })).toBeNull();

    await changeSettings(settingsWith([{ ...PRODUCTION, hasToken: false }]));
    expect(await screen.findByRole("button", { name: "Open settings" })).toBeTruthy();
    expect(screen.queryByLabelText("Member email")).toBeNull();
  });

  it("stops watching the settings and the send log when the popup closes", async () => {
    const { deps, unwatch } = fakePopupDeps(settingsWith([PRODUCTION]));
    const { unmount } = render(<App deps={deps} />);
    await screen.findByLabelText("Member email");
    await vi.waitFor(() => expect(deps.watchSendLog).toHaveBeenCalledTimes(1));
    expect(unwatch).not.toHaveBeenCalled();
    const unwatchLog = deps.watchSendLog.mock.results[0]?.value as () => boolean;
    unmount();
    expect(unwatch).toHaveBeenCalledTimes(1);
    // The log watcher removed itself: calling it again finds nothing to remove.
    expect(unwatchLog()).toBe(false);
  });
});

describe("popup: an address the right-click menu asks to confirm", () => {
  async function renderPrefilled(
    prefill: Awaited<ReturnType<NonNullable<PopupDeps["readPrefill"]>>>,
    label: string,
  ) {
    const fake = fakePopupDeps(settingsWith([PRODUCTION]));
    const deps = { ...fake.deps, readPrefill: () => prefill };
    render(<App deps={deps} />);
    const field = (await screen.findByLabelText(label)) as HTMLInputElement;
    await laterPartsLoaded();
    return { deps, field };
  }

  it("shows the email in the field and sends it only on Enter", async () => {
    const { deps, field } = await renderPrefilled(
      { channel: "email", value: "anna+mall@example.no" },
      "Member email",
    );
    await vi.waitFor(() => expect(field.value).toBe("anna+mall@example.no"));
    expect(deps.send).not.toHaveBeenCalled();

    deps.send.mockResolvedValue({ kind: "accepted", status: 200, recipient: "anna+mall@example.no" });
    pressEnter(field);
    await vi.waitFor(() => expect(deps.send).toHaveBeenCalledTimes(1));
    expect(deps.send.mock.calls[0]?.[0]).toMatchObject({
      channel: "email",
      recipient: "anna+mall@example.no",
    });
  });

  it("switches to SMS for a number and shows it as read", async () => {
    const { deps, field } = await renderPrefilled(
      { channel: "msisdn", value: "+4799887766" },
      "Member phone",
    );
    await vi.waitFor(() => expect(field.value).toBe("+4799887766"));
    await vi.waitFor(() => expect(description(field)).toContain("Will send to +47 99 88 77 66"));
    expect(deps.send).not.toHaveBeenCalled();
    // For this popup only: the operator's remembered channel stays as it was.
    expect(deps.setPreferences).not.toHaveBeenCalled();
  });

  it("starts empty without a prefill", async () => {
    const { field } = await renderPrefilled(null, "Member email");
    expect(field.value).toBe("");
  });
});

describe("popup: what an operator stumbled on (issue 10)", () => {
  async function renderSms() {
    const fake = fakePopupDeps(settingsWith([PRODUCTION], { lastChannel: "msisdn" }));
    render(<App deps={fake.deps} />);
    const field = (await screen.findByLabelText("Member phone")) as HTMLInputElement;
    await laterPartsLoaded();
    return { ...fake, field };
  }

  it("names an SMS recipient in international format in the outcome, not as the digits sent", async () => {
    const { deps, field } = await renderSms();
    deps.send.mockResolvedValue({ kind: "accepted", status: 200, recipient: "4740769126" });
    type(field, "40769126");
    await vi.waitFor(() => expect(description(field)).toContain("Will send to +47 40 76 91 26"));
    pressEnter(field);

    await vi.waitFor(() => expect(statusText()).toContain("+47 40 76 91 26"));
    expect(statusText()).not.toContain("4740769126");
    expect(deps.send.mock.calls[0]?.[0]).toMatchObject({ recipient: "4740769126" });
  });

  it("clears the outcome once the address changes", async () => {
    const { deps, field } = await renderConfigured();
    deps.send.mockResolvedValue({ kind: "member-not-found", status: 404, recipient: "anna@example.no" });
    type(field, "anna@example.no");
    pressEnter(field);
    await screen.findByRole("alert");

    type(field, "kari@example.com");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(statusText()).toBe("");
  });

  it("clears an accepted send's status once the next address is typed", async () => {
    const { deps, field } = await renderConfigured();
    deps.send.mockResolvedValue({ kind: "accepted", status: 200, recipient: "anna@example.no" });
    type(field, "anna@example.no");
    pressEnter(field);
    await vi.waitFor(() => expect(statusText()).toContain("anna@example.no"));

    type(field, "k");
    expect(statusText()).toBe("");
  });

  it("clears the outcome when the channel changes", async () => {
    const { deps, field } = await renderConfigured();
    deps.send.mockResolvedValue({ kind: "member-not-found", status: 404, recipient: "anna@example.no" });
    type(field, "anna@example.no");
    pressEnter(field);
    await screen.findByRole("alert");

    fireEvent.click(screen.getByRole("radio", { name: "SMS" }));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("offers Email for an email address pasted in SMS mode, keeping the address", async () => {
    const { deps, field } = await renderSms();
    type(field, "anna@example.no");
    pressEnter(field);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("A phone number can hold only digits");

    fireEvent.click(within(alert).getByRole("button", { name: "Switch to Email" }));
    const email = screen.getByLabelText("Member email") as HTMLInputElement;
    expect(email.value).toBe("anna@example.no");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(document.activeElement).toBe(email);
    expect(deps.setPreferences).toHaveBeenLastCalledWith({
      lastChannel: "email",
      lastChannelByConnection: { [PRODUCTION.id]: "email" },
    });
    expect(deps.send).not.toHaveBeenCalled();
  });

  it("offers SMS for a phone number pasted in email mode", async () => {
    const { field } = await renderConfigured();
    type(field, "+47 407 69 126");
    pressEnter(field);
    const alert = await screen.findByRole("alert");

    fireEvent.click(within(alert).getByRole("button", { name: "Switch to SMS" }));
    const phone = screen.getByLabelText("Member phone") as HTMLInputElement;
    expect(phone.value).toBe("+47 407 69 126");
    await vi.waitFor(() => expect(description(phone)).toContain("Will send to +47 40 76 91 26"));
  });

  it.each<[string, Connection["memberIdentifiers"], string]>([
    ["an email-only club", ["email"], "+47 407 69 126"],
    ["a plain typo", ["email", "msisdn"], "anna.example.no"],
  ])("offers no switch for %s", async (_name, memberIdentifiers, value) => {
    const { field } = await renderConfigured({ ...PRODUCTION, memberIdentifiers });
    type(field, value);
    pressEnter(field);
    const alert = await screen.findByRole("alert");
    expect(within(alert).queryByRole("button")).toBeNull();
  });

  it("names the club's country in the catalog's language, not the page's lang attribute", async () => {
    document.documentElement.lang = "sv";
    try {
      const { field } = await renderSms();
      await vi.waitFor(() => expect(description(field)).toContain("read as a number in Norway."));
    } finally {
      document.documentElement.lang = "";
    }
  });
});
