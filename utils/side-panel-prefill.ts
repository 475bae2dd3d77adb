import { storage } from "wxt/utils/storage";
import { buildPrefillQuery, type Prefill, readPrefill } from "./prefill";

/**
 * An address the right-click menu hands to the side panel: the popup's prefill query (utils/prefill.ts,
 * so the panel checks it with the same reader) and when it was written. The background writes it,
 * the panel only reads it. storage.session: gone with the browser session, never synced or on disk.
 */
export interface StoredPanelPrefill {
  query: string;
  /** Epoch ms; the panel takes only a handoff written around or after it opened. */
  at: number;
}

/** The one owner of the handoff's storage key. */
export const panelPrefillItem = storage.defineItem<StoredPanelPrefill | null>("session:sidePanelPrefill", {
  fallback: null,
});

/** How long before the panel opened a handoff may be written and still be meant for it (the menu opens the panel first, then writes). */
export const PANEL_PREFILL_MAX_AGE_MS = 10_000;

/** The handoff for an address the menu found. */
export function toPanelPrefill(
  channel: Prefill["channel"],
  recipient: string,
  at: number,
): StoredPanelPrefill {
  return { query: buildPrefillQuery(channel, recipient), at };
}

/** The prefill a handoff holds, when it is valid and meant for a panel opened at `openedAt`. */
export function takePanelPrefill(stored: StoredPanelPrefill | null, openedAt: number): Prefill | null {
  if (stored === null || typeof stored.query !== "string" || typeof stored.at !== "number") return null;
  if (stored.at < openedAt - PANEL_PREFILL_MAX_AGE_MS) return null;
  return readPrefill(stored.query);
}
