import { useEffect, useRef } from "preact/hooks";
import { readPrefill } from "@/utils/prefill";
import type { PopupDeps, PopupState } from "./use-popup";

/**
 * Puts the address the right-click menu could not send without asking (a popup window opened with
 * `?channel=…&recipient=…`) into the empty field, once the connection is known, and switches to its
 * channel for this popup only. Nothing is sent: the operator reads it and presses Enter.
 */
export function PrefillAddress({ deps, popup }: { deps: PopupDeps; popup: PopupState }) {
  const done = useRef(false);
  useEffect(() => {
    if (done.current || popup.connection === null) return;
    done.current = true;
    const found = deps.readPrefill ? deps.readPrefill() : readPrefill(location.search);
    // Whatever the operator typed first stays.
    if (found === null || popup.value !== "") return;
    if (popup.allowedChannels.includes(found.channel)) popup.chooseChannel(found.channel, false);
    popup.setValue(found.value);
  });
  return null;
}
