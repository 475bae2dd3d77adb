import type { ComponentChildren } from "preact";
import { useId, useLayoutEffect, useRef } from "preact/hooks";
import "./ConfirmDialog.css";

/** Props of ConfirmDialog. */
interface ConfirmDialogProps {
  title: string;
  /** What will happen, in words; it describes the dialog for screen readers. */
  children: ComponentChildren;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  /** Cancel, and Escape. */
  onCancel: () => void;
  /**
   * The button focused on opening. Cancel unless said otherwise: the dialog opens from a button, so
   * a focused confirm button makes Enter twice send (issue 10).
   */
  initialFocus?: "confirm" | "cancel";
  destructive?: boolean;
}

/**
 * A modal confirmation on the native <dialog>: the browser keeps focus inside it and closes it on
 * Escape. Render it only while a confirmation is pending; when it goes away, focus returns to the
 * control that opened it.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { initialFocus = "cancel", onCancel } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef(onCancel);
  cancelRef.current = onCancel;
  const titleId = useId();
  const bodyId = useId();

  useLayoutEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element === null) return;
    if (!element.open) element.showModal();
    (initialFocus === "cancel" ? cancel : confirm).current?.focus();
    const onEscape = (event: Event) => {
      // The parent decides what is on screen; it unmounts the dialog.
      event.preventDefault();
      cancelRef.current();
    };
    element.addEventListener("cancel", onEscape);
    return () => {
      element.removeEventListener("cancel", onEscape);
      if (element.open) element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [initialFocus]);

  return (
    <dialog ref={dialog} class="confirm-dialog" aria-labelledby={titleId} aria-describedby={bodyId}>
      <h2 id={titleId}>{props.title}</h2>
      <div id={bodyId} class="confirm-body">
        {props.children}
      </div>
      <div class="confirm-actions">
        <button ref={cancel} type="button" onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
        <button
          ref={confirm}
          type="button"
          class={props.destructive ? "danger" : "primary"}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
