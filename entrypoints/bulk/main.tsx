import { render } from "preact";
import { browser } from "wxt/browser";
import "./bulk.css";
import { uiLocale } from "@/utils/i18n";
import { App } from "./App";
import { createBulkPageStore } from "./store";

// Mount only.
document.documentElement.lang = uiLocale();
document.title = browser.i18n.getMessage("bulk_title");
render(<App store={createBulkPageStore()} />, document.getElementById("app") as HTMLElement);
