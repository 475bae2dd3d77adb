// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type PrecheckOutcome, RESET_PERMIT, type SendResult } from "@/utils/send-outcome";
import type { Preferences } from "@/utils/settings";
import { testConnection, testSettings } from "../../test/support/connections";
import { fakePopupDeps } from "../../test/support/popup-deps";
import { App } from "./App";
import type { PopupDeps } from "./use-popup";

afterEach(cleanup);

const STAGING = testConnection({ id: "staging", label: "Test mall", clubSlug: "test-mall" });
const OLA = "ola.nordmann@example.no";

/** The popup's fake deps under one pre-check answer, accepting every send (a reset as a reset). */
function fakeDeps(precheck: PrecheckOutcome, preferences: Partial<Preferences> = {}) {
  const { deps } = fakePopupDeps(testSettings([STAGING], preferences));
  deps.precheck.mockImplementation(async () => precheck);
  deps.send.mockImplementation(async (request, message) => ({
    kind: "accepted",
    status: 200,
    recipient: request.recipient,
    ...(message === "password-reset" ? { message } : {}),
  }));
  return deps;
}

async function typeAddress(deps: PopupDeps, label: string, value: string) {
  render(<App deps={deps} />);
  const field = (await screen.findByLabelText(label)) as HTMLInputElement;
  await screen.findByRole("link", { name: "Send log" });
  fireEvent.input(field, { target: { value } });
  return field;
}

const HAS_PASSWORD: PrecheckOutcome = { kind: "member-found", hasPassword: true };
const offer = () => screen.queryByRole("button", { name: "Send password reset link" });

describe("popup: the password reset offer", () => {
  it("appears under a pre-check that says the member has a password, and sends a reset link once", async () => {
    const deps = fakeDeps(HAS_PASSWORD);
    await typeAddress(deps, "Member email", OLA);
    const button = await screen.findByRole("button", { name: "Send password reset link" });
    expect(button.getAttribute("type")).toBe("button");
    expect(document.getElementById(button.getAttribute("aria-describedby") ?? "")?.textContent).toMatch(
      /valid for 24 hours/u,
    );
    await act(async () => {
      fireEvent.click(button);
    });
    expect(deps.send).toHaveBeenCalledTimes(1);
    expect(deps.send).toHaveBeenCalledWith(
      { channel: "email", recipient: OLA, source: "popup", connectionId: STAGING.id },
      "password-reset",
    );
    // The outcome's component loads once there is an outcome to show (lazy.tsx).
    expect((await screen.findByRole("status")).textContent).toContain(
      `Placewise accepted: a password reset link is on its way to ${OLA}; the link is valid for 24 hours.`,
    );
  });

  it.each<[string, PrecheckOutcome]>([
    ["a member without a password", { kind: "member-found", hasPassword: false }],
    ["no member", { kind: "no-member", club: "test-mall" }],
    ["a pre-check that could not answer", { kind: "unavailable" }],
  ])("is not offered for %s", async (_name, answer) => {
    const deps = fakeDeps(answer);
    await typeAddress(deps, "Member email", OLA);
    await vi.waitFor(() => expect(deps.precheck).toHaveBeenCalled());
    await act(async () => {});
    expect(offer()).toBeNull();
  });

  it("is not offered by SMS, even for a member with a password", async () => {
    const deps = fakeDeps(HAS_PASSWORD, { lastChannel: "msisdn" });
    await typeAddress(deps, "Member phone", "+47 407 69 126");
    await vi.waitFor(() => expect(deps.precheck).toHaveBeenCalled());
    await vi.waitFor(() =>
      expect(document.getElementById("member-precheck")?.textContent).toMatch(/already has a password/u),
    );
    expect(offer()).toBeNull();
  });

  it("leaves the registration password the form's default: its submit button sends it, not the reset", async () => {
    const deps = fakeDeps(HAS_PASSWORD);
    const field = await typeAddress(deps, "Member email", OLA);
    await screen.findByRole("button", { name: "Send password reset link" });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Send registration email" }));
    });
    expect(deps.send).toHaveBeenCalledTimes(1);
    expect(deps.send.mock.calls[0]?.[0]).toMatchObject({ recipient: OLA });
    expect(deps.send.mock.calls[0]?.[1]).toBeUndefined();
    expect(field.form?.querySelector('button[type="submit"]')?.textContent).toBe("Send registration email");
  });

  it("repeats a held-back reset as a reset after the warning", async () => {
    const deps = fakeDeps(HAS_PASSWORD);
    const held: SendResult = {
      kind: "recently-sent",
      recipient: OLA,
      sentAt: Date.now() - 60_000,
      unclear: false,
      message: "password-reset",
    };
    deps.send.mockResolvedValueOnce(held);
    await typeAddress(deps, "Member email", OLA);
    const button = await screen.findByRole("button", { name: "Send password reset link" });
    await act(async () => {
      fireEvent.click(button);
    });
    const alert = screen.getByRole("alert");
    await act(async () => {
      fireEvent.click(within(alert).getByRole("button", { name: "Send again" }));
    });
    expect(deps.send).toHaveBeenLastCalledWith(
      expect.objectContaining({ recipient: OLA, confirmRepeat: true }),
      "password-reset",
    );
  });

  it("names the missing permit when Placewise answers 403", async () => {
    const deps = fakeDeps(HAS_PASSWORD);
    deps.send.mockResolvedValueOnce({
      kind: "permit-missing",
      status: 403,
      permit: RESET_PERMIT,
      message: "password-reset",
    });
    await typeAddress(deps, "Member email", OLA);
    const button = await screen.findByRole("button", { name: "Send password reset link" });
    await act(async () => {
      fireEvent.click(button);
    });
    expect(screen.getByRole("alert").textContent).toContain(
      "The client token lacks the permit BL:Api:Members:Tokens:Create (403). Nothing was sent.",
    );
  });
});
