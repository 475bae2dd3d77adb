import "./open-in-panel.css";
import { render } from "preact";
import { browser } from "wxt/browser";
import { t } from "@/utils/i18n";

/** Opens this window's side panel from a click in a page; null where the browser has none. */
type OpenPanel = () => Promise<void>;

/** Firefox's sidebarAction and Chrome's sidePanel, as far as a page uses them. */
interface PageApis {
  sidePanel?: { open(options: { windowId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

/**
 * The opener for this browser. Both APIs open a panel only within a user gesture, so the window is
 * looked up now and the click calls open() at once, before any await.
 */
export function pagePanelOpener(apis: PageApis = browser as unknown as PageApis): OpenPanel | null {
  const { sidePanel, sidebarAction } = apis;
  if (typeof sidePanel?.open === "function") {
    let windowId: number | undefined;
    const known = browser.windows.getCurrent().then((current) => {
      windowId = current.id;
    });
    return async () => {
      if (windowId === undefined) await known;
      if (windowId === undefined) throw new Error("No window to open the side panel in");
      await sidePanel.open({ windowId });
    };
  }
  if (typeof sidebarAction?.open === "function") return () => sidebarAction.open();
  return null;
}

/** "Open in side panel": the same form in the panel that stays open; the popup then closes. */
export function OpenInPanel({ open }: { open: OpenPanel }) {
  return (
    <button
      type="button"
      class="link"
      onClick={() => {
        open().then(
          () => window.close(),
          (error: unknown) => console.warn("Could not open the side panel", error),
        );
      }}
    >
      {t("popup_openSidePanel")}
    </button>
  );
}

/** Adds the link below the popup's form, where the browser has a side panel. */
export function mountOpenInPanel(): void {
  const open = pagePanelOpener();
  if (open === null) return;
  const footer = document.createElement("footer");
  footer.className = "open-in-panel";
  document.body.append(footer);
  render(<OpenInPanel open={open} />, footer);
}
