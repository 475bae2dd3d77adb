import { render } from "preact";
import "./popup.css";
import { uiLocale } from "@/utils/i18n";
import { App } from "./App";
import { browserPopupDeps } from "./use-popup";

// Mount only: the App reads the settings on its first render.
document.documentElement.lang = uiLocale();
render(<App deps={browserPopupDeps} />, document.getElementById("app") as HTMLElement);
// "Open in side panel", after the first frame: not needed to type and send (the popup's byte budget).
requestAnimationFrame(() => void import("../sidepanel/open-in-panel").then((m) => m.mountOpenInPanel()));
