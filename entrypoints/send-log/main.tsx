import { render } from "preact";
import { browser } from "wxt/browser";
import "./send-log.css";
import { uiLocale } from "@/utils/i18n";
import { App } from "./App";
import { createSendLogPageStore } from "./store";

// Mount only.
document.documentElement.lang = uiLocale();
document.title = browser.i18n.getMessage("sendLog_title");
render(<App store={createSendLogPageStore()} />, document.getElementById("app") as HTMLElement);
