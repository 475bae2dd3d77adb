// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { browser } from "wxt/browser";
import { testSettings } from "@/test/support/connections";
import { ENVIRONMENT_BASE_URLS } from "@/utils/environments";
import { readSettingsReport } from "@/utils/settings";
import type { ConnectionDraft } from "@/utils/validation/connection";
import type { OptionsDeps } from "./deps";
import {
  alertText,
  click,
  expectProblemNextTo,
  field,
  HARBOUR,
  INFINITY,
  REJECTED_TOKEN,
  renderOptions,
  statusText,
  TWO_CONNECTIONS,
  type,
  UNKNOWN_CLUB,
} from "./testing";

// Vitest runs without globals, so @testing-library/preact cannot register its own cleanup.
afterEach(cleanup);

const CLUB_PERMIT = "BL:Api:LoyaltyClubs:Get";

/** The background's answers when it stored nothing, and what the page says for each. */
const REFUSED_WRITES = [
  [
    "storage-failed",
    "The browser's storage for this extension is full or unavailable; nothing was saved. Free space or ask your administrator.",
  ],
  [
    "newer-version",
    "These settings were saved by a newer version of the extension; update it. Nothing was saved.",
  ],
] as const;
const ONE_CONNECTION = { settings: testSettings([INFINITY]), tokens: { "c-1": "tok-saved" } };

function environmentSelect(): HTMLSelectElement {
  return screen.getByRole("combobox", { name: "Environment" }) as HTMLSelectElement;
}

function pickEnvironment(value: string): void {
  fireEvent.change(environmentSelect(), { target: { value } });
}

/** Fills a valid form on an empty page: production, a token and a club. */
function fillValidForm(): void {
  pickEnvironment("production");
  type("Client token", "tok-123");
  type("Loyalty club", "infinity-mall");
}

function dontRemember(): HTMLInputElement {
  return screen.getByRole("checkbox", {
    name: "Don't remember the token on this computer",
  }) as HTMLInputElement;
}

function forgetButton(): HTMLButtonElement {
  return screen.getByRole("button", { name: "Forget token" }) as HTMLButtonElement;
}

/** The saved connection's entry in the list, found by its name. */
function row(label: string): HTMLElement {
  const list = screen.getByRole("list", { name: "Saved connections" });
  const item = within(list)
    .getAllByRole("listitem")
    .find((li) => li.querySelector(".connection-label")?.textContent === label);
  if (!item) throw new Error(`no connection named ${label}`);
  return item;
}

function rowLabels(): string[] {
  const list = screen.getByRole("list", { name: "Saved connections" });
  return within(list)
    .getAllByRole("listitem")
    .map((li) => li.querySelector(".connection-label")?.textContent ?? "");
}

function formHeading(): HTMLElement {
  return screen.getByRole("heading", { level: 2, name: /^(New connection|Edit connection: .*)$/u });
}

