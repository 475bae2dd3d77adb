// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderOptions } from "./testing";
import { isWelcomeVisit } from "./Welcome";

// Vitest runs without globals, so @testing-library/preact cannot register its own cleanup.
afterEach(cleanup);

describe("the first-install welcome on the options page", () => {
  it("says what to paste, where to get it, and how to send", async () => {
    await renderOptions({ welcome: true });
    const welcome = screen.getByRole("region", { name: "Welcome to Placewise Support Helper" });
    expect(welcome.textContent).toContain("paste the client token");
    expect(welcome.textContent).toContain("The client token comes from Placewise");
    expect(welcome.textContent).toContain("Alt+Shift+S");
    // The form it talks about is right there.
    expect(screen.getByLabelText("Client token")).toBeTruthy();
  });

  it("goes away when dismissed, and tells the page so", async () => {
    const onDismissWelcome = vi.fn();
    await renderOptions({ welcome: true, onDismissWelcome });
    fireEvent.click(screen.getByRole("button", { name: "Got it" }));
    expect(screen.queryByRole("region", { name: "Welcome to Placewise Support Helper" })).toBeNull();
    expect(onDismissWelcome).toHaveBeenCalledOnce();
    expect(screen.getByRole("heading", { level: 1, name: "Placewise Support Helper settings" })).toBeTruthy();
  });

  it("is not shown on an ordinary visit", async () => {
    await renderOptions();
    expect(screen.queryByRole("heading", { name: "Welcome to Placewise Support Helper" })).toBeNull();
  });

  it.each([
    ["?welcome", true],
    ["?welcome=1", true],
    ["", false],
    ["?other=welcome", false],
  ])("is what the address %j asks for: %s", (search, shown) => {
    expect(isWelcomeVisit(search)).toBe(shown);
  });
});

describe("the privacy policy", () => {
  it("is linked from the options page, from the package's own copy, in a new tab", async () => {
    await renderOptions();
    const link = screen.getByRole("link", { name: "Privacy policy" }) as HTMLAnchorElement;
    expect(link.href).toMatch(/\/privacy\.txt$/u);
    expect(link.target).toBe("_blank");
  });
});
