import { describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { dropAfter, mirrored } from "./storage-mirror";

const readCount = () => {
  const read = vi.fn(async () => (await fakeBrowser.storage.local.get("value")).value);
  return { read, mirror: mirrored(read, (changes, area) => area === "local" && "value" in changes) };
};

describe("a mirrored storage read", () => {
  it("reads storage once until storage says the value changed", async () => {
    await fakeBrowser.storage.local.set({ value: 1 });
    const { read, mirror } = readCount();
    expect(await mirror.read()).toBe(1);
    expect(await mirror.read()).toBe(1);
    expect(read).toHaveBeenCalledTimes(1);
    await fakeBrowser.storage.local.set({ value: 2 });
    expect(await mirror.read()).toBe(2);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("ignores changes to other keys", async () => {
    await fakeBrowser.storage.local.set({ value: 1 });
    const { read, mirror } = readCount();
    await mirror.read();
    await fakeBrowser.storage.local.set({ other: 1 });
    await mirror.read();
    expect(read).toHaveBeenCalledTimes(1);
  });

  it("drops the copy after the background's own write, even before the change event", async () => {
    // A filter that matches nothing stands for a change event that has not arrived yet.
    const read = vi.fn(async () => (await fakeBrowser.storage.local.get("value")).value);
    const mirror = mirrored(read, () => false);
    await fakeBrowser.storage.local.set({ value: 1 });
    expect(await mirror.read()).toBe(1);
    await dropAfter(fakeBrowser.storage.local.set({ value: 3 }), mirror);
    expect(await mirror.read()).toBe(3);
  });

  it("does not keep a failed read", async () => {
    const read = vi.fn().mockRejectedValueOnce(new Error("busy")).mockResolvedValue(5);
    const mirror = mirrored(read, () => true);
    await expect(mirror.read()).rejects.toThrow("busy");
    expect(await mirror.read()).toBe(5);
  });
});
