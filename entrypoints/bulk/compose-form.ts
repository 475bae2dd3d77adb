import { batch, computed, type ReadonlySignal, type Signal, signal } from "@preact/signals";
import type { BulkInput } from "@/utils/bulk-input";
import {
  BULK_CONCURRENCY_LIMITS,
  BULK_RATE_LIMITS,
  DEFAULT_BULK_CONCURRENCY,
  DEFAULT_BULK_RATE,
} from "@/utils/bulk-run";
import { allowedChannels, type Channel } from "@/utils/channel";
import { isProductionEnvironment } from "@/utils/environments";
import type { Connection, StoredSettings } from "@/utils/settings";
import { type BulkPageDeps, MAX_BULK_FILE_BYTES } from "./deps";
import type { BulkNotice } from "./notice";
import { findRecentlyReached, type RecentMember } from "./recent";

/*
 * Preparing a run on the Bulk page: the list, its channel and pace, the review of what it holds,
 * and Start. Nothing is sent before Start; the background then owns the run.
 */

/** The review of a list: what it holds, for which connection and channel. */
export interface Review {
  input: BulkInput;
  channel: Channel;
  connection: Connection;
  /** The desk's repeat window (settings' recentSendMinutes) when reviewed; 0: off. */
  windowMinutes: number;
  /** Members a send in that window may have reached: left out unless the operator keeps them. */
  recent: RecentMember[];
  /** The send log could not be read, so nobody was checked. */
  recentUnchecked: boolean;
  /** When the review was made, epoch ms. */
  at: number;
}

/** A number field's problem, worded by the page. */
export type NumberProblem = "notNumber" | "tooSmall" | "tooLarge" | "notWhole";

function checkNumber(
  text: string,
  limits: { min: number; max: number },
  whole: boolean,
): { ok: true; value: number } | { ok: false; problem: NumberProblem } {
  const trimmed = text.trim().replace(",", ".");
  const value = Number(trimmed);
  if (trimmed === "" || !Number.isFinite(value)) return { ok: false, problem: "notNumber" };
  if (whole && !Number.isInteger(value)) return { ok: false, problem: "notWhole" };
  if (value < limits.min) return { ok: false, problem: "tooSmall" };
  if (value > limits.max) return { ok: false, problem: "tooLarge" };
  return { ok: true, value };
}

/** What the form shares with the rest of the page. */
export interface ComposeContext {
  settings: ReadonlySignal<StoredSettings>;
  connection: ReadonlySignal<Connection | null>;
  notice: Signal<BulkNotice | null>;
  /** Reads the stored run again (after Start). */
  refresh: () => Promise<void>;
}

