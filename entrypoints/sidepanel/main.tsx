import { render } from "preact";
import "../popup/popup.css";
import "./sidepanel.css";
import { uiLocale } from "@/utils/i18n";
import { SidePanel } from "./SidePanel";

// Mount only: the popup's form, in a panel that stays open (SidePanel.tsx).
document.documentElement.lang = uiLocale();
render(<SidePanel />, document.getElementById("app") as HTMLElement);
