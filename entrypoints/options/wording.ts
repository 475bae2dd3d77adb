import { browser } from "wxt/browser";
import { describeConnectionCheck, type OutcomeWording } from "@/utils/describe-outcome";
import { t } from "@/utils/i18n";
import type { PolicyNote } from "@/utils/policy";
import type { ClubLanguages, ClubSummary } from "@/utils/send-outcome";
import type { FieldProblem } from "@/utils/validation/connection";
import type { OptionsNotice, ReadFailure, ReadState } from "./store";

/** A line next to a field: information (a 403 is one), or a problem that explains itself. */
export interface FieldNote {
  tone: "info" | "problem";
  text: string;
}

/** What the club picker says about its list. A 403 is information: a typed slug still works. */
export function describeClubList(state: ReadState<ClubSummary[]>): FieldNote | null {
  switch (state.status) {
    case "idle":
      return null;
    case "loading":
      return { tone: "info", text: t("options_clubsLoading") };
    case "loaded": {
      const count = state.value.length;
      if (count === 0) return { tone: "info", text: t("options_clubsEmpty") };
      return {
        tone: "info",
        text: count === 1 ? t("options_clubsLoadedOne") : t("options_clubsLoaded", count),
      };
    }
    case "failed": {
      const { failure } = state;
      if (failure.kind === "permit-missing")
        return { tone: "info", text: t("options_clubsNotPermitted", failure.permit) };
      if (failure.kind === "host-permission-missing")
        return { tone: "problem", text: t("options_clubsHostPermission", failure.host) };
      if (failure.kind === "draft-problems") return { tone: "problem", text: t("options_clubsNotLoaded") };
      return { tone: "problem", text: t("options_clubsFailed", reason(failure)) };
    }
  }
}

/** What the language choice says about the club's languages; nothing once they are in. */
export function describeLanguages(state: ReadState<ClubLanguages>): FieldNote | null {
  switch (state.status) {
    case "idle":
      return { tone: "info", text: t("options_languagesNeedClub") };
    case "loading":
      return { tone: "info", text: t("options_languagesLoading") };
    case "loaded":
      return null;
    case "failed": {
      const { failure } = state;
      if (failure.kind === "permit-missing")
        return { tone: "info", text: t("options_languagesNotPermitted", failure.permit) };
      if (failure.kind === "draft-problems") return { tone: "problem", text: t("options_clubsNotLoaded") };
      return { tone: "problem", text: t("options_languagesFailed", reason(failure)) };
    }
  }
}

/** A failed read's reason, worded as "Test connection" words it. */
function reason(failure: Exclude<ReadFailure, { kind: "draft-problems" | "permit-missing" }>): string {
  return describeConnectionCheck(failure).summary;
}

/** A language's name in the browser's language, e.g. "Norwegian" for no; the code when unknown. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([browser.i18n.getUILanguage()], { type: "language" }).of(code) ?? code;
  } catch {
    // An invalid code (a hand-edited setting) throws a RangeError.
    return code;
  }
}

/** The policy's own problems; a connection field's problem is worded as the form words it. */
const POLICY_PROBLEM_KEYS = {
  notBoolean: "policy_problem_notBoolean",
  notText: "policy_problem_notText",
  notList: "policy_problem_notList",
  notObject: "policy_problem_notObject",
  unknownValue: "policy_problem_unknownValue",
  outOfRange: "policy_problem_outOfRange",
  duplicateId: "policy_problem_duplicateId",
  tokenNotAllowed: "policy_problem_tokenNotAllowed",
  badId: "policy_problem_badId",
} as const;

/** One ignored policy value: its name as IT wrote it, and why this build did not use it. */
export function describePolicyNote(note: PolicyNote): string {
  const reason =
    note.problem in POLICY_PROBLEM_KEYS
      ? t(POLICY_PROBLEM_KEYS[note.problem as keyof typeof POLICY_PROBLEM_KEYS])
      : t(`fieldError_${note.problem as FieldProblem}`);
  return t("policy_ignored", note.name, reason);
}

/** Words the last notice; results stay in role=status, a failed test in role=alert. */
export function describeNotice(notice: OptionsNotice | null): {
  wording: OutcomeWording | null;
  pendingText?: string;
} {
  const status = (summary: string): { wording: OutcomeWording } => ({
    wording: { tone: "success", summary, details: [] },
  });
  switch (notice?.kind) {
    case undefined:
      return { wording: null };
    case "saving":
      return { wording: null, pendingText: t("options_saving") };
    case "testing":
      return { wording: null, pendingText: t("options_testing") };
    case "saved":
      return status(t("options_saved"));
    case "notSaved":
      return status(t("options_notSaved"));
    case "notTested":
      return status(t("options_notTested"));
    case "clubsNotLoaded":
      return status(t("options_clubsNotLoaded"));
    case "tokenForgotten":
      return status(t("options_tokenForgotten"));
    case "permissionDenied":
      return status(t("options_permissionDenied", notice.host));
    case "deleted":
      return status(t("options_deleted", notice.label));
    case "activated":
      return status(t("options_activated", notice.label));
    case "preferencesSaved":
      return status(t("options_preferencesSaved"));
    case "preferencesNotSaved":
      return status(t("options_preferencesNotSaved"));
    case "storageFailed":
      return {
        wording: {
          tone: "error",
          summary: t(notice.reason === "newer-version" ? "options_newerVersion" : "options_storageFailed"),
          details: [],
        },
      };
    case "refusedByPolicy":
      return {
        wording: {
          tone: "error",
          summary: t(
            notice.reason === "set-by-policy" ? "options_refusedSetByPolicy" : "options_refusedCustomUrl",
          ),
          details: [],
        },
      };
    case "tested":
      return notice.result.ok
        ? { wording: describeConnectionCheck(notice.result.outcome) }
        : status(t("options_notTested"));
  }
}
