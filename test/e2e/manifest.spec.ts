import { expect, test } from "./fixtures";

test.describe("the manifest", () => {
  test("the manifest asks for exactly its permissions and the Placewise and loopback hosts", async ({
    openOptions,
  }) => {
    const options = await openOptions();
    const manifest = await options.manifest();
    // Nothing that reads pages: no tabs, scripting or activeTab, no content scripts.
    expect(manifest.permissions).toEqual([
      "storage",
      "unlimitedStorage",
      "alarms",
      "contextMenus",
      "notifications",
      "sidePanel",
    ]);
    // WXT lists the panel page; it is the popup's form (entrypoints/sidepanel).
    expect(manifest.side_panel).toEqual({ default_path: "sidepanel.html" });
    expect(manifest.host_permissions).toEqual([
      "https://api.mpc.placewise.com/*",
      "https://api.mpc.apac.placewise.com/*",
      "https://api.mpc.dev.placewise.com/*",
      "http://localhost/*",
      "http://127.0.0.1/*",
    ]);
    expect(manifest.optional_host_permissions).toEqual(["https://*/*"]);
    expect(manifest).not.toHaveProperty("externally_connectable");
    expect(manifest).not.toHaveProperty("content_scripts");
  });

  test("the manifest has icons and a keyboard shortcut that opens the popup", async ({ openOptions }) => {
    const options = await openOptions();
    const manifest = await options.manifest();
    const icons = { 16: "icon/16.png", 32: "icon/32.png", 48: "icon/48.png", 128: "icon/128.png" };
    expect(manifest.icons).toEqual(icons);
    expect(manifest.action).toMatchObject({ default_icon: icons, default_popup: "popup.html" });
    expect(manifest.commands).toEqual({
      _execute_action: {
        suggested_key: { default: "Alt+Shift+S", mac: "MacCtrl+Shift+S" },
        // Chrome fills in the catalog text.
        description: "Open Placewise Support Helper to send a registration password",
      },
    });
    // Every icon is in the package at its size: a missing one would also break notifications (iconUrl).
    const sizes = await options.page.evaluate(async (paths) => {
      const found: Record<string, number> = {};
      for (const [size, path] of Object.entries(paths)) {
        const image = await createImageBitmap(await (await fetch(`/${path}`)).blob());
        found[size] = image.width === image.height ? image.width : -1;
      }
      return found;
    }, icons);
    expect(sizes).toEqual({ 16: 16, 32: 32, 48: 48, 128: 128 });
  });
});