describe("options: first run", () => {
  it("opens straight on the form for a new connection, with no list", async () => {
    await renderOptions();
    expect(formHeading().textContent).toBe("New connection");
    expect(screen.queryByRole("heading", { name: "Connections" })).toBeNull();
    expect(screen.queryByRole("list", { name: "Saved connections" })).toBeNull();
    // Nobody lands on production by accident: nothing is chosen, and Save asks for a choice.
    expect(environmentSelect().value).toBe("");
    expect(environmentSelect().selectedOptions[0]?.textContent).toBe("Choose an environment");
    expect(field("API base URL").value).toBe("");
    expect(field("Product name").value).toBe("default");
    expect(field("Client token").value).toBe("");
    expect(field("Name").value).toBe("");
    expect(screen.getByText(/No token is saved\./)).toBeTruthy();
    expect(forgetButton().disabled).toBe(true);
    // Nothing to cancel back to.
    expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
  });

  it("shows and hides the token with a toggle button", async () => {
    await renderOptions(ONE_CONNECTION);
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

describe("options: stored connections that cannot be read", () => {
  /** Stores raw settings, as a hand edit or a broken build could leave them, and opens the page on them. */
  async function openOn(connections: unknown[]) {
    await browser.storage.local.set({
      settings: { ...testSettings([]), connections },
      settings$: { v: 3 },
    });
    return renderOptions({ deps: { readSettings: readSettingsReport } });
  }

  it("says one could not be read and lists the rest", async () => {
    await openOn([{ ...INFINITY, environment: "custom", baseUrl: "not a url" }, HARBOUR]);
    expect(screen.getByRole("alert").textContent).toBe(
      "1 saved connection could not be read and is not shown; save it again.",
    );
    expect(rowLabels()).toEqual(["Harbour desk"]);
  });

  it("counts them, also when none is left to list", async () => {
    await openOn([
      { ...INFINITY, clubSlug: "../admin" },
      { ...HARBOUR, environment: "custom", baseUrl: "http://mpc.example.com" },
    ]);
    expect(screen.getByRole("alert").textContent).toBe(
      "2 saved connections could not be read and are not shown; save them again.",
    );
    expect(formHeading().textContent).toBe("New connection");
  });

  it("says nothing when every one is read", async () => {
    await openOn([INFINITY, HARBOUR]);
    expect(rowLabels()).toEqual(["Infinity Mall", "Harbour desk"]);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("options: the saved connections", () => {
  it("lists each connection with its name, club, environment, and the active one marked", async () => {
    await renderOptions(TWO_CONNECTIONS);
    expect(rowLabels()).toEqual(["Infinity Mall", "Harbour desk"]);

    const infinity = within(row("Infinity Mall"));
    expect(infinity.getByText("infinity-mall")).toBeTruthy();
    expect(infinity.getByText("Staging")).toBeTruthy();
    expect(infinity.getByText("Active")).toBeTruthy();
    expect(infinity.queryByRole("button", { name: "Make active" })).toBeNull();
    expect(infinity.getByRole("button", { name: "Edit" })).toBeTruthy();
    expect(infinity.getByRole("button", { name: "Delete" })).toBeTruthy();

    const harbour = within(row("Harbour desk"));
    expect(harbour.getByText("harbour-centre")).toBeTruthy();
    expect(harbour.getByText("Production")).toBeTruthy();
    expect(harbour.queryByText("Active")).toBeNull();
    // Each button is described by its connection's name, so "Edit" is not ambiguous to a screen reader.
    const makeActive = harbour.getByRole("button", { name: "Make active" });
    expect(makeActive.getAttribute("aria-describedby")).toBe(
      harbour.getByText("Harbour desk").getAttribute("id"),
    );
  });

  it("opens the active connection in the form, its token masked", async () => {
    const { deps } = await renderOptions(TWO_CONNECTIONS);
    expect(deps.readSavedToken).toHaveBeenCalledWith("c-1");
    expect(formHeading().textContent).toBe("Edit connection: Infinity Mall");
    expect(environmentSelect().value).toBe("staging");
    expect(field("API base URL").value).toBe(ENVIRONMENT_BASE_URLS.staging);
    expect(field("Client token").type).toBe("password");
    expect(field("Client token").value).toBe("tok-saved");
    expect(field("Product name").value).toBe("desk");
    expect(field("Loyalty club").value).toBe("infinity-mall");
    expect(field("Name").value).toBe("Infinity Mall");
    expect(field("Customer ID").value).toBe("447");
    expect(dontRemember().checked).toBe(false);
    expect(forgetButton().disabled).toBe(false);
  });

  it("ticks Don't remember when the saved token is kept for this session only", async () => {
    await renderOptions({
      settings: testSettings([{ ...INFINITY, rememberToken: false }]),
      tokens: { "c-1": "tok" },
    });
    expect(dontRemember().checked).toBe(true);
  });

  it("marks a connection without a token", async () => {
    await renderOptions({
      settings: testSettings([INFINITY, { ...HARBOUR, hasToken: false }]),
      tokens: { "c-1": "tok-saved" },
    });
    expect(within(row("Harbour desk")).getByText("No token is saved.")).toBeTruthy();
    expect(within(row("Infinity Mall")).queryByText("No token is saved.")).toBeNull();
  });

  it("Edit opens another connection with its own token, and focus moves to the form", async () => {
    const { deps } = await renderOptions(TWO_CONNECTIONS);
    fireEvent.click(within(row("Harbour desk")).getByRole("button", { name: "Edit" }));

    await vi.waitFor(() => expect(formHeading().textContent).toBe("Edit connection: Harbour desk"));
    expect(deps.readSavedToken).toHaveBeenLastCalledWith("c-2");
    expect(field("Client token").value).toBe("tok-harbour");
    expect(environmentSelect().value).toBe("production");
    expect(field("Loyalty club").value).toBe("harbour-centre");
    expect(field("Login URL").value).toBe("https://harbour.example.se/login");
    await vi.waitFor(() => expect(document.activeElement).toBe(formHeading()));
    // Editing is not switching: the active connection stays.
    expect(within(row("Infinity Mall")).getByText("Active")).toBeTruthy();
  });

  it("saves an edited connection under its own id and keeps the active one", async () => {
    const { deps } = await renderOptions(TWO_CONNECTIONS);
    fireEvent.click(within(row("Harbour desk")).getByRole("button", { name: "Edit" }));
    await vi.waitFor(() => expect(field("Client token").value).toBe("tok-harbour"));
    type("Name", "Harbour Centre desk");
    click("Save");

    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(deps.save).toHaveBeenCalledWith(
      expect.objectContaining({ id: "c-2", label: "Harbour Centre desk", clubSlug: "harbour-centre" }),
    );
    expect(rowLabels()).toEqual(["Infinity Mall", "Harbour Centre desk"]);
    expect(within(row("Infinity Mall")).getByText("Active")).toBeTruthy();
    expect(formHeading().textContent).toBe("Edit connection: Harbour Centre desk");
  });

  it("Make active switches the active connection and says so", async () => {
    const { deps } = await renderOptions(TWO_CONNECTIONS);
    fireEvent.click(within(row("Harbour desk")).getByRole("button", { name: "Make active" }));

    await vi.waitFor(() => expect(statusText()).toBe("Harbour desk is now the active connection."));
    expect(deps.setActiveConnection).toHaveBeenCalledWith("c-2");
    expect(within(row("Harbour desk")).getByText("Active")).toBeTruthy();
    expect(within(row("Infinity Mall")).queryByText("Active")).toBeNull();
    expect(within(row("Infinity Mall")).getByRole("button", { name: "Make active" })).toBeTruthy();
    // The pressed button is gone; focus stays in the row.
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(within(row("Harbour desk")).getByRole("button", { name: "Edit" })),
    );
  });

  it("follows a switch made elsewhere (the popup)", async () => {
    const { changeSettings } = await renderOptions(TWO_CONNECTIONS);
    await changeSettings((s) => ({ ...s, activeConnectionId: "c-2" }));
    await vi.waitFor(() => expect(within(row("Harbour desk")).queryByText("Active")).not.toBeNull());
    expect(within(row("Infinity Mall")).queryByText("Active")).toBeNull();
  });

  it("Delete asks first; Cancel keeps the connection", async () => {
    const { deps } = await renderOptions(TWO_CONNECTIONS);
    fireEvent.click(within(row("Harbour desk")).getByRole("button", { name: "Delete" }));

    const question = within(row("Harbour desk")).getByRole("group", {
      name: "Delete Harbour desk? Its token is removed from this computer too.",
    });
    const cancel = within(question).getByRole("button", { name: "Cancel" });
    // Focus lands on Cancel, so a second Enter does not delete.
    await vi.waitFor(() => expect(document.activeElement).toBe(cancel));
    expect(deps.deleteConnection).not.toHaveBeenCalled();

    fireEvent.click(cancel);
    expect(within(row("Harbour desk")).queryByRole("group")).toBeNull();
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(
        within(row("Harbour desk")).getByRole("button", { name: "Delete" }),
      ),
    );
    expect(deps.deleteConnection).not.toHaveBeenCalled();
    expect(rowLabels()).toEqual(["Infinity Mall", "Harbour desk"]);
  });

  it("Delete connection removes it once confirmed", async () => {
    const { deps } = await renderOptions(TWO_CONNECTIONS);
    fireEvent.click(within(row("Harbour desk")).getByRole("button", { name: "Delete" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete connection" }));

    await vi.waitFor(() => expect(statusText()).toBe("Deleted the connection Harbour desk."));
    expect(deps.deleteConnection).toHaveBeenCalledTimes(1);
    expect(deps.deleteConnection).toHaveBeenCalledWith("c-2");
    expect(rowLabels()).toEqual(["Infinity Mall"]);
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Connections" })),
    );
  });

  it.each(REFUSED_WRITES)(
    "says in an alert when a delete is refused (%s), keeping the connection",
    async (reason, words) => {
      const { deps } = await renderOptions(TWO_CONNECTIONS);
      deps.deleteConnection.mockResolvedValueOnce({ ok: false, reason });
      fireEvent.click(within(row("Harbour desk")).getByRole("button", { name: "Delete" }));
      fireEvent.click(screen.getByRole("button", { name: "Delete connection" }));

      expect((await screen.findByRole("alert")).textContent).toBe(words);
      expect(statusText()).toBe("");
      expect(rowLabels()).toEqual(["Infinity Mall", "Harbour desk"]);
    },
  );

  it.each(REFUSED_WRITES)("says in an alert when Make active is refused (%s)", async (reason, words) => {
    const { deps } = await renderOptions(TWO_CONNECTIONS);
    deps.setActiveConnection.mockResolvedValueOnce({ ok: false, reason });
    fireEvent.click(within(row("Harbour desk")).getByRole("button", { name: "Make active" }));

    expect((await screen.findByRole("alert")).textContent).toBe(words);
    expect(statusText()).toBe("");
    expect(within(row("Infinity Mall")).getByText("Active")).toBeTruthy();
    expect(within(row("Harbour desk")).queryByText("Active")).toBeNull();
  });

  it("deleting the connection in the form opens the one that is now active", async () => {
    await renderOptions(TWO_CONNECTIONS);
    fireEvent.click(within(row("Infinity Mall")).getByRole("button", { name: "Delete" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete connection" }));

    await vi.waitFor(() => expect(formHeading().textContent).toBe("Edit connection: Harbour desk"));
    expect(field("Client token").value).toBe("tok-harbour");
    expect(within(row("Harbour desk")).getByText("Active")).toBeTruthy();
  });

  it("deleting the last connection leaves the form for a new one", async () => {
    await renderOptions(ONE_CONNECTION);
    fireEvent.click(within(row("Infinity Mall")).getByRole("button", { name: "Delete" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete connection" }));

    await vi.waitFor(() => expect(formHeading().textContent).toBe("New connection"));
    expect(screen.queryByRole("list", { name: "Saved connections" })).toBeNull();
    expect(field("Client token").value).toBe("");
    expect(statusText()).toBe("Deleted the connection Infinity Mall.");
    await vi.waitFor(() => expect(document.activeElement).toBe(formHeading()));
  });

  it("Add connection opens an empty form; Cancel goes back to the active connection", async () => {
    await renderOptions(TWO_CONNECTIONS);
    click("Add connection");

    await vi.waitFor(() => expect(document.activeElement).toBe(formHeading()));
    expect(formHeading().textContent).toBe("New connection");
    expect(field("Client token").value).toBe("");
    expect(field("Loyalty club").value).toBe("");
    expect(field("Name").value).toBe("");
    expect(forgetButton().disabled).toBe(true);

    click("Cancel");
    await vi.waitFor(() => expect(formHeading().textContent).toBe("Edit connection: Infinity Mall"));
    expect(field("Client token").value).toBe("tok-saved");
  });

  it("a new connection is listed, and made active, once saved", async () => {
    const { deps } = await renderOptions(ONE_CONNECTION);
    click("Add connection");
    pickEnvironment("staging");
    type("Client token", "tok-new");
    type("Loyalty club", "harbour-centre");
    click("Save");

    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(deps.save).toHaveBeenCalledWith(expect.objectContaining({ id: "", label: "", token: "tok-new" }));
    // Left empty, the name is the club's (the background looks it up).
    expect(rowLabels()).toEqual(["Infinity Mall", "Harbour Centre"]);
    expect(within(row("Harbour Centre")).getByText("Active")).toBeTruthy();
    expect(formHeading().textContent).toBe("Edit connection: Harbour Centre");
    expect(field("Name").value).toBe("Harbour Centre");
    expect(forgetButton().disabled).toBe(false);
  });
});

describe("options: environment", () => {
  it("is a native select with the four environments", async () => {
    await renderOptions();
    const select = environmentSelect();
    expect(select.tagName).toBe("SELECT");
    const options = Array.from(select.options).map((option) => option.textContent);
    expect(options).toEqual([
      "Choose an environment",
      "Production",
      "Production (APAC)",
      "Staging",
      "Custom",
    ]);
    pickEnvironment("staging");
    // Once one is chosen, "none" is no longer offered.
    expect(Array.from(select.options).map((option) => option.textContent)).toEqual([
      "Production",
      "Production (APAC)",
      "Staging",
      "Custom",
    ]);
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
    {
      name: "a name longer than 60 characters",
      label: "Name",
      setUp: () => type("Name", "x".repeat(61)),
      message: "Keep it to 60 characters or fewer.",
    },
    {
      name: "a login URL that is not a URL",
      label: "Login URL",
      setUp: () => type("Login URL", "mall.example.no/login"),
      message: "Enter a full URL, such as https://api.mpc.placewise.com.",
    },
    {
      name: "an http login URL that is not this machine",
      label: "Login URL",
      setUp: () => type("Login URL", "http://mall.example.no/login"),
      message: "The URL must start with https:// (http:// is allowed only for localhost and 127.0.0.1).",
    },
    {
      name: "a login URL with a user name and password",
      label: "Login URL",
      setUp: () => type("Login URL", "https://desk:secret@mall.example.no/login"),
      message: "Remove the user name and password from the URL.",
    },
  ])("refuses $name next to the field and saves nothing", async ({ label, setUp, message }) => {
    const { deps } = await renderOptions();
    fillValidForm();
    setUp();
    click("Save");

    expectProblemNextTo(label, message);
    expect(alertText()).toBe("Not saved: correct the fields marked below.");
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
    pickEnvironment("production");
    type("Client token", "  tok-123 ");
    type("Product name", " default ");
    type("Loyalty club", " infinity-mall ");
    type("Name", "  Infinity desk ");
    type("Customer ID", " 447 ");
    type("Login URL", " https://mall.example.no/login?from=desk ");
    click("Save");

    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(statusText()).toBe("Settings saved.");
    expect(deps.save).toHaveBeenCalledTimes(1);
    expect(deps.save).toHaveBeenCalledWith({
      id: "",
      label: "Infinity desk",
      environment: "production",
      baseUrl: "https://api.mpc.placewise.com",
      token: "tok-123",
      productName: "default",
      clubSlug: "infinity-mall",
      customerId: "447",
      rememberToken: true,
      language: "",
      loginUrl: "https://mall.example.no/login?from=desk",
    } satisfies ConnectionDraft);
    expect(deps.requestHostPermission).not.toHaveBeenCalled();
    expect(screen.queryByRole("alert")).toBeNull();
    // The fields now show what was stored.
    expect(field("Loyalty club").value).toBe("infinity-mall");
    expect(field("Customer ID").value).toBe("447");
    // A token is now saved, so it can be forgotten.
    expect(forgetButton().disabled).toBe(false);
  });

  it("keeps the saved token when the token field is left empty", async () => {
    const { deps } = await renderOptions(ONE_CONNECTION);
    type("Client token", "");
    click("Save");

    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(deps.save).toHaveBeenCalledWith(
      expect.objectContaining({ id: "c-1", token: "", clubSlug: "infinity-mall" }),
    );
  });

  it("maps Don't remember the token on this computer to rememberToken=false", async () => {
    const { deps } = await renderOptions();
    fillValidForm();
    fireEvent.click(dontRemember());
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
    const { deps } = await renderOptions(ONE_CONNECTION);
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
      id: "c-1",
      label: "Infinity Mall",
      environment: "staging",
      baseUrl: ENVIRONMENT_BASE_URLS.staging,
      token: "tok-saved",
      productName: "desk",
      clubSlug: "infinity-mall",
      customerId: "447",
      rememberToken: true,
      language: "",
      loginUrl: "",
    } satisfies ConnectionDraft);
    expect(deps.save).not.toHaveBeenCalled();
  });

  it("reports a 403 as information: the token works but may not read clubs", async () => {
    const { deps } = await renderOptions(ONE_CONNECTION);
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
    const { deps } = await renderOptions(ONE_CONNECTION);
    deps.test.mockResolvedValue({ ok: true, outcome: { kind: "token-rejected", status: 401 } });
    click("Test connection");

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Placewise rejected the client token (401).");
    // This is the Settings page: the next step points at the field, not at "Settings".
    expect(alert.textContent).toContain("Paste the token again above.");
    expect(alert.textContent).not.toContain("Settings");
    expect(statusText()).toBe("");
  });

  it("says Testing… while the test is under way", async () => {
    const { deps } = await renderOptions(ONE_CONNECTION);
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
    await vi.waitFor(() => expect(statusText()).toBe("Connected: the club is Mall (infinity-mall)."));
  });

  it("checks the form before testing", async () => {
    const { deps } = await renderOptions();
    type("Loyalty club", "Infinity Mall");
    click("Test connection");

    expectProblemNextTo(
      "Loyalty club",
      "Use lower-case letters, digits and hyphens only, as in infinity-mall.",
    );
    expect(alertText()).toBe("Not tested: correct the fields marked below.");
    expect(deps.test).not.toHaveBeenCalled();
  });
});

describe("options: forget token", () => {
  it("forgets the token of the connection in the form and empties the field", async () => {
    const { deps } = await renderOptions(TWO_CONNECTIONS);
    expect(field("Client token").value).toBe("tok-saved");
    click("Forget token");

    expect(await screen.findByText("The client token was removed from this computer.")).toBeTruthy();
    expect(deps.forgetToken).toHaveBeenCalledTimes(1);
    expect(deps.forgetToken).toHaveBeenCalledWith("c-1");
    expect(field("Client token").value).toBe("");
    expect(forgetButton().disabled).toBe(true);
    expect(screen.getByText(/No token is saved\. The API client token/u)).toBeTruthy();
    expect(within(row("Infinity Mall")).getByText("No token is saved.")).toBeTruthy();
    expect(deps.save).not.toHaveBeenCalled();
  });

  it.each(REFUSED_WRITES)("says in an alert when forgetting is refused (%s)", async (reason, words) => {
    const { deps } = await renderOptions(TWO_CONNECTIONS);
    deps.forgetToken.mockResolvedValueOnce({ ok: false, reason });
    click("Forget token");

    expect((await screen.findByRole("alert")).textContent).toBe(words);
    expect(screen.queryByText("The client token was removed from this computer.")).toBeNull();
    expect(field("Client token").value).toBe("tok-saved");
    expect(within(row("Infinity Mall")).queryByText("No token is saved.")).toBeNull();
  });
});

describe("options: failures are alerts, and focus goes to the field", () => {
  it("says Not saved in an alert, not in the success status, and focuses the first marked field", async () => {
    const { deps } = await renderOptions();
    type("Loyalty club", "Bad Slug");
    click("Save");

    const alert = screen.getByRole("alert");
    expect(alert.textContent).toBe("Not saved: correct the fields marked below.");
    expect(alert.className).toContain("outcome-error");
    expect(statusText()).toBe("");
    // The environment comes first in the form, and none is chosen yet.
    await vi.waitFor(() => expect(document.activeElement).toBe(environmentSelect()));
    expectProblemNextTo(
      "Environment",
      "Choose the environment: Staging to try things out, Production for real members.",
    );
    expect(deps.save).not.toHaveBeenCalled();
  });

  it("focuses the token when it is the first problem of a test", async () => {
    await renderOptions();
    pickEnvironment("staging");
    type("Loyalty club", "infinity-mall");
    click("Test connection");

    expect(alertText()).toBe("Not tested: correct the fields marked below.");
    await vi.waitFor(() => expect(document.activeElement).toBe(field("Client token")));
  });

  it("keeps a success in role=status with no alert", async () => {
    await renderOptions();
    fillValidForm();
    click("Save");
    await vi.waitFor(() => expect(statusText()).toBe("Settings saved."));
    expect(screen.getByRole("status").className).toContain("outcome-success");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("options: Save tests the connection", () => {
  it("saves a token Placewise rejects (401), says so next to the token, and does not make it active", async () => {
    const { deps } = await renderOptions(ONE_CONNECTION);
    click("Add connection");
    pickEnvironment("staging");
    type("Client token", REJECTED_TOKEN);
    type("Loyalty club", "harbour-centre");
    click("Save");

    // Saved, and confirmed as such…
    await vi.waitFor(() =>
      expect(statusText()).toBe(
        "Settings saved. It was not made the active connection, because the connection test did not pass.",
      ),
    );
    expect(deps.save).toHaveBeenCalledTimes(1);
    // Saved but not active is to weigh, not a plain success: the warning tone, not the green one.
    const box = screen.getByRole("status");
    expect(box.className).toContain("outcome-warning");
    expect(box.className).not.toContain("outcome-success");
    // …but the token is marked, with focus on it, and the old connection stays the active one.
    expectProblemNextTo(
      "Client token",
      "Placewise rejected this token (401). It may be wrong or expired, or not valid for this club or product name.",
    );
    await vi.waitFor(() => expect(document.activeElement).toBe(field("Client token")));
    expect(deps.setActiveConnection).not.toHaveBeenCalled();
    expect(within(row("Infinity Mall")).getByText("Active")).toBeTruthy();
    expect(within(row("Harbour Centre")).queryByText("Active")).toBeNull();
    expect(within(row("Harbour Centre")).getByText("Token rejected (401)")).toBeTruthy();

    // A new token ends the mark next to the field.
    type("Client token", "tok-good");
    expect(field("Client token").getAttribute("aria-invalid")).toBeNull();
  });

  it("says next to the club when Placewise does not know it (404), and marks the list", async () => {
    await renderOptions(ONE_CONNECTION);
    type("Loyalty club", UNKNOWN_CLUB);
    click("Save");

    await vi.waitFor(() => expect(statusText()).toBe("Settings saved."));
    expectProblemNextTo(
      "Loyalty club",
      "Placewise does not know this loyalty club (404). Pick it from the list, or check its short name.",
    );
    expect(within(row("Infinity Mall")).getByText("Club not found (404)")).toBeTruthy();
  });

  it("says in an alert when the test could not be made (offline), and the save still stands", async () => {
    const { deps } = await renderOptions();
    deps.save.mockResolvedValueOnce({ ok: true, id: "c-9", check: { kind: "offline" }, active: true });
    fillValidForm();
    click("Save");

    await vi.waitFor(() => expect(statusText()).toBe("Settings saved."));
    expect(alertText()).toContain("offline");
  });
});

describe("options: small stumbles", () => {
  it("drops No token is saved. once a token is being typed", async () => {
    await renderOptions();
    expect(screen.getByText(/No token is saved\./u)).toBeTruthy();
    type("Client token", "tok");
    expect(screen.queryByText(/No token is saved\./u)).toBeNull();
  });

  it("closes the delete confirmation on Escape, focus back on Delete", async () => {
    await renderOptions(TWO_CONNECTIONS);
    fireEvent.click(within(row("Harbour desk")).getByRole("button", { name: "Delete" }));
    const cancel = within(row("Harbour desk")).getByRole("button", { name: "Cancel" });
    fireEvent.keyDown(cancel, { key: "Escape" });

    expect(within(row("Harbour desk")).queryByRole("button", { name: "Delete connection" })).toBeNull();
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(
        within(row("Harbour desk")).getByRole("button", { name: "Delete" }),
      ),
    );
    expect(rowLabels()).toEqual(["Infinity Mall", "Harbour desk"]);
  });

  it("puts header names and the slug behind Details", async () => {
    await renderOptions();
    for (const text of [
      "Sent to Placewise as the x-product-name header, together with the token.",
      "Sent to Placewise as the X-Customer header.",
      /club's slug in Placewise/u,
    ]) {
      expect(screen.getByText(text).closest("details")?.querySelector("summary")?.textContent).toBe(
        "Details",
      );
    }
    const main = Array.from(document.querySelectorAll(".hint"))
      .filter((hint) => hint.closest("details") === null)
      .map((hint) => hint.textContent)
      .join(" ");
    expect(main).not.toMatch(/x-product-name|X-Customer|slug/u);
  });
});
