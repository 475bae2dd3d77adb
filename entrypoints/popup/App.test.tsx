// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SEND_PERMIT, type SendOutcome } from "@/utils/send-outcome";
import type { ConnectionSettings, StoredSettings } from "@/utils/settings";
import { App } from "./App";
import type { PopupDeps } from "./use-popup";

// Vitest runs without globals, so @testing-library/preact cannot register its own cleanup.
afterEach(cleanup);

const PRODUCTION: ConnectionSettings = {
  environment: "production",
  baseUrl: "https://api.mpc.placewise.com",
  productName: "default",
  clubSlug: "infinity-mall",
  customerId: "",
  rememberToken: true,
  hasToken: true,
};
const STAGING: ConnectionSettings = {
  ...PRODUCTION,
  environment: "staging",
  baseUrl: "https://api.mpc.dev.placewise.com",
  clubSlug: "test-mall",
};

/** Fresh fake deps; `changeSettings` stores new settings and fires the watcher like storage would. */
function fakeDeps(initial: StoredSettings | Promise<StoredSettings>) {
  let current = initial;
  const watchers = new Set<() => void>();
  const unwatch = vi.fn();
  const deps = {
    readSettings: vi.fn(async () => current),
    watchSettings: vi.fn((onChange: () => void) => {
      watchers.add(onChange);
      return () => {
        watchers.delete(onChange);
        unwatch();
      };
    }),
    send: vi.fn<PopupDeps["send"]>(),
    openOptions: vi.fn(),
  } satisfies PopupDeps;
  const changeSettings = async (next: StoredSettings) => {
    current = next;
    await act(async () => {
      for (const watcher of watchers) watcher();
    });
  };
  return { deps, changeSettings, unwatch };
}

/** A promise the test settles by hand, to hold a send in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Renders a configured popup and waits until the email field is there. */
async function renderConfigured(connection: ConnectionSettings = PRODUCTION) {
  const fake = fakeDeps({ connection });
  render(<App deps={fake.deps} />);
  const field = (await screen.findByLabelText("Member email")) as HTMLInputElement;
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

describe("popup: loading", () => {
  it("renders nothing until the settings are read", async () => {
    const settings = deferred<StoredSettings>();
    const { deps } = fakeDeps(settings.promise);
    const { container } = render(<App deps={deps} />);

    expect(container.innerHTML).toBe("");
    expect(deps.readSettings).toHaveBeenCalledTimes(1);

    await act(async () => settings.resolve({ connection: PRODUCTION }));
    expect(await screen.findByLabelText("Member email")).toBeTruthy();
  });
});

describe("popup: not configured", () => {
  it.each<[string, StoredSettings]>([
    ["nothing is saved", { connection: null }],
    ["the connection has no token", { connection: { ...PRODUCTION, hasToken: false } }],
  ])("explains and offers Open settings when %s", async (_name, settings) => {
    const { deps } = fakeDeps(settings);
    render(<App deps={deps} />);

    expect(await screen.findByRole("heading", { name: "Connect to Placewise first" })).toBeTruthy();
    expect(screen.getByText(/Before you can send, enter the connection in Settings/)).toBeTruthy();
    expect(screen.queryByLabelText("Member email")).toBeNull();
    expect(screen.queryByRole("button", { name: /^Send/ })).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Open settings" }));
    expect(deps.openOptions).toHaveBeenCalledTimes(1);
    expect(deps.send).not.toHaveBeenCalled();
  });
});

describe("popup: configured", () => {
  it.each<[string, ConnectionSettings, boolean]>([
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
  it("sends on Enter, trimmed and with the case as typed", async () => {
    const { deps, field } = await renderConfigured();
    deps.send.mockResolvedValue({ kind: "accepted", status: 200, recipient: "Anna+desk@Example.no" });
    type(field, "  Anna+desk@Example.no ");
    pressEnter(field);

    expect(deps.send).toHaveBeenCalledTimes(1);
    expect(deps.send).toHaveBeenCalledWith("Anna+desk@Example.no");
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
    ["network-error", { kind: "network-error", host: HOST }, [`Could not reach ${HOST}. Nothing was sent.`]],
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

describe("popup: settings changes", () => {
  it("re-renders from not configured to configured when the settings change", async () => {
    const { deps, changeSettings } = fakeDeps({ connection: null });
    render(<App deps={deps} />);
    expect(await screen.findByRole("button", { name: "Open settings" })).toBeTruthy();
    expect(deps.watchSettings).toHaveBeenCalledTimes(1);

    await changeSettings({ connection: STAGING });
    expect(await screen.findByLabelText("Member email")).toBeTruthy();
    expect(screen.getByText("Staging", { exact: true }).getAttribute("data-environment")).toBe("staging");
    expect(screen.queryByRole("button", { name: "Open settings" })).toBeNull();
  });

  it("switches the badge when the environment changes, and back to not configured when the token goes", async () => {
    const { deps, changeSettings } = fakeDeps({ connection: STAGING });
    render(<App deps={deps} />);
    expect(await screen.findByText("Staging", { exact: true })).toBeTruthy();

    await changeSettings({ connection: PRODUCTION });
    const badge = await screen.findByText("Production", { exact: true });
    expect(badge.getAttribute("data-environment")).toBe("production");
    expect(screen.queryByText("Staging", { exact: true })).toBeNull();

    await changeSettings({ connection: { ...PRODUCTION, hasToken: false } });
    expect(await screen.findByRole("button", { name: "Open settings" })).toBeTruthy();
    expect(screen.queryByLabelText("Member email")).toBeNull();
  });

  it("stops watching the settings when the popup closes", async () => {
    const { deps, unwatch } = fakeDeps({ connection: PRODUCTION });
    const { unmount } = render(<App deps={deps} />);
    await screen.findByLabelText("Member email");
    expect(unwatch).not.toHaveBeenCalled();
    unmount();
    expect(unwatch).toHaveBeenCalledTimes(1);
  });
});
