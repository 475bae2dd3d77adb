import { render } from "preact";
import "./popup.css";
import { uiLocale } from "@/utils/i18n";
import { App } from "./App";
import { browserPopupDeps } from "./use-popup";

// Mount only: the App reads the settings on its first render.
document.documentElement.lang = uiLocale();
render(<App deps={browserPopupDeps} />, document.getElementById("app") as HTMLElement);