/** The compose and review form's state and actions. */
export function createComposeForm(
  deps: BulkPageDeps,
  { settings, connection, notice, refresh }: ComposeContext,
) {
  const text = signal("");
  const fileName = signal<string | null>(null);
  const pickedChannel = signal<Channel | null>(null);
  const channels = computed(() => allowedChannels(connection.value));
  /** "Send by": the operator's pick, else the club's only channel, else their last choice, else email. */
  const channel = computed<Channel>(() => {
    const allowed = channels.value;
    const picked = pickedChannel.value;
    if (picked !== null && allowed.includes(picked)) return picked;
    if (allowed.length === 1 && allowed[0]) return allowed[0];
    return settings.value.preferences.lastChannel ?? "email";
  });
  const rate = signal(String(DEFAULT_BULK_RATE));
  const concurrency = signal(String(DEFAULT_BULK_CONCURRENCY));
  const rateCheck = computed(() => checkNumber(rate.value, BULK_RATE_LIMITS, false));
  const concurrencyCheck = computed(() => checkNumber(concurrency.value, BULK_CONCURRENCY_LIMITS, true));
  const review = signal<Review | null>(null);
  const reviewing = signal(false);
  const productionAck = signal(false);
  /** "Send again to N members who were sent a message in the last M minutes": off unless ticked. */
  const keepRecent = signal(false);
  /** What Start sends: the reviewed members, without the recently sent ones unless kept. */
  const toSend = computed(() => {
    const reviewed = review.value;
    if (reviewed === null) return [];
    if (keepRecent.value || reviewed.recent.length === 0) return reviewed.input.recipients;
    const recent = new Set(reviewed.recent.map((member) => member.recipient));
    return reviewed.input.recipients.filter((recipient) => !recent.has(recipient));
  });
  const needsProductionAck = computed(() => {
    const reviewed = review.value;
    return reviewed !== null && isProductionEnvironment(reviewed.connection.environment);
  });
  const starting = signal(false);

  /** Forgets the review and what was confirmed on it: the list, channel or connection changed. */
  function dropReview(): void {
    batch(() => {
      review.value = null;
      productionAck.value = false;
      keepRecent.value = false;
    });
  }

  function setText(value: string): void {
    batch(() => {
      text.value = value;
      dropReview();
    });
  }

  /** Reads a dropped or picked CSV file into the text field, where the operator sees what is sent. */
  async function loadFile(file: File): Promise<void> {
    // Checked before reading: File.size costs nothing, reading a huge file freezes the page.
    if (file.size > MAX_BULK_FILE_BYTES) {
      notice.value = { kind: "fileTooLarge", name: file.name, maxBytes: MAX_BULK_FILE_BYTES };
      return;
    }
    try {
      const content = await file.text();
      batch(() => {
        setText(content);
        fileName.value = file.name;
        notice.value = { kind: "fileRead", name: file.name };
      });
    } catch (error) {
      console.error("Reading the CSV file failed", error);
      notice.value = { kind: "fileFailed", name: file.name };
    }
  }

  function setChannel(value: Channel): void {
    batch(() => {
      pickedChannel.value = value;
      dropReview();
    });
  }

  /** Parses the list for the page's connection and shows what it holds; nothing is sent. */
  async function reviewList(): Promise<void> {
    const current = connection.value;
    if (current === null || reviewing.value) return;
    reviewing.value = true;
    try {
      const picked = channel.value;
      const input = await deps.parse(text.value, {
        preferred: picked,
        country: current.country,
        allowed: channels.value,
      });
      const windowMinutes = settings.value.preferences.recentSendMinutes;
      const at = deps.now();
      const recent = windowMinutes > 0 ? await findRecent(input, current, at - windowMinutes * 60_000) : [];
      batch(() => {
        review.value = {
          input,
          channel: picked,
          connection: current,
          windowMinutes,
          recent: recent ?? [],
          recentUnchecked: recent === null,
          at,
        };
        productionAck.value = false;
        keepRecent.value = false;
        notice.value = null;
      });
    } catch (error) {
      console.error("Reading the list failed", error);
      notice.value = { kind: "reviewFailed" };
    } finally {
      reviewing.value = false;
    }
  }

  /** The list's members the send log says may have had a message since `since`; null: unreadable. */
  async function findRecent(
    input: BulkInput,
    current: Connection,
    since: number,
  ): Promise<RecentMember[] | null> {
    try {
      const entries = await deps.readSendsSince(since);
      return findRecentlyReached(input.recipients, entries, {
        host: new URL(current.baseUrl).host,
        club: current.clubSlug,
      });
    } catch (error) {
      console.error("Reading the send log failed", error);
      return null;
    }
  }

  /** Whether Start may be pressed: a reviewed list, sane numbers, and production acknowledged. */
  const canStart = computed(
    () =>
      review.value !== null &&
      toSend.value.length > 0 &&
      rateCheck.value.ok &&
      concurrencyCheck.value.ok &&
      (!needsProductionAck.value || productionAck.value) &&
      !starting.value,
  );

  async function start(): Promise<void> {
    const reviewed = review.value;
    const rateValue = rateCheck.value;
    const concurrencyValue = concurrencyCheck.value;
    if (!canStart.value || reviewed === null || !rateValue.ok || !concurrencyValue.ok) return;
    starting.value = true;
    try {
      const result = await deps.start({
        connectionId: reviewed.connection.id,
        recipients: toSend.value.map(({ channel: c, recipient }) => ({ channel: c, recipient })),
        ratePerSecond: rateValue.value,
        concurrency: concurrencyValue.value,
      });
      if (result.ok) {
        batch(() => {
          review.value = null;
          productionAck.value = false;
          keepRecent.value = false;
          notice.value = null;
        });
        await refresh();
      } else {
        notice.value = { kind: "startRefused", reason: result.reason };
        if (result.reason === "run-in-progress") await refresh();
      }
    } catch (error) {
      console.error("Starting the bulk run failed", error);
      notice.value = { kind: "actionFailed" };
    } finally {
      starting.value = false;
    }
  }

  return {
    text,
    fileName,
    channels,
    channel,
    rate,
    concurrency,
    rateCheck,
    concurrencyCheck,
    review,
    reviewing,
    productionAck,
    keepRecent,
    toSend,
    needsProductionAck,
    canStart,
    starting,
    dropReview,
    setText,
    loadFile,
    setChannel,
    reviewList,
    start,
  };
}
