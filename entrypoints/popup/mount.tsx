import { render } from "preact";
import { uiLocale } from "@/utils/i18n";
import { App } from "./App";
import { browserPopupDeps, type PopupDeps } from "./use-popup";

/**
 * Mounts the send form (App) into `root`: the popup's page, and any other page that holds the same
 * form. The page brings its own stylesheet (./popup.css, or one that imports it); `deps` default to
 * the browser's, and a page whose links must not close it passes its own openOptions/openSendLog/openBulk.
 */
export function mountSendForm(root: HTMLElement, deps: PopupDeps = browserPopupDeps): void {
  document.documentElement.lang = uiLocale();
  render(<App deps={deps} />, root);
}
