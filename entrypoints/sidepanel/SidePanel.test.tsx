// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type StoredPanelPrefill, toPanelPrefill } from "@/utils/side-panel-prefill";
import { checkPhone } from "@/utils/validation/phone";
import { testConnection, testSettings } from "../../test/support/connections";
import type { PopupDeps } from "../popup/use-popup";
import { type PanelHandoff, SidePanel } from "./SidePanel";

afterEach(cleanup);

const OPENED = 1_764_576_000_000;
const STAGING = testConnection({ environment: "staging", baseUrl: "https://api.mpc.dev.placewise.com" });

/** The popup's deps, faked (the panel names its own source): one staging connection, every send accepted. */
function fakeDeps(): Omit<PopupDeps, "source"> {
  return {
    readSettings: async () => testSettings([STAGING]),
    watchSettings: () => () => {},
    send: vi.fn(async (request) => ({ kind: "accepted", recipient: request.recipient }) as never),
    precheck: async () => ({ kind: "unavailable" }),
    setActiveConnection: async () => ({ ok: true }),
    setPreferences: async () => ({ ok: true }),
    checkPhone: async (input, country) => checkPhone(input, country),
    readRecentSends: async () => [],
    watchSendLog: () => () => {},
    openOptions: vi.fn(),
    openSendLog: vi.fn(),
    openBulk: vi.fn(),
    readBulkEnabled: async () => true,
    precheckDelayMs: 0,
  };
}

/** A handoff the test writes to, as the background writes storage.session. */
function fakeHandoff(initial: StoredPanelPrefill | null = null) {
  let stored = initial;
  const watchers = new Set<(value: StoredPanelPrefill | null) => void>();
  const handoff: PanelHandoff = {
    read: async () => stored,
    watch: (onChange) => {
      watchers.add(onChange);
      return () => watchers.delete(onChange);
    },
  };
  const write = async (next: StoredPanelPrefill) => {
    stored = next;
    await act(async () => {
      for (const watcher of watchers) watcher(next);
    });
  };
  return { handoff, write };
}

describe("SidePanel", () => {
  it("is the popup's form", async () => {
    render(<SidePanel deps={fakeDeps()} handoff={fakeHandoff().handoff} openedAt={OPENED} />);
    expect(await screen.findByLabelText("Member email")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Send registration email" })).toBeTruthy();
  });

  it("fills in an address the menu handed over as it opened; nothing is sent before Enter", async () => {
    const deps = fakeDeps();
    const { handoff } = fakeHandoff(toPanelPrefill("email", "anna@example.no", OPENED - 200));
    render(<SidePanel deps={deps} handoff={handoff} openedAt={OPENED} />);
    await vi.waitFor(() =>
      expect(screen.getByLabelText<HTMLInputElement>("Member email").value).toBe("anna@example.no"),
    );
    expect(deps.send).not.toHaveBeenCalled();
  });

  it("takes the next handoff while open, replacing what the field held", async () => {
    const { handoff, write } = fakeHandoff();
    render(<SidePanel deps={fakeDeps()} handoff={handoff} openedAt={OPENED} />);
    const field = await screen.findByLabelText<HTMLInputElement>("Member email");
    fireEvent.input(field, { target: { value: "typed@example.no" } });
    await write(toPanelPrefill("email", "kari@example.com", OPENED + 60_000));
    await vi.waitFor(() =>
      expect(screen.getByLabelText<HTMLInputElement>("Member email").value).toBe("kari@example.com"),
    );
  });

  it("sends as the side panel, so the send log tells its sends from the popup's", async () => {
    const deps = fakeDeps();
    render(<SidePanel deps={deps} handoff={fakeHandoff().handoff} openedAt={OPENED} />);
    const field = await screen.findByLabelText<HTMLInputElement>("Member email");
    fireEvent.input(field, { target: { value: "anna@example.no" } });
    fireEvent.submit(field.form as HTMLFormElement);
    await vi.waitFor(() => expect(deps.send).toHaveBeenCalledTimes(1));
    expect(deps.send).toHaveBeenCalledWith(
      expect.objectContaining({ channel: "email", recipient: "anna@example.no", source: "side-panel" }),
    );
  });

  it("leaves a handoff meant for an earlier panel", async () => {
    const { handoff } = fakeHandoff(toPanelPrefill("email", "anna@example.no", OPENED - 60_000));
    render(<SidePanel deps={fakeDeps()} handoff={handoff} openedAt={OPENED} />);
    const field = await screen.findByLabelText<HTMLInputElement>("Member email");
    await screen.findByRole("link", { name: "Send log" });
    expect(field.value).toBe("");
  });
});
