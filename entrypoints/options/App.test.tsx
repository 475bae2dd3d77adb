// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ENVIRONMENT_BASE_URLS } from "@/utils/environments";
import type { ConnectionSettings, StoredSettings } from "@/utils/settings";
import type { ConnectionDraft } from "@/utils/validation/connection";
import { App } from "./App";
import { createOptionsStore, type OptionsDeps } from "./store";

// Vitest runs without globals, so @testing-library/preact cannot register its own cleanup.
afterEach(cleanup);

const SAVED: ConnectionSettings = {
  environment: "staging",
  baseUrl: ENVIRONMENT_BASE_URLS.staging,
  productName: "desk",
  clubSlug: "infinity-mall",
  customerId: "447",
  rememberToken: true,
  hasToken: true,
};
const CLUB_PERMIT = "BL:Api:LoyaltyClubs:Get";

/** Fresh fake deps: saving and permissions succeed unless a test says otherwise. */
function fakeDeps(settings: StoredSettings, token: string | null) {
  return {
    readSettings: vi.fn(async () => settings),
    readSavedToken: vi.fn(async () => token),
    save: vi.fn<OptionsDeps["save"]>(async () => ({ ok: true })),
    test: vi.fn<OptionsDeps["test"]>(),
    forgetToken: vi.fn(async () => {}),
    requestHostPermission: vi.fn<OptionsDeps["requestHostPermission"]>(async () => true),
  } satisfies OptionsDeps;
}

/** Renders the page with a fresh store and waits until the saved settings are in the fields. */
async function renderOptions({
  settings = { connection: null },
  token = null,
}: {
  settings?: StoredSettings;
  token?: string | null;
} = {}) {
  const deps = fakeDeps(settings, token);
  const store = createOptionsStore(deps);
  render(<App store={store} />);
  await act(() => store.loading);
  return { deps, store };
}

function field(label: string): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}

function environmentSelect(): HTMLSelectElement {
  return screen.getByRole("combobox", { name: "Environment" }) as HTMLSelectElement;
}

function type(label: string, value: string): void {
  fireEvent.input(field(label), { target: { value } });
}

function pickEnvironment(value: string): void {
  fireEvent.change(environmentSelect(), { target: { value } });
}

function click(name: string): void {
  fireEvent.click(screen.getByRole("button", { name }));
}

function statusText(): string {
  return screen.getByRole("status").textContent ?? "";
}

/** Fills a valid form on an empty page: production, a token and a club. */
function fillValidForm(): void {
  type("Client token", "tok-123");
  type("Loyalty club", "infinity-mall");
}

/** The message shown next to a field: marked invalid, described by it, in the field's own block. */
function expectProblemNextTo(label: string, message: string): void {
  const input = field(label);
  expect(input.getAttribute("aria-invalid")).toBe("true");
  const shown = screen.getByText(message);
  expect(shown.id).not.toBe("");
  expect((input.getAttribute("aria-describedby") ?? "").split(" ")).toContain(shown.id);
  expect(input.closest(".field")?.contains(shown)).toBe(true);
}

