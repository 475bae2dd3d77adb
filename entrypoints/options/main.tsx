import { render } from "preact";
import { browser } from "wxt/browser";
import "./options.css";
import { uiLocale } from "@/utils/i18n";
import { App } from "./App";
import { createOptionsStore } from "./store";
import { isWelcomeVisit } from "./Welcome";

// Mount only.
document.documentElement.lang = uiLocale();
document.title = browser.i18n.getMessage("options_title");
render(
  <App
    store={createOptionsStore()}
    welcome={isWelcomeVisit(location.search)}
    onDismissWelcome={() => history.replaceState(null, "", location.pathname)}
  />,
  document.getElementById("app") as HTMLElement,
);
