import type { Browser } from "wxt/browser";
import { describeSendOutcome, type OutcomeWording } from "@/utils/describe-outcome";
import { t } from "@/utils/i18n";
import { effectOf } from "@/utils/outcome-traits";
import { findAddress } from "@/utils/selection";
import type { SendOutcome } from "@/utils/send-outcome";
import { activeConnection } from "@/utils/settings";
import type { BackgroundDeps } from "./deps";
import { sendRegistrationPassword } from "./send-registration-password";

/** The menu item's id: fixed, so registering again replaces the item instead of adding another. */
export const SEND_MENU_ITEM_ID = "send-registration-password";

/** The notifications' icon, relative to the extension's root (Chrome requires one for "basic"). */
export const NOTIFICATION_ICON_URL = "/icon/128.png";

/** The part of browser.contextMenus the menu uses; fakeBrowser has none, so unit tests pass a stub. */
export interface MenusApi {
  removeAll(): Promise<void>;
  create(properties: Browser.contextMenus.CreateProperties): number | string;
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
}

/** What the click handler reads from a click (a subset of contextMenus.OnClickData). */
export interface MenuClick {
  menuItemId: string | number;
  selectionText?: string;
}

/**
 * Creates the item on selected text. Chrome cannot tell the extension what is selected before the
 * menu opens (menus.onShown is Firefox-only, and content scripts are out of bounds), so the title
 * shows the selection through Chrome's "%s" and the click handler finds the address in it.
 * Items persist across browser restarts: run this on install and update only.
 */
export async function registerContextMenu(menus: MenusApi): Promise<void> {
  // An update keeps the old item: remove it first rather than fail on a duplicate id.
  await menus.removeAll();
  menus.create({ id: SEND_MENU_ITEM_ID, title: t("menu_sendTo"), contexts: ["selection"] });
}

/**
 * Sends a registration password to the address in the selection with the active connection, and
 * shows the result as a system notification. The send goes through the same handler as the popup's,
 * so it is checked, recorded in the send log (source "context-menu") and held back when Placewise
 * recently accepted one for the member; confirming a repeat is left to the popup.
 */
export async function onContextMenuClick(deps: ContextMenuDeps, click: MenuClick): Promise<void> {
  if (click.menuItemId !== SEND_MENU_ITEM_ID) return;
  const connection = activeConnection(await deps.readSettings());
  if (connection === null) {
    await notify(deps, t("menu_title_notSent"), describeSendOutcome({ kind: "not-configured" }));
    return;
  }
  const found = findAddress(click.selectionText ?? "", connection.country);
  if (found === null) {
    await notify(
      deps,
      t("menu_title_notSent"),
      { tone: "error", summary: t("menu_noAddress"), nextStep: t("menu_noAddress_next"), details: [] },
      connection.label,
    );
    return;
  }
  const outcome = await sendRegistrationPassword(deps, {
    channel: found.channel,
    recipient: found.recipient,
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
