import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { t } from "@/utils/i18n";
import type { ClubSummary } from "@/utils/send-outcome";
import { filterClubs } from "./clubs";

/** Props of ClubPicker. */
interface ClubPickerProps {
  /** The input's id; a <label for> outside names it. */
  id: string;
  value: string;
  /** The clubs to choose from; empty while none are loaded, and typing still works. */
  clubs: readonly ClubSummary[];
  onInput: (value: string) => void;
  onChoose: (club: ClubSummary) => void;
  onBlur?: () => void;
  invalid: boolean;
  /** Set by the organisation's policy: shown, not editable. */
  disabled?: boolean;
  describedBy?: string;
}

/**
 * A text field for a club slug with a filtered list of clubs to pick from, by mouse or keyboard:
 * the ARIA combobox pattern with list autocomplete (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).
 * Down/Up open the list and move through it, Enter picks, Escape closes; Enter with no club
 * highlighted submits the form as in any text field, so a typed slug is kept as it is.
 */
export function ClubPicker(props: ClubPickerProps) {
  const { id, value, clubs } = props;
  const open = useSignal(false);
  /** The highlighted option, or -1. */
  const active = useSignal(-1);
  /** Whether the operator typed since the list last opened; otherwise every club is shown. */
  const filtering = useSignal(false);

  const shown = filtering.value ? filterClubs(clubs, value) : [...clubs];
  const expanded = open.value && shown.length > 0;
  const activeClub = expanded ? shown[active.value] : undefined;
  const listId = `${id}-listbox`;
  const optionId = (club: ClubSummary) => `${id}-option-${club.slug}`;
  const noMatch = open.value && filtering.value && clubs.length > 0 && shown.length === 0;

  useEffect(() => {
    if (activeClub) document.getElementById(optionId(activeClub))?.scrollIntoView?.({ block: "nearest" });
  });

  function close(): void {
    open.value = false;
    active.value = -1;
  }

  function choose(club: ClubSummary): void {
    props.onChoose(club);
    close();
    filtering.value = false;
  }

  /** Opens the list, highlighting the club in the field (or the first/last one). */
  function openList(start: "first" | "last"): void {
    const list = filtering.value ? filterClubs(clubs, value) : clubs;
    const current = list.findIndex((club) => club.slug === value.trim());
    open.value = true;
    active.value = current >= 0 ? current : start === "first" ? 0 : list.length - 1;
  }

  function onKeyDown(event: KeyboardEvent): void {
    switch (event.key) {
      case "ArrowDown":
        if (clubs.length === 0) return;
        event.preventDefault();
        if (!expanded) openList("first");
        else if (!event.altKey) active.value = Math.min(active.value + 1, shown.length - 1);
        return;
      case "ArrowUp":
        if (clubs.length === 0) return;
        event.preventDefault();
        if (!expanded) openList("last");
        else active.value = Math.max(active.value - 1, 0);
        return;
      case "Enter":
        if (activeClub) {
          event.preventDefault();
          choose(activeClub);
        } else close();
        return;
      case "Escape":
        if (expanded) {
          event.preventDefault();
          close();
        }
        return;
    }
  }

  return (
    <div class="combobox">
      <input
        id={id}
        type="text"
        role="combobox"
        value={value}
        disabled={props.disabled}
        autoComplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeClub ? optionId(activeClub) : undefined}
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.describedBy}
        onInput={(event) => {
          props.onInput(event.currentTarget.value);
          filtering.value = true;
          open.value = true;
          active.value = -1;
        }}
        onKeyDown={onKeyDown}
        onClick={() => {
          if (!expanded && clubs.length > 0) openList("first");
        }}
        onBlur={() => {
          close();
          filtering.value = false;
          props.onBlur?.();
        }}
      />
      <div
        role="listbox"
        id={listId}
        aria-label={t("options_clubListName")}
        class="combobox-list"
        hidden={!expanded}
      >
        {expanded
          ? shown.map((club, index) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled on the input, which keeps focus (aria-activedescendant).
              <div
                key={club.slug}
                id={optionId(club)}
                role="option"
                // Focusable only for the accessibility tree; focus stays in the input.
                tabIndex={-1}
                aria-selected={index === active.value}
                class={club.slug === value.trim() ? "combobox-option combobox-current" : "combobox-option"}
                // Keep focus in the input, so choosing with the mouse leaves the operator in the field.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(club)}
              >
                <span class="club-name">{club.name}</span> <span class="club-slug">{club.slug}</span>
              </div>
            ))
          : null}
      </div>
      {/* Always mounted: text inserted into an existing live region is announced. */}
      <div aria-live="polite" class="combobox-live">
        {noMatch ? <p class="combobox-note">{t("options_clubNoMatch")}</p> : null}
      </div>
    </div>
  );
}
