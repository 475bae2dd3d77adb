import type { Browser } from "wxt/browser";
import { describeSendOutcome, type OutcomeWording } from "@/utils/describe-outcome";
import { ENVIRONMENT_LABEL_KEYS } from "@/utils/environments";
import { t } from "@/utils/i18n";
import { effectOf } from "@/utils/outcome-traits";
import { buildPrefillQuery } from "@/utils/prefill";
import { type FoundAddress, mayHoldAddressAmongText, readSelection } from "@/utils/selection";
import type { SendOutcome } from "@/utils/send-outcome";
import { activeConnection, type Connection, type StoredSettings } from "@/utils/settings";
import { panelPrefillItem, toPanelPrefill } from "@/utils/side-panel-prefill";
import type { BackgroundDeps } from "./deps";
import { sendOnce } from "./send-message";
import type { PanelOpener, PanelTarget } from "./side-panel";

/** The menu item's id: fixed, so registering again replaces the item instead of adding another. */
export const SEND_MENU_ITEM_ID = "send-registration-password";

/** The notifications' icon, relative to the extension's root (Chrome requires one for "basic"). */
export const NOTIFICATION_ICON_URL = "/icon/128.png";

/** The part of browser.contextMenus the menu uses; fakeBrowser has none, so unit tests pass a stub. */
export interface MenusApi {
  removeAll(): Promise<void>;
  create(properties: Browser.contextMenus.CreateProperties): number | string;
  update(id: string, properties: Omit<Browser.contextMenus.CreateProperties, "id">): Promise<void>;
}

/** The part of browser.windows the menu uses to ask before sending; fakeBrowser has none. */
export interface WindowsApi {
  create(data: { type: "popup"; url: string; width: number; height: number }): Promise<unknown>;
}

/** A system notification as the menu shows it. */
export interface MenuNotification {
  type: "basic";
  iconUrl: string;
  title: string;
  message: string;
  /** The connection used, in the lighter second line. */
  contextMessage?: string;
}

/** The part of browser.notifications the menu uses; fakeBrowser has none, so unit tests pass a stub. */
export interface NotificationsApi {
  create(options: MenuNotification): Promise<string>;
}

/** The background's dependencies plus the notifications the click handler shows its result in. */
export interface ContextMenuDeps extends BackgroundDeps {
  notifications: NotificationsApi;
  windows: WindowsApi;
  /** The popup page's URL (browser.runtime.getURL("/popup.html")), opened to confirm an address. */
  popupUrl: string;
  /** Opens the side panel to confirm an address in; null where the browser has none (the popup asks then). */
  panel: PanelOpener | null;
}

/** The confirmation window's size: the popup page's own width, and room for its outcome text. */
const CONFIRM_WINDOW = { width: 420, height: 600 };

/** What the click handler reads from a click (a subset of contextMenus.OnClickData). */
export interface MenuClick {
  menuItemId: string | number;
  selectionText?: string;
  /** The tab the click came from (onClicked's second argument): where the side panel opens. */
  tab?: PanelTarget;
}

/**
 * The item's title: the selection (Chrome's "%s") and the connection a click would send with, so
 * the operator sees "Mall Oslo (Production)" before choosing, not after.
 */
export function menuTitle(connection: Connection | null): string {
  return connection === null
    ? t("menu_sendTo")
    : t("menu_sendVia", connection.label, t(ENVIRONMENT_LABEL_KEYS[connection.environment]));
}

/**
 * Creates the item on selected text. Chrome cannot tell the extension what is selected before the
 * menu opens (menus.onShown is Firefox-only, and content scripts are out of bounds), so the title
 * shows the selection through Chrome's "%s" and the click handler finds the address in it.
 * Items persist across browser restarts: run this on install and update, and when the policy
 * changes, which may switch the item off (contextMenuEnabled false: it is removed, not created).
 */
export async function registerContextMenu(
  menus: MenusApi,
  settings: StoredSettings,
  enabled = true,
): Promise<void> {
  // An update keeps the old item: remove it first rather than fail on a duplicate id.
  await menus.removeAll();
  if (!enabled) return;
  menus.create({
    id: SEND_MENU_ITEM_ID,
    title: menuTitle(activeConnection(settings)),
    contexts: ["selection"],
  });
}

/**
 * Renames the item after the active connection (or the browser's language, at start) changed.
 * The item may not exist yet while install is creating it; then creating it names it right.
 * Switched off by policy, there is no item to rename.
 */
export async function refreshMenuTitle(
  menus: MenusApi,
  settings: StoredSettings,
  enabled = true,
): Promise<void> {
  if (!enabled) return;
  try {
    await menus.update(SEND_MENU_ITEM_ID, { title: menuTitle(activeConnection(settings)) });
  } catch (error) {
    console.warn("Could not rename the context-menu item", error);
  }
}

