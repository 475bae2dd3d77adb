// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { formatCatalogMessage, loadCatalog } from "@/test/support/catalog";
import { testSettings } from "@/test/support/connections";
import {
  alertText,
  CLUBS,
  chooseEnvironment,
  click,
  expectDescribedBy,
  field,
  HARBOUR,
  INFINITY,
  renderOptions,
  TWO_CONNECTIONS,
  type,
} from "./testing";

// The club picker and the message options of the connection form.
afterEach(cleanup);

const LIST_PERMIT = "BL:Api:LoyaltyClubs:ListMine";
const ONE_CONNECTION = { settings: testSettings([INFINITY]), tokens: { "c-1": "tok-saved" } };

function clubInput(): HTMLInputElement {
  return screen.getByRole("combobox", { name: "Loyalty club" }) as HTMLInputElement;
}

function press(key: string): void {
  fireEvent.keyDown(clubInput(), { key });
}

/** The options the list shows, as a person reads them ("Harbour Centre harbour-centre"). */
function shownOptions(): string[] {
  const list = screen.queryByRole("listbox", { name: "Clubs this token may use" });
  return list === null
    ? []
    : within(list)
        .queryAllByRole("option")
        .map((o) => o.textContent ?? "");
}

function highlighted(): string | null {
  const id = clubInput().getAttribute("aria-activedescendant");
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

function languageSelect(): HTMLSelectElement {
  return screen.getByRole("combobox", { name: "Message language" }) as HTMLSelectElement;
}

function languageChoices(): string[] {
  return Array.from(languageSelect().options, (option) => option.textContent ?? "");
}

const ALL_CLUBS = CLUBS.map((club) => `${club.name} ${club.slug}`);

describe("options: the club picker", () => {
  it("loads the clubs for a saved connection and lists them with name and slug", async () => {
    const { deps } = await renderOptions(ONE_CONNECTION);
    await screen.findByText("4 clubs available: type to filter, or type a slug.");
    expect(deps.listClubs).toHaveBeenCalledTimes(1);
    // The list depends on the token, not on the club in the field.
    expect(deps.listClubs.mock.calls[0]?.[0]).toMatchObject({ id: "c-1", token: "tok-saved", clubSlug: "" });

    const input = clubInput();
    expect(input.getAttribute("aria-autocomplete")).toBe("list");
    expect(input.getAttribute("aria-expanded")).toBe("false");
    const listbox = document.getElementById(input.getAttribute("aria-controls") ?? "");
    expect(listbox?.getAttribute("role")).toBe("listbox");

    press("ArrowDown");
    expect(input.getAttribute("aria-expanded")).toBe("true");
    expect(shownOptions()).toEqual(ALL_CLUBS);
    // The club already in the field is where the list starts.
    expect(highlighted()).toBe("Infinity Mall infinity-mall");
  });

  it.each([
    ["part of a name", "harb", ["Harbour Centre harbour-centre"]],
    ["a name in other case", "CENTRE", ["Harbour Centre harbour-centre"]],
    ["part of a slug", "kjop", ["Nordlys Kjøpesenter nordlys-kjopesenter"]],
    ["a letter in several", "all", ["Baltic Galleria baltic-galleria", "Infinity Mall infinity-mall"]],
  ])("filters as you type on %s", async (_name, text, expected) => {
    await renderOptions(ONE_CONNECTION);
    await screen.findByText(/4 clubs available/u);
    type("Loyalty club", text);
    expect(clubInput().getAttribute("aria-expanded")).toBe("true");
    expect(shownOptions()).toEqual(expected);
    // Typing highlights nothing: Enter would keep the typed text.
    expect(highlighted()).toBeNull();
  });

  it("chooses with the keyboard: Down, Down, Enter", async () => {
    const { deps } = await renderOptions(ONE_CONNECTION);
    await screen.findByText(/4 clubs available/u);
    type("Loyalty club", "a");
    press("ArrowDown");
    expect(highlighted()).toBe("Baltic Galleria baltic-galleria");
    press("ArrowDown");
    expect(highlighted()).toBe("Harbour Centre harbour-centre");
    const highlightedOption = screen.getByRole("option", { name: "Harbour Centre harbour-centre" });
    expect(highlightedOption.getAttribute("aria-selected")).toBe("true");
    press("ArrowUp");
    press("ArrowDown");
    // Enter picks the highlighted club instead of submitting the form.
    expect(fireEvent.keyDown(clubInput(), { key: "Enter" })).toBe(false);

    expect(clubInput().value).toBe("harbour-centre");
    expect(clubInput().getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByText("Chosen: Harbour Centre.")).toBeTruthy();
    // Choosing is not saving; the club's languages load for the message options.
    expect(deps.save).not.toHaveBeenCalled();
    await vi.waitFor(() =>
      expect(deps.getClubLanguages).toHaveBeenLastCalledWith(
        expect.objectContaining({ clubSlug: "harbour-centre" }),
      ),
    );
  });

  it("Escape closes the list and keeps the text", async () => {
    await renderOptions(ONE_CONNECTION);
    await screen.findByText(/4 clubs available/u);
    type("Loyalty club", "nord");
    press("Escape");
    expect(clubInput().getAttribute("aria-expanded")).toBe("false");
    expect(clubInput().value).toBe("nord");
  });

  it("chooses with the mouse", async () => {
    await renderOptions(ONE_CONNECTION);
    await screen.findByText(/4 clubs available/u);
    fireEvent.click(clubInput());
    expect(shownOptions()).toEqual(ALL_CLUBS);
    fireEvent.click(screen.getByRole("option", { name: "Baltic Galleria baltic-galleria" }));
    expect(clubInput().value).toBe("baltic-galleria");
    expect(clubInput().getAttribute("aria-expanded")).toBe("false");
  });

  it("keeps a typed slug that is not in the list, and Enter saves it", async () => {
    const { deps } = await renderOptions(ONE_CONNECTION);
    await screen.findByText(/4 clubs available/u);
    type("Loyalty club", "secret-mall");
    expect(shownOptions()).toEqual([]);
    expect(screen.getByText("No club in the list matches. A slug you type is used as it is.")).toBeTruthy();
    fireEvent.submit(clubInput().form as HTMLFormElement);

    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(deps.save).toHaveBeenCalledWith(expect.objectContaining({ clubSlug: "secret-mall" }));
  });

  it("Enter with no club highlighted lets the form submit", async () => {
    await renderOptions(ONE_CONNECTION);
    await screen.findByText(/4 clubs available/u);
    type("Loyalty club", "harbour-centre");
    // fireEvent answers false when a listener prevented the default (here: the form's submission).
    expect(fireEvent.keyDown(clubInput(), { key: "Enter" })).toBe(true);
    expect(clubInput().getAttribute("aria-expanded")).toBe("false");
  });

  it("replaces a name that only repeated the old club's name when another club is chosen", async () => {
    const { deps } = await renderOptions(ONE_CONNECTION);
    await screen.findByText(/4 clubs available/u);
    expect(field("Name").value).toBe("Infinity Mall");
    type("Loyalty club", "harb");
    press("ArrowDown");
    press("Enter");
    expect(field("Name").value).toBe("");
    click("Save");
    await screen.findByText("Settings saved.");
    expect(deps.save).toHaveBeenCalledWith(
      expect.objectContaining({ label: "", clubSlug: "harbour-centre" }),
    );
  });

  it("says briefly when the token may not list clubs (403), and a typed slug still saves", async () => {
    const { deps } = await renderOptions({ settings: testSettings([]), tokens: {} });
    chooseEnvironment("staging");
    deps.listClubs.mockResolvedValue({
      ok: false,
      outcome: { kind: "permit-missing", status: 403, permit: LIST_PERMIT },
    });
    type("Client token", "tok-no-list");
    fireEvent.blur(field("Client token"));

    const message = `This token may not list its clubs (it lacks the permit ${LIST_PERMIT}). Type the club's slug instead.`;
    await screen.findByText(message);
    expectDescribedBy(clubInput(), message);
    // Information, not a problem: the field is not marked and nothing is alerted.
    expect(clubInput().getAttribute("aria-invalid")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();

    type("Loyalty club", "infinity-mall");
    press("ArrowDown");
    expect(clubInput().getAttribute("aria-expanded")).toBe("false");
    click("Save");
    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(deps.save).toHaveBeenCalledWith(expect.objectContaining({ clubSlug: "infinity-mall" }));
  });

  it.each([
    [
      "a rejected token",
      { kind: "token-rejected", status: 401 } as const,
      "The club list could not be loaded. Placewise rejected the client token (401). Type the club's slug instead.",
    ],
    [
      "an unreachable host",
      { kind: "network-error", host: "api.mpc.placewise.com" } as const,
      "The club list could not be loaded. The connection to api.mpc.placewise.com failed before Placewise answered. Type the club's slug instead.",
    ],
  ])("says why the list failed for %s", async (_name, outcome, message) => {
    const { deps } = await renderOptions();
    chooseEnvironment("staging");
    deps.listClubs.mockResolvedValue({ ok: false, outcome });
    type("Client token", "tok-123");
    fireEvent.blur(field("Client token"));

    await screen.findByText(message);
    expectDescribedBy(clubInput(), message);
    expect(clubInput().getAttribute("aria-invalid")).toBeNull();
  });

  it("loads the list of a new connection when the token field is left, once per token", async () => {
    const { deps } = await renderOptions();
    chooseEnvironment("staging");
    fireEvent.blur(field("Client token"));
    // No token yet: nothing to ask, and no message for a field not yet filled.
    expect(deps.listClubs).not.toHaveBeenCalled();
    expect(screen.queryByText("This field is required.")).toBeNull();

    type("Client token", "tok-123");
    fireEvent.blur(field("Client token"));
    await screen.findByText(/4 clubs available/u);
    fireEvent.blur(field("Client token"));
    expect(deps.listClubs).toHaveBeenCalledTimes(1);
    expect(deps.listClubs.mock.calls[0]?.[0]).toMatchObject({ id: "", token: "tok-123", clubSlug: "" });

    // Another token makes the list stale until it is loaded for that token.
    type("Client token", "tok-456");
    expect(screen.queryByText(/4 clubs available/u)).toBeNull();
    fireEvent.blur(field("Client token"));
    await screen.findByText(/4 clubs available/u);
    expect(deps.listClubs).toHaveBeenCalledTimes(2);
  });

  it("waits for a pressed button's release before the list's note can move it", async () => {
    const { deps } = await renderOptions();
    chooseEnvironment("staging");
    type("Client token", "tok-123");
    const test = screen.getByRole("button", { name: "Test connection" });
    // Pressing Test connection takes focus from the token field before the click completes.
    fireEvent.pointerDown(test);
    fireEvent.blur(field("Client token"));
    expect(deps.listClubs).not.toHaveBeenCalled();
    expect(screen.queryByText("Loading the clubs this token may use…")).toBeNull();

    fireEvent.pointerUp(test);
    await screen.findByText(/4 clubs available/u);
    expect(deps.listClubs).toHaveBeenCalledTimes(1);
  });

  it("Load clubs shows what is missing first", async () => {
    const { deps } = await renderOptions();
    chooseEnvironment("staging");
    click("Load clubs");
    expect(deps.listClubs).not.toHaveBeenCalled();
    expect(field("Client token").getAttribute("aria-invalid")).toBe("true");
    expect(alertText()).toBe("Clubs not loaded: correct the fields marked below.");

    type("Client token", "tok-123");
    click("Load clubs");
    await screen.findByText(/4 clubs available/u);
    expect(deps.listClubs).toHaveBeenCalledTimes(1);
  });

  it("Load clubs asks for a Custom host's permission inside the click", async () => {
    const { deps } = await renderOptions();
    chooseEnvironment("staging");
    fireEvent.change(screen.getByRole("combobox", { name: "Environment" }), { target: { value: "custom" } });
    type("API base URL", "https://placewise.example.com");
    type("Client token", "tok-123");
    click("Load clubs");
    expect(deps.requestHostPermission).toHaveBeenCalledWith("https://placewise.example.com/*");
    await screen.findByText(/4 clubs available/u);

    deps.requestHostPermission.mockResolvedValue(false);
    type("Client token", "tok-456");
    click("Load clubs");
    await screen.findByText(
      "The extension may not connect to placewise.example.com yet. Press Load clubs and allow access.",
    );
    expect(deps.listClubs).toHaveBeenCalledTimes(1);
  });
});

describe("options: message options", () => {
  it("offers the club's languages and the club's default, which saves no language", async () => {
    const { deps } = await renderOptions(ONE_CONNECTION);
    await vi.waitFor(() =>
      expect(languageChoices()).toEqual(["Club default (Norwegian)", "English (en)", "Norwegian (no)"]),
    );
    expect(deps.getClubLanguages).toHaveBeenCalledWith(
      expect.objectContaining({ clubSlug: "infinity-mall" }),
    );
    const select = languageSelect();
    expect(select.tagName).toBe("SELECT");
    expect(select.value).toBe("");

    click("Save");
    await screen.findByText("Settings saved.");
    expect(deps.save.mock.calls[0]?.[0].language).toBe("");

    fireEvent.change(select, { target: { value: "en" } });
    click("Save");
    await vi.waitFor(() => expect(deps.save).toHaveBeenCalledTimes(2));
    expect(deps.save.mock.calls[1]?.[0].language).toBe("en");
  });

  it("shows a saved language and reloads the choices for another club", async () => {
    await renderOptions(TWO_CONNECTIONS);
    fireEvent.click(
      within(screen.getByRole("list", { name: "Saved connections" }))
        .getAllByRole("button", { name: "Edit" })
        .at(1) as HTMLElement,
    );
    await vi.waitFor(() =>
      expect(languageChoices()).toEqual(["Club default (Swedish)", "Swedish (sv)", "English (en)"]),
    );
    expect(languageSelect().value).toBe(HARBOUR.language);

    // Another club that does not offer the saved language: it stays visible, marked.
    type("Loyalty club", "baltic-galleria");
    fireEvent.blur(clubInput());
    await vi.waitFor(() =>
      expect(languageChoices()).toEqual([
        "Club default (English)",
        "English (en)",
        "Swedish (sv) (not offered by this club)",
      ]),
    );
  });

  it("says so when the token may not read the club's languages (403)", async () => {
    const { deps } = await renderOptions({ settings: testSettings([]), tokens: {} });
    chooseEnvironment("staging");
    deps.getClubLanguages.mockResolvedValue({
      ok: false,
      outcome: { kind: "permit-missing", status: 403, permit: "BL:Api:Schema:Get" },
    });
    const idle = "The choices are the club's languages; they load once a token and a club are entered.";
    expectDescribedBy(languageSelect(), idle);
    type("Client token", "tok-123");
    type("Loyalty club", "infinity-mall");
    fireEvent.blur(clubInput());

    const message =
      "This token may not read the club's languages (it lacks the permit BL:Api:Schema:Get). Messages use the club's default language.";
    await screen.findByText(message);
    expectDescribedBy(languageSelect(), message);
    expect(languageChoices()).toEqual(["Club default"]);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("names languages in the catalog's language: Klubbens standard (norsk) on a Norwegian screen", async () => {
    const norwegian = loadCatalog("nb");
    fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | string[]) =>
      formatCatalogMessage(norwegian, key, substitutions);
    // The browser's own language is English: only the catalog says Norwegian.
    fakeBrowser.i18n.getUILanguage = () => "en-US";
    await renderOptions(ONE_CONNECTION);

    const select = screen.getByRole("combobox", { name: "Meldingsspråk" }) as HTMLSelectElement;
    await vi.waitFor(() =>
      expect(Array.from(select.options, (o) => o.textContent)).toEqual([
        "Klubbens standard (norsk)",
        "engelsk (en)",
        "norsk (no)",
      ]),
    );
  });
});
