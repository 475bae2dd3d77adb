import { useEffect, useMemo, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import type { Prefill } from "@/utils/prefill";
import { panelPrefillItem, type StoredPanelPrefill, takePanelPrefill } from "@/utils/side-panel-prefill";
import { App } from "../popup/App";
import { browserPopupDeps, type PopupDeps } from "../popup/use-popup";

/** The popup's dependencies, but its links leave the panel open: it stays beside the ticket. */
export const browserPanelDeps: PanelDeps = {
  ...browserPopupDeps,
  openOptions: () => void browser.runtime.openOptionsPage(),
  openSendLog: () => void browser.tabs.create({ url: browser.runtime.getURL("/send-log.html") }),
  openBulk: () => void browser.tabs.create({ url: browser.runtime.getURL("/bulk.html") }),
};

/** The popup's dependencies but for `source`: the panel's sends are the side panel's (the send log). */
type PanelDeps = Omit<PopupDeps, "source">;

/** Where the right-click menu leaves an address for the panel (utils/side-panel-prefill.ts). */
export interface PanelHandoff {
  read(): Promise<StoredPanelPrefill | null>;
  watch(onChange: (stored: StoredPanelPrefill | null) => void): () => void;
}

const browserHandoff: PanelHandoff = {
  read: () => panelPrefillItem.getValue(),
  watch: (onChange) => panelPrefillItem.watch(onChange),
};

/** Props of SidePanel; component tests pass fakes. */
interface SidePanelProps {
  deps?: PanelDeps;
  handoff?: PanelHandoff;
  /** When the panel opened, in epoch ms: older handoffs were meant for an earlier panel. */
  openedAt?: number;
}

/**
 * The side panel: the popup's own form (entrypoints/popup/App.tsx), mounted as it is. The settings
 * watch in the form follows a connection switched elsewhere. An address the right-click menu hands
 * over, while the panel opens or long after, mounts the form afresh with it filled in: the last
 * outcome belongs to the address before it, and the operator reads the new one and presses Enter.
 */
export function SidePanel({ deps = browserPanelDeps, handoff = browserHandoff, openedAt }: SidePanelProps) {
  const [since] = useState(() => openedAt ?? Date.now());
  const [handed, setHanded] = useState<{ at: number; prefill: Prefill } | null>(null);
  useEffect(() => {
    const take = (stored: StoredPanelPrefill | null) => {
      const prefill = takePanelPrefill(stored, since);
      if (stored !== null && prefill !== null)
        setHanded((shown) => (shown?.at === stored.at ? shown : { at: stored.at, prefill }));
    };
    handoff.read().then(take, console.error);
    return handoff.watch(take);
  }, [handoff, since]);
  const formDeps = useMemo(
    (): PopupDeps => ({
      ...deps,
      source: "side-panel",
      ...(handed === null ? {} : { readPrefill: () => handed.prefill }),
    }),
    [deps, handed],
  );
  return <App key={handed?.at ?? 0} deps={formDeps} />;
}
