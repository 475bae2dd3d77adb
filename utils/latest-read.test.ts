import { describe, expect, it } from "vitest";
import { createLatestRead } from "./latest-read";

/** A promise the test settles by hand, to order answers. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("createLatestRead", () => {
  it("shows loading, then the answer, remembering what it was read for", async () => {
    const read = createLatestRead<string, string>();
    const answer = deferred<{ status: "loaded"; value: string }>();
    const running = read.run("a", () => answer.promise);
    expect(read.state.value).toEqual({ status: "loading" });
    expect(read.key).toBe("a");
    answer.resolve({ status: "loaded", value: "A" });
    await running;
    expect(read.state.value).toEqual({ status: "loaded", value: "A" });
  });

  it("drops a slow answer once a newer read was asked for", async () => {
    const read = createLatestRead<string, string>();
    const slow = deferred<{ status: "loaded"; value: string }>();
    const first = read.run("old", () => slow.promise);
    await read.run("new", async () => ({ status: "loaded", value: "NEW" }));
    slow.resolve({ status: "loaded", value: "OLD" });
    await first;
    expect(read.state.value).toEqual({ status: "loaded", value: "NEW" });
    expect(read.key).toBe("new");
  });

  it("drops an answer that arrives after a reset or a shown state", async () => {
    const read = createLatestRead<string, string>();
    const slow = deferred<{ status: "loaded"; value: string }>();
    const running = read.run("a", () => slow.promise);
    read.reset();
    slow.resolve({ status: "loaded", value: "A" });
    await running;
    expect(read.state.value).toEqual({ status: "idle" });
    expect(read.key).toBe("");

    const again = deferred<{ status: "loaded"; value: string }>();
    const second = read.run("b", () => again.promise);
    read.show("b", { status: "failed", failure: "refused" });
    again.resolve({ status: "loaded", value: "B" });
    await second;
    expect(read.state.value).toEqual({ status: "failed", failure: "refused" });
  });
});
