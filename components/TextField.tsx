import type { ComponentChildren, Ref } from "preact";

/** Props of TextField. */
interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  /** Shown under the field and tied to it with aria-describedby; marks the field invalid. */
  error?: string | null;
  type?: "text" | "password" | "url";
  readOnly?: boolean;
  /** Not editable here, e.g. set by the organisation's policy (the hint says so). */
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  /** Extra controls after the input, e.g. a show/hide toggle. */
  children?: ComponentChildren;
}

/** A labelled input with its hint and its error next to it. */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onInput, hint, error = null, type = "text", readOnly = false } = props;
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="field-row">
        <input
          ref={props.inputRef}
          id={id}
          type={type}
          value={value}
          readOnly={readOnly}
          disabled={props.disabled}
          autoComplete="off"
          spellcheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
        {props.children}
      </div>
      {error ? (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
