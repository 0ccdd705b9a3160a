// scripts/process/: the child processes the store and the local federation start, each writing to a log
// file of its own and reported with the end of that log if it fails; waiting for a port or a ready URL.
import { ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { connect } from "node:net";

/** A child service whose output goes to its own log file. */
export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  uid?: number;
  gid?: number;
  cwd?: string;
  /** The signal that asks the process to stop cleanly (PostgreSQL's fast shutdown is SIGINT). */
  stopSignal?: NodeJS.Signals;
  /**
   * Told when the process fails without having been asked to stop (a crash, not an exit on Ctrl-C), with
   * the end of its log.
   */
  onUnexpectedExit?: (report: string) => void;
}

/**
 * A process that exits without being asked to (after it first came up) is started again after a pause that
 * doubles with each crash in a row (from `firstPauseMs`: 0.5, 1, 2, 4 s); one that crashes `giveUpAfter`
 * times in a row is reported and left stopped. One that ran `steadyAfterMs` before it crashed starts a new row.
 */
export const RESTARTS = { firstPauseMs: 500, giveUpAfter: 5, steadyAfterMs: 60_000 };

/** The crashes in a row of one supervised process, and what follows from them. */
export class CrashCount {
  private inARow = 0;
  private since: number;

  constructor(private readonly now: () => number = Date.now) {
    this.since = now();
  }

  /** Call when the process (re)starts. */
  started(): void {
    this.since = this.now();
  }

  /** After a crash: how long to pause before starting it again, or null when it is to be left stopped. */
  pauseAfterCrash(): number | null {
    this.inARow = this.now() - this.since >= RESTARTS.steadyAfterMs ? 1 : this.inARow + 1;
    if (this.inARow >= RESTARTS.giveUpAfter) return null;
    return RESTARTS.firstPauseMs * 2 ** (this.inARow - 1);
  }

  /** What the report of a crash adds: when it is started again, or that it is left stopped. */
  sequel(name: string, pauseMs: number | null): string {
    return pauseMs === null
      ? `${name} crashed ${this.inARow} times in a row; it is left stopped.`
      : `${name} is started again in ${pauseMs} ms.`;
  }
}

/** Lines of a crashed process's log quoted in its exit report. */
const REPORTED_LOG_LINES = 30;

export function spawnManaged(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  logFile: string,
  options: SpawnOptions = {},
): ManagedProcess {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    uid: options.uid,
    gid: options.gid,
    cwd: options.cwd,
  });
  // Two streams share one file: neither may end it while the other still writes; it ends with the child.
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let stopping = false;
  child.once("close", (code, signal) => {
    log.end();
    const asked = stopping || code === 0 || signal === "SIGINT" || signal === "SIGTERM";
    if (asked || !options.onUnexpectedExit) return;
    log.once("finish", () => options.onUnexpectedExit?.(exitReport(name, code, signal, logFile)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name,
    child,
    logFile,
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(options.stopSignal ?? "SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

function exitReport(name: string, code: number | null, signal: string | null, logFile: string): string {
  let tail = "";
  try {
    tail = readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-REPORTED_LOG_LINES).join("\n");
  } catch {
    // No log to quote: the report says where it would have been.
  }
  return `${name} exited unexpectedly (${code ?? signal}); the end of ${logFile}:\n${tail}`;
}

function exitedEarly(process: ManagedProcess): Error | undefined {
  const { child } = process;
  if (child.exitCode === null && child.signalCode === null) return undefined;
  return new Error(`${process.name} exited (${child.exitCode ?? child.signalCode}); see ${process.logFile}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until something accepts TCP connections on the loopback port. */
export async function waitForPort(port: number, process: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const early = exitedEarly(process);
    if (early) throw early;
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => socket.end(() => resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(
    `${process.name} did not listen on port ${port} within ${timeoutMs} ms; see ${process.logFile}`,
  );
}

/** Waits until the service answers 200 on its readiness URL. */
export async function waitForReady(url: string, process: ManagedProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const early = exitedEarly(process);
    if (early) throw early;
    const ok = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await sleep(150);
  }
  throw new Error(`${process.name} was not ready at ${url} within ${timeoutMs} ms; see ${process.logFile}`);
}

/** Fails when something already listens on the loopback port: waiting for it would wait for a stranger. */
export async function assertPortFree(port: number, name: string): Promise<void> {
  const taken = await new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => socket.end(() => resolve(true)));
    socket.once("error", () => resolve(false));
  });
  if (taken) {
    throw new Error(
      `Port ${port} for ${name} is already in use: is another federation (or an old process) running?`,
    );
  }
}
