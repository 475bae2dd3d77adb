import "./popup.css";
import { mountSendForm } from "./mount";

// Mount only: the App reads the settings on its first render.
mountSendForm(document.getElementById("app") as HTMLElement);
// "Open in side panel", after the first frame: not needed to type and send (the popup's byte budget).
requestAnimationFrame(() => void import("../sidepanel/open-in-panel").then((m) => m.mountOpenInPanel()));
