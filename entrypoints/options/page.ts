import { batch, computed, signal } from "@preact/signals";
import type { PolicyRefusal, StorageFailure, TestConnectionResult } from "@/utils/messages";
import { NO_POLICY, type PolicyReport } from "@/utils/policy";
import type { ConnectionCheckOutcome } from "@/utils/send-outcome";
import { EMPTY_SETTINGS, type StoredSettings } from "@/utils/settings";
import type { OptionsDeps } from "./deps";

/** The last thing the page reports in its status or alert region. */
export type OptionsNotice =
  | { kind: "saving" | "testing" | "tokenForgotten" | "preferencesSaved" }
  /** Failures of the page's own checks; the fields say what is wrong. */
  | { kind: "notSaved" | "notTested" | "clubsNotLoaded" | "preferencesNotSaved" }
  /** Saved; `check` is the test made while saving; `notActive` for a new one left inactive. */
  | { kind: "saved"; check: ConnectionCheckOutcome; notActive: boolean }
  | { kind: "permissionDenied"; host: string }
  | { kind: "storageFailed"; reason: StorageFailure["reason"] }
  | { kind: "refusedByPolicy"; reason: PolicyRefusal["reason"] }
  | { kind: "tested"; result: TestConnectionResult }
  | { kind: "deleted" | "activated"; label: string };

/**
 * What every part of the options page shares: the saved settings as last read, the policy, the
 * one notice, the busy flag, and where focus should go next.
 */
export function createOptionsPage(deps: OptionsDeps) {
  const loaded = signal(false);
  const settings = signal<StoredSettings>(EMPTY_SETTINGS);
  /** Stored connections the normalizer dropped (a base URL or club slug failed the checks). */
  const unreadableConnections = signal(0);
  /** The organisation's policy, already merged into `settings`: what it locks, and what it ignored. */
  const policy = signal<PolicyReport>({ policy: NO_POLICY, notes: [], managed: false });
  const notice = signal<OptionsNotice | null>(null);
  const busy = signal(false);
  /** The element a failure sends focus to: the first field with a problem. A fresh object each time. */
  const focusTarget = signal<{ id: string } | null>(null);
  const connections = computed(() => settings.value.connections);
  const followers: Array<(previous: StoredSettings) => void | Promise<void>> = [];

  /** Reads the settings again; each part then follows what changed (see `afterRefresh`). */
  async function refresh(): Promise<void> {
    const previous = settings.value;
    const read = await deps.readSettings();
    batch(() => {
      settings.value = read.settings;
      policy.value = read.policy;
      unreadableConnections.value = read.unreadableConnections;
    });
    for (const follow of followers) await follow(previous);
  }

  return {
    deps,
    loaded,
    settings,
    unreadableConnections,
    policy,
    notice,
    busy,
    focusTarget,
    connections,
    refresh,
    /** Runs after every refresh, with the settings as they were before it. */
    afterRefresh(follow: (previous: StoredSettings) => void | Promise<void>): void {
      followers.push(follow);
    },
    /** Moves focus to an element once the page has re-rendered. */
    requestFocus(id: string): void {
      focusTarget.value = { id };
    },
  };
}

/** The state every part of the options page shares. */
export type OptionsPage = ReturnType<typeof createOptionsPage>;

/** The notice for a refused change: the browser's storage, or the organisation's policy. */
export function failureNotice(failure: StorageFailure | PolicyRefusal): OptionsNotice {
  return failure.reason === "set-by-policy" || failure.reason === "custom-url-not-allowed"
    ? { kind: "refusedByPolicy", reason: failure.reason }
    : { kind: "storageFailed", reason: failure.reason };
}
