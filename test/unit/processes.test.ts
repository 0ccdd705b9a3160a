import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CrashCount, RESTARTS, spawnManaged } from "../../scripts/process/processes";

/**
 * A service of the local federation that dies is reported with the end of its log, so that a crash shows
 * where it happened (`npm start`'s terminal, the test run's output) instead of as a country that later
 * "could not be reached". A service asked to stop, or stopping on Ctrl-C, is not reported.
 */
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "processes-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function run(name: string, script: string) {
  let report: string | undefined;
  let onReport!: (text: string) => void;
  const reported = new Promise<string>((resolve) => (onReport = resolve));
  const managed = spawnManaged(name, process.execPath, ["-e", script], {}, join(dir, `${name}.log`), {
    onUnexpectedExit: (text) => onReport((report = text)),
  });
  const closed = new Promise<void>((resolve) => managed.child.once("close", () => resolve()));
  return { managed, closed, reported, report: () => report };
}

describe("a managed process", () => {
  it("that crashes is reported with its exit code and the end of its log", async () => {
    const crash = run(
      "crashing",
      `console.log("starting"); Promise.reject(new Error("the store went away mid-ping"));`,
    );
    const report = await crash.reported;
    expect(report).toMatch(/^crashing exited unexpectedly \(1\)/);
    expect(report).toContain("starting");
    expect(report).toContain("the store went away mid-ping");
  });

  it("that is asked to stop, or stops cleanly on a signal, is not reported", async () => {
    const asked = run("asked", "setInterval(() => undefined, 1000);");
    await sleep(300);
    await asked.managed.stop();
    const interrupted = run(
      "interrupted",
      `process.on("SIGINT", () => process.exit(0)); setInterval(() => undefined, 1000);`,
    );
    // Ended by a signal it does not handle, as a whole process group is on Ctrl-C.
    const terminated = run("terminated", "setInterval(() => undefined, 1000);");
    await sleep(300);
    interrupted.managed.child.kill("SIGINT");
    terminated.managed.child.kill("SIGTERM");
    await Promise.all([asked.closed, interrupted.closed, terminated.closed]);
    // A report would follow the close as soon as the log is written out.
    await sleep(500);
    expect(asked.report()).toBeUndefined();
    expect(interrupted.report()).toBeUndefined();
    expect(terminated.report()).toBeUndefined();
  });
});

describe("restarting a process that crashes", () => {
  it("pauses twice as long after each crash in a row, and leaves it stopped after the fifth", () => {
    let now = 0;
    const crashes = new CrashCount(() => now);
    const pauses: Array<number | null> = [];
    for (let i = 0; i < RESTARTS.giveUpAfter; i++) {
      now += 1_000; // each run dies a second after it started
      pauses.push(crashes.pauseAfterCrash());
      crashes.started();
    }
    expect(pauses).toEqual([500, 1_000, 2_000, 4_000, null]);
    expect(crashes.sequel("national-se", null)).toBe(
      "national-se crashed 5 times in a row; it is left stopped.",
    );
  });

  it("counts a crash after a long steady run as the first of a new row", () => {
    let now = 0;
    const crashes = new CrashCount(() => now);
    for (let i = 0; i < 4; i++) {
      now += 1_000;
      crashes.pauseAfterCrash();
      crashes.started();
    }
    now += RESTARTS.steadyAfterMs;
    const pause = crashes.pauseAfterCrash();
    expect(pause).toBe(RESTARTS.firstPauseMs);
    expect(crashes.sequel("gateway", pause)).toBe("gateway is started again in 500 ms.");
  });
});
