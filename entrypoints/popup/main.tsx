import "./popup.css";
import { mountSendForm } from "./mount";

// Mount only: the App reads the settings on its first render.
mountSendForm(document.getElementById("app") as HTMLElement);