describe("options: loading", () => {
  it("puts the saved settings into the fields, the token masked", async () => {
    const { deps } = await renderOptions({ settings: { connection: SAVED }, token: "tok-saved" });

    expect(deps.readSettings).toHaveBeenCalledTimes(1);
    expect(deps.readSavedToken).toHaveBeenCalledTimes(1);
    expect(environmentSelect().value).toBe("staging");
    expect(field("API base URL").value).toBe(ENVIRONMENT_BASE_URLS.staging);
    expect(field("Client token").type).toBe("password");
    expect(field("Client token").value).toBe("tok-saved");
    expect(field("Product name").value).toBe("desk");
    expect(field("Loyalty club").value).toBe("infinity-mall");
    expect(field("Customer ID").value).toBe("447");
    const dontRemember = screen.getByRole("checkbox", {
      name: "Don't remember the token on this computer",
    }) as HTMLInputElement;
    expect(dontRemember.checked).toBe(false);
  });

  it("ticks Don't remember when the saved token is kept for this session only", async () => {
    await renderOptions({ settings: { connection: { ...SAVED, rememberToken: false } }, token: "tok" });
    const dontRemember = screen.getByRole("checkbox", {
      name: "Don't remember the token on this computer",
    }) as HTMLInputElement;
    expect(dontRemember.checked).toBe(true);
  });

  it("starts a new connection on Production with the product name default", async () => {
    await renderOptions();
    expect(environmentSelect().value).toBe("production");
    expect(field("API base URL").value).toBe(ENVIRONMENT_BASE_URLS.production);
    expect(field("Product name").value).toBe("default");
    expect(field("Client token").value).toBe("");
    expect(screen.getByText(/No token is saved\./)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Forget token" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows and hides the token with a toggle button", async () => {
    await renderOptions({ settings: { connection: SAVED }, token: "tok-saved" });
    const toggle = screen.getByRole("button", { name: "Show token" });
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    expect(toggle.getAttribute("aria-controls")).toBe(field("Client token").id);

    fireEvent.click(toggle);
    expect(field("Client token").type).toBe("text");
    expect(field("Client token").value).toBe("tok-saved");
    const pressed = screen.getByRole("button", { name: "Hide token" });
    expect(pressed.getAttribute("aria-pressed")).toBe("true");

    fireEvent.click(pressed);
    expect(field("Client token").type).toBe("password");
    expect(screen.getByRole("button", { name: "Show token" }).getAttribute("aria-pressed")).toBe("false");
  });
});

describe("options: environment", () => {
  it("is a native select with the four environments", async () => {
    await renderOptions();
    const select = environmentSelect();
    expect(select.tagName).toBe("SELECT");
    const options = Array.from(select.options).map((option) => option.textContent);
    expect(options).toEqual(["Production", "Production (APAC)", "Staging", "Custom"]);
  });

  it("fills a named environment's base URL read-only, and lets Custom edit it", async () => {
    await renderOptions();
    expect(field("API base URL").readOnly).toBe(true);

    pickEnvironment("production-apac");
    expect(field("API base URL").value).toBe("https://api.mpc.apac.placewise.com");
    expect(field("API base URL").readOnly).toBe(true);

    pickEnvironment("custom");
    expect(field("API base URL").readOnly).toBe(false);
    type("API base URL", "https://placewise.example.com");
    expect(field("API base URL").value).toBe("https://placewise.example.com");

    pickEnvironment("staging");
    expect(field("API base URL").value).toBe("https://api.mpc.dev.placewise.com");
    expect(field("API base URL").readOnly).toBe(true);
  });
});

describe("options: validation", () => {
  it.each([
    {
      name: "an http base URL that is not this machine",
      label: "API base URL",
      setUp: () => {
        pickEnvironment("custom");
        type("API base URL", "http://api.example.com");
      },
      message: "The URL must start with https:// (http:// is allowed only for localhost and 127.0.0.1).",
    },
    {
      name: "a club slug with upper case",
      label: "Loyalty club",
      setUp: () => type("Loyalty club", "Infinity-Mall"),
      message: "Use lower-case letters, digits and hyphens only, as in infinity-mall.",
    },
    {
      name: "a customer id with letters",
      label: "Customer ID",
      setUp: () => type("Customer ID", "44a7"),
      message: "Use digits only, as in 447.",
    },
    {
      // An input drops line breaks from its value (as browsers do), so a tab stands in for them here.
      name: "a token with a control character",
      label: "Client token",
      setUp: () => type("Client token", "tok\t123"),
      message: "Remove line breaks, tabs and other control characters.",
    },
    {
      name: "an empty club",
      label: "Loyalty club",
      setUp: () => type("Loyalty club", "   "),
      message: "This field is required.",
    },
  ])("refuses $name next to the field and saves nothing", async ({ label, setUp, message }) => {
    const { deps } = await renderOptions();
    fillValidForm();
    setUp();
    click("Save");

    expectProblemNextTo(label, message);
    expect(statusText()).toBe("Not saved: correct the fields marked below.");
    expect(deps.save).not.toHaveBeenCalled();
    expect(deps.requestHostPermission).not.toHaveBeenCalled();
    // Only the broken field is marked.
    const marked = Array.from(document.querySelectorAll('[aria-invalid="true"]'), (el) => el.id);
    expect(marked).toEqual([field(label).id]);
  });

  it("refuses a token holding a newline (an input strips it, a stored draft may not)", async () => {
    const { deps, store } = await renderOptions();
    fillValidForm();
    await act(() => store.update("token", "tok\n123"));
    click("Save");

    expectProblemNextTo("Client token", "Remove line breaks, tabs and other control characters.");
    expect(deps.save).not.toHaveBeenCalled();
  });

  it("clears a field's message once it is edited", async () => {
    await renderOptions();
    fillValidForm();
    type("Customer ID", "44a7");
    click("Save");
    expectProblemNextTo("Customer ID", "Use digits only, as in 447.");

    type("Customer ID", "447");
    expect(field("Customer ID").getAttribute("aria-invalid")).toBeNull();
    expect(screen.queryByText("Use digits only, as in 447.")).toBeNull();
  });
});

describe("options: saving", () => {
  it("saves a valid form once, trimmed, and says Settings saved.", async () => {
    const { deps } = await renderOptions();
    type("Client token", "  tok-123 ");
    type("Product name", " default ");
    type("Loyalty club", " infinity-mall ");
    type("Customer ID", " 447 ");
    click("Save");

    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(statusText()).toBe("Settings saved.");
    expect(deps.save).toHaveBeenCalledTimes(1);
    expect(deps.save).toHaveBeenCalledWith({
      environment: "production",
      baseUrl: "https://api.mpc.placewise.com",
      token: "tok-123",
      productName: "default",
      clubSlug: "infinity-mall",
      customerId: "447",
      rememberToken: true,
    } satisfies ConnectionDraft);
    expect(deps.requestHostPermission).not.toHaveBeenCalled();
    expect(screen.queryByRole("alert")).toBeNull();
    // The fields now show what was stored.
    expect(field("Loyalty club").value).toBe("infinity-mall");
    expect(field("Customer ID").value).toBe("447");
    // A token is now saved, so it can be forgotten.
    expect((screen.getByRole("button", { name: "Forget token" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("keeps the saved token when the token field is left empty", async () => {
    const { deps } = await renderOptions({ settings: { connection: SAVED }, token: "tok-saved" });
    type("Client token", "");
    click("Save");

    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(deps.save).toHaveBeenCalledWith(expect.objectContaining({ token: "", clubSlug: "infinity-mall" }));
  });

  it("maps Don't remember the token on this computer to rememberToken=false", async () => {
    const { deps } = await renderOptions();
    fillValidForm();
    fireEvent.click(screen.getByRole("checkbox", { name: "Don't remember the token on this computer" }));
    click("Save");

    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(deps.save).toHaveBeenCalledTimes(1);
    expect(deps.save.mock.calls[0]?.[0].rememberToken).toBe(false);
  });

  it("shows the problems the background found", async () => {
    const { deps } = await renderOptions();
    deps.save.mockResolvedValue({ ok: false, problems: { baseUrl: "notPermitted", clubSlug: "slugFormat" } });
    fillValidForm();
    click("Save");

    expect(await screen.findByText("Not saved: correct the fields marked below.")).toBeTruthy();
    expectProblemNextTo(
      "API base URL",
      "Access to this host was not granted. Save again and allow access when the browser asks.",
    );
    expectProblemNextTo(
      "Loyalty club",
      "Use lower-case letters, digits and hyphens only, as in infinity-mall.",
    );
    expect(screen.queryByText("Settings saved.")).toBeNull();
  });

  it("asks for a Custom host's permission inside the click, then saves", async () => {
    const { deps } = await renderOptions();
    fillValidForm();
    pickEnvironment("custom");
    type("API base URL", "https://placewise.example.com/api/");
    click("Save");

    // Browsers grant optional permissions only within the user's click: no await may come first.
    expect(deps.requestHostPermission).toHaveBeenCalledTimes(1);
    expect(deps.requestHostPermission).toHaveBeenCalledWith("https://placewise.example.com/*");
    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(deps.save).toHaveBeenCalledTimes(1);
    expect(deps.save.mock.calls[0]?.[0]).toMatchObject({
      environment: "custom",
      baseUrl: "https://placewise.example.com/api",
    });
    const [asked] = deps.requestHostPermission.mock.invocationCallOrder;
    const [saved] = deps.save.mock.invocationCallOrder;
    expect(asked).toBeLessThan(saved ?? 0);
  });

  it("saves nothing and says so when the host permission is denied", async () => {
    const { deps } = await renderOptions();
    deps.requestHostPermission.mockResolvedValue(false);
    fillValidForm();
    pickEnvironment("custom");
    type("API base URL", "https://placewise.example.com");
    click("Save");

    expect(
      await screen.findByText("Not saved: access to placewise.example.com was not granted."),
    ).toBeTruthy();
    expect(deps.requestHostPermission).toHaveBeenCalledWith("https://placewise.example.com/*");
    expect(deps.save).not.toHaveBeenCalled();
    expect(screen.queryByText("Settings saved.")).toBeNull();
  });

  it.each([
    ["a built-in host", "https://api.mpc.placewise.com"],
    ["the sandbox on localhost", "http://localhost:8787"],
  ])("does not ask for a permission for %s", async (_name, baseUrl) => {
    const { deps } = await renderOptions();
    fillValidForm();
    pickEnvironment("custom");
    type("API base URL", baseUrl);
    click("Save");

    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(deps.requestHostPermission).not.toHaveBeenCalled();
    expect(deps.save.mock.calls[0]?.[0].baseUrl).toBe(baseUrl);
  });
});

describe("options: test connection", () => {
  it("shows the club's name in role=status", async () => {
    const { deps } = await renderOptions({ settings: { connection: SAVED }, token: "tok-saved" });
    deps.test.mockResolvedValue({
      ok: true,
      outcome: { kind: "club-found", name: "Infinity Mall", slug: "infinity-mall" },
    });
    type("Loyalty club", " infinity-mall ");
    click("Test connection");

    const status = screen.getByRole("status");
    await vi.waitFor(() =>
      expect(status.textContent).toBe("Connected: the club is Infinity Mall (infinity-mall)."),
    );
    expect(screen.queryByRole("alert")).toBeNull();
    expect(deps.test).toHaveBeenCalledTimes(1);
    expect(deps.test).toHaveBeenCalledWith({
      environment: "staging",
      baseUrl: ENVIRONMENT_BASE_URLS.staging,
      token: "tok-saved",
      productName: "desk",
      clubSlug: "infinity-mall",
      customerId: "447",
      rememberToken: true,
    } satisfies ConnectionDraft);
    expect(deps.save).not.toHaveBeenCalled();
  });

  it("reports a 403 as information: the token works but may not read clubs", async () => {
    const { deps } = await renderOptions({ settings: { connection: SAVED }, token: "tok-saved" });
    deps.test.mockResolvedValue({
      ok: true,
      outcome: { kind: "permit-missing", status: 403, permit: CLUB_PERMIT },
    });
    click("Test connection");

    const status = screen.getByRole("status");
    await vi.waitFor(() => expect(status.textContent).toContain(CLUB_PERMIT));
    expect(status.textContent).toContain("Sending can still work.");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("reports a rejected token (401) in role=alert", async () => {
    const { deps } = await renderOptions({ settings: { connection: SAVED }, token: "tok-saved" });
    deps.test.mockResolvedValue({ ok: true, outcome: { kind: "token-rejected", status: 401 } });
    click("Test connection");

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Placewise rejected the client token (401).");
    expect(alert.textContent).toContain("Check it in Settings.");
    expect(statusText()).toBe("");
  });

  it("says Testing… while the test is under way", async () => {
    const { deps } = await renderOptions({ settings: { connection: SAVED }, token: "tok-saved" });
    let answer!: (value: Awaited<ReturnType<OptionsDeps["test"]>>) => void;
    deps.test.mockReturnValue(
      new Promise((resolve) => {
        answer = resolve;
      }),
    );
    click("Test connection");

    expect(statusText()).toBe("Testing…");
    expect((screen.getByRole("button", { name: "Test connection" }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    await act(async () =>
      answer({ ok: true, outcome: { kind: "club-found", name: "Mall", slug: "infinity-mall" } }),
    );
    expect(statusText()).toBe("Connected: the club is Mall (infinity-mall).");
  });

  it("checks the form before testing", async () => {
    const { deps } = await renderOptions();
    type("Loyalty club", "Infinity Mall");
    click("Test connection");

    expectProblemNextTo(
      "Loyalty club",
      "Use lower-case letters, digits and hyphens only, as in infinity-mall.",
    );
    expect(deps.test).not.toHaveBeenCalled();
  });
});

describe("options: forget token", () => {
  it("forgets the token and empties the field", async () => {
    const { deps } = await renderOptions({ settings: { connection: SAVED }, token: "tok-saved" });
    expect(field("Client token").value).toBe("tok-saved");
    click("Forget token");

    expect(await screen.findByText("The client token was removed from this computer.")).toBeTruthy();
    expect(deps.forgetToken).toHaveBeenCalledTimes(1);
    expect(field("Client token").value).toBe("");
    expect((screen.getByRole("button", { name: "Forget token" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/No token is saved\./)).toBeTruthy();
    expect(deps.save).not.toHaveBeenCalled();
  });
});