/**
 * Sends a registration password to the address in the selection with the active connection, and
 * shows the result as a system notification. The send goes through the same sendOnce as the popup's,
 * so it is recorded in the send log (source "context-menu") and held back when Placewise
 * recently accepted one for the member; confirming a repeat is left to the popup.
 * Only a selection that is one address and nothing else is sent at once. An address among other
 * text (a case number that happens to be a valid mobile number, two addresses) opens the side panel
 * with the address in its field (or, where the browser has no panel, the popup in a small window):
 * the operator sees it, and Enter sends it.
 */
export async function onContextMenuClick(deps: ContextMenuDeps, click: MenuClick): Promise<void> {
  if (click.menuItemId !== SEND_MENU_ITEM_ID) return;
  // Before any await: the browser opens a panel only within the click's user gesture.
  const panel = openPanelToConfirm(deps, click);
  // A click already on its way when IT switched the item off is not sent.
  if (!(await deps.readPolicy()).policy.contextMenuEnabled) return;
  const connection = activeConnection(await deps.readSettings());
  if (connection === null) {
    await notify(deps, t("menu_title_notSent"), describeSendOutcome({ kind: "not-configured" }));
    return;
  }
  const selection = readSelection(click.selectionText ?? "", connection.country);
  // An "exact" read of a selection the panel was opened for (one the phone library reads a number
  // out of) is confirmed too: asking is the safe side.
  if (selection.kind === "among-other-text" || (panel !== null && selection.kind === "exact")) {
    await askToConfirm(deps, selection.address, panel);
    return;
  }
  if (selection.kind === "none") {
    await notify(
      deps,
      t("menu_title_notSent"),
      { tone: "error", summary: t("menu_noAddress"), nextStep: t("menu_noAddress_next"), details: [] },
      connection.label,
    );
    return;
  }
  // readSelection already checked the address (checkEmail, checkPhone): the typed use case, not the message.
  const outcome = await sendOnce(deps, {
    channel: selection.address.channel,
    recipient: selection.address.recipient,
    source: "context-menu",
    connectionId: connection.id,
  });
  const wording = describeSendOutcome(outcome, deps.now());
  const steps =
    outcome.kind === "recently-sent"
      ? { ...wording, nextStep: `${wording.nextStep ?? ""} ${t("menu_recentlySent_usePopup")}`.trim() }
      : wording;
  await notify(deps, titleFor(outcome), steps, connection.label);
}

/**
 * Opens the side panel when the selection cannot be one lone address, whatever the club's country
 * (utils/selection.ts): settings are not read yet, and reading them would end the gesture. A
 * selection of digits only goes on as before; should it hold two numbers, the popup asks.
 */
function openPanelToConfirm(deps: ContextMenuDeps, click: MenuClick): Promise<boolean> | null {
  if (deps.panel === null || !mayHoldAddressAmongText(click.selectionText ?? "")) return null;
  return deps.panel.open(click.tab).then(
    () => true,
    (error: unknown) => {
      console.warn("Could not open the side panel; the popup asks instead", error);
      return false;
    },
  );
}

async function askToConfirm(
  deps: ContextMenuDeps,
  address: FoundAddress,
  panel: Promise<boolean> | null,
): Promise<void> {
  if (panel !== null && (await panel)) {
    // The panel, open already or opening now, takes the address from storage.session.
    await panelPrefillItem.setValue(toPanelPrefill(address.channel, address.recipient, deps.now()));
    return;
  }
  await deps.windows.create({
    type: "popup",
    url: `${deps.popupUrl}?${buildPrefillQuery(address.channel, address.recipient)}`,
    ...CONFIRM_WINDOW,
  });
}

function titleFor(outcome: SendOutcome): string {
  switch (effectOf(outcome.kind)) {
    case "sent":
      return t("menu_title_accepted");
    case "unknown":
      return t("menu_title_unclear");
    case "not-sent":
      return t("menu_title_notSent");
  }
}

async function notify(
  deps: ContextMenuDeps,
  title: string,
  wording: OutcomeWording,
  connectionLabel?: string,
): Promise<void> {
  // A notification shows a few lines: what happened and what to do. The status is in the send log.
  const message = [wording.summary, wording.nextStep].filter(Boolean).join(" ");
  await deps.notifications.create({
    type: "basic",
    iconUrl: NOTIFICATION_ICON_URL,
    title,
    message,
    ...(connectionLabel ? { contextMessage: connectionLabel } : {}),
  });
}
