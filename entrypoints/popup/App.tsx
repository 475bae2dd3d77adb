// The styles of the parts that load after the first frame, in the page's one stylesheet: it is
// styled once, rather than waiting again for a stylesheet each part adds as it arrives.
import "./connection-switcher.css";
import "./password-reset-offer.css";
import "./precheck.css";
import "./recent-sends.css";
// The popup's "Open in side panel" link (main.tsx); 70 bytes the side panel carries unused.
import "../sidepanel/open-in-panel.css";
import { useEffect, useRef } from "preact/hooks";
import { EnvironmentBadge } from "@/components/EnvironmentBadge";
import type { Channel } from "@/utils/channel";
import { isProductionEnvironment } from "@/utils/environments";
import { type MessageKey, t } from "@/utils/i18n";
import { lazyComponent } from "./lazy";
import { type PopupDeps, type PopupState, usePopup } from "./use-popup";

// Not needed to type and send: each loads once the form is on screen (lazy.tsx).
const ConnectionSwitcher = lazyComponent(
  async () => (await import("./ConnectionSwitcher")).ConnectionSwitcher,
);
const PrefillAddress = lazyComponent(async () => (await import("./PrefillAddress")).PrefillAddress);
const Precheck = lazyComponent(async () => (await import("./Precheck")).Precheck);
const SendOutcome = lazyComponent(async () => (await import("./SendOutcome")).SendOutcome);
const CountryHint = lazyComponent(async () => (await import("./CountryHint")).CountryHint);
const RecentSends = lazyComponent(async () => (await import("./RecentSends")).RecentSends);

/** The popup: the connection in view, the channel, one field, one button, one outcome, the last sends. */
export function App({ deps }: { deps: PopupDeps }) {
  const popup = usePopup(deps);
  if (popup.settings === undefined) return null;
  return popup.isConfigured ? <SendForm popup={popup} deps={deps} /> : <NotConfigured popup={popup} />;
}

function NotConfigured({ popup }: { popup: PopupState }) {
  return (
    <main class="popup">
      <h1>{t("popup_notConfiguredTitle")}</h1>
      <p>{t("popup_notConfiguredBody")}</p>
      {/* Another saved connection may still have its token (a session-only one is gone after a restart). */}
      <ConnectionSwitcher popup={popup} />
      <button type="button" class="primary" onClick={popup.openOptions}>
        {t("popup_openSettings")}
      </button>
    </main>
  );
}

const CHANNEL_NAMES: Record<Channel, MessageKey> = {
  email: "popup_channelEmail",
  msisdn: "popup_channelSms",
};
const ONLY_CHANNEL: Record<Channel, MessageKey> = {
  email: "popup_channelOnlyEmail",
  msisdn: "popup_channelOnlySms",
};

function ChannelChoice({ popup }: { popup: PopupState }) {
  const only = popup.allowedChannels.length === 1 ? popup.allowedChannels[0] : undefined;
  return (
    <div
      class="channels"
      role="radiogroup"
      aria-labelledby="channel-legend"
      aria-describedby={only ? "channel-reason" : undefined}
    >
      <span id="channel-legend">{t("popup_sendBy")}</span>
      {(["email", "msisdn"] as const).map((channel) => (
        <label key={channel}>
          <input
            type="radio"
            name="channel"
            value={channel}
            checked={popup.channel === channel}
            // A club whose members sign up one way only: the other way could only fail.
            disabled={!popup.allowedChannels.includes(channel)}
            onChange={() => popup.chooseChannel(channel)}
          />
          {t(CHANNEL_NAMES[channel])}
        </label>
      ))}
      {only ? (
        <p id="channel-reason" class="hint channel-reason">
          {t(ONLY_CHANNEL[only])}
        </p>
      ) : null}
    </div>
  );
}

function SendForm({ popup, deps }: { popup: PopupState; deps: PopupDeps }) {
  const connection = popup.connection;
  const field = useRef<HTMLInputElement>(null);
  const { sending, problem, outcome, channel } = popup;

  // On open, and after every outcome: the next address can be pasted at once, over what the field
  // still holds after a failure (the side panel stays open for paste, Enter, paste the next).
  useEffect(() => {
    if (sending) return;
    field.current?.focus();
    field.current?.select();
  }, [sending]);

  if (connection === null) return null;
  const production = isProductionEnvironment(connection.environment);
  const sms = channel === "msisdn";
  const fieldId = sms ? "member-phone" : "member-email";
  const hint = sms ? (
    popup.phonePreview ? (
      t("popup_willSendTo", popup.phonePreview)
    ) : connection.country ? (
      <CountryHint country={connection.country} />
    ) : (
      t("popup_phoneHintNoCountry")
    )
  ) : (
    t("popup_emailHint")
  );
  const describedBy = problem !== null ? `${fieldId}-error` : `${fieldId}-hint member-precheck`;
  return (
    <main class={`popup ${production ? "popup-production" : ""}`}>
      <h1 class="visually-hidden">{t("popup_heading")}</h1>
      <header class="connection">
        <EnvironmentBadge environment={connection.environment} />
        <span class="club">
          <span class="club-label">{t("popup_club")}</span> <strong>{connection.clubSlug}</strong>
        </span>
        <button type="button" class="link" onClick={popup.openOptions}>
          {t("popup_settings")}
        </button>
      </header>
      <ConnectionSwitcher popup={popup} />
      <PrefillAddress deps={deps} popup={popup} />
      {production ? <p class="production-note">{t("popup_productionWarning")}</p> : null}
      {connection.environment === "custom" ? (
        <p class="hint">{t("popup_customHost", new URL(connection.baseUrl).host)}</p>
      ) : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void popup.submit();
        }}
      >
        <ChannelChoice popup={popup} />
        <label for={fieldId}>{t(sms ? "popup_memberPhone" : "popup_memberEmail")}</label>
        <input
          ref={field}
          id={fieldId}
          type="text"
          inputMode={sms ? "tel" : "email"}
          autoComplete="off"
          spellcheck={false}
          value={popup.value}
          aria-invalid={problem !== null}
          aria-describedby={describedBy}
          onInput={(event) => popup.setValue(event.currentTarget.value)}
        />
        {problem !== null ? (
          <div id={`${fieldId}-error`} class="field-problem" role="alert">
            <p class="field-error">{t(problem)}</p>
            {popup.switchOffer ? (
              <button
                type="button"
                onClick={() => {
                  popup.chooseChannel(popup.switchOffer ?? channel);
                  field.current?.focus();
                }}
              >
                {t(popup.switchOffer === "email" ? "popup_switchToEmail" : "popup_switchToSms")}
              </button>
            ) : null}
          </div>
        ) : (
          <p id={`${fieldId}-hint`} class={popup.phonePreview ? "hint preview" : "hint"}>
            {hint}
          </p>
        )}
        <Precheck deps={deps} popup={popup} quiet={problem !== null} />
        <button type="submit" class="primary" disabled={sending}>
          {t(sms ? "popup_sendSms" : "popup_send")}
        </button>
      </form>
      <SendOutcome
        outcome={outcome}
        pendingText={sending ? t("popup_sending") : null}
        actions={
          popup.canSendAgain ? (
            <>
              <button type="button" class="primary" onClick={popup.sendAgain}>
                {t("popup_sendAgain")}
              </button>
              <button
                type="button"
                onClick={() => {
                  popup.cancelRepeat();
                  field.current?.focus();
                }}
              >
                {t("popup_cancel")}
              </button>
            </>
          ) : null
        }
      />
      <RecentSends deps={deps} connection={connection} />
    </main>
  );
}
