import { signal } from "@preact/signals";
import type { OptionsPage } from "./page";
import { failureNotice } from "./page";

/** The list's actions on saved connections: Make active, and Delete with its confirmation. */
export function createConnectionActions(
  page: OptionsPage,
  form: { editingId: { value: string }; openActive(): Promise<void> },
) {
  const { deps, busy, notice } = page;
  /** The connection whose Delete waits for a confirmation. */
  const confirmingDeleteId = signal<string | null>(null);

  /** Makes a saved connection the one sends use. */
  async function makeActive(id: string): Promise<void> {
    const connection = page.connections.value.find((c) => c.id === id);
    if (connection === undefined || busy.value) return;
    busy.value = true;
    try {
      const result = await deps.setActiveConnection(id);
      await page.refresh();
      notice.value = result.ok
        ? { kind: "activated", label: connection.label }
        : { kind: "storageFailed", reason: result.reason };
    } finally {
      busy.value = false;
    }
  }

  /** Asks to confirm deleting a saved connection (null: no longer); nothing is deleted yet. */
  function askToDelete(id: string | null): void {
    confirmingDeleteId.value = id;
  }

  /** Deletes the connection waiting for confirmation, and its token. */
  async function confirmDelete(): Promise<void> {
    const id = confirmingDeleteId.value;
    const connection = page.connections.value.find((c) => c.id === id);
    if (connection === undefined || busy.value) return;
    busy.value = true;
    try {
      const result = await deps.deleteConnection(connection.id);
      confirmingDeleteId.value = null;
      await page.refresh();
      if (!result.ok) {
        notice.value = failureNotice(result);
        return;
      }
      if (form.editingId.value === connection.id) await form.openActive();
      notice.value = { kind: "deleted", label: connection.label };
    } finally {
      busy.value = false;
    }
  }

  return { confirmingDeleteId, makeActive, askToDelete, confirmDelete };
}
