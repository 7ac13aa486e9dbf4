/*
 * The jsii kernel as another language runs this library: the pinned @jsii/runtime (fetched by
 * scripts/install-jsii-runtime.sh on first use) spoken to over its standard input and output, one JSON
 * request per line, as jsii's Python, Java, .NET and Go runtimes do. What those languages see of a call is
 * exactly its answer here: a value, or `{ error, name, stack }` from which they raise their own error.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { join } from 'path';
import { createInterface } from 'readline';

const ROOT = join(__dirname, '..', '..');

/** A kernel answer: `ok` on success; `error` (the message) and `name` when the call threw. */
export interface KernelAnswer {
  readonly ok?: any;
  readonly error?: string;
  readonly name?: string;
}

/** The runtime's entry, fetched on first use; throws (never skips) when it cannot be. */
function runtimeEntry(): string {
  const result = spawnSync('bash', [join(ROOT, 'scripts', 'install-jsii-runtime.sh')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`scripts/install-jsii-runtime.sh failed; the jsii runtime is needed by this test:\n${result.stderr}`);
  return result.stdout.trim().split('\n').pop()!;
}

export class JsiiKernel {
  /** Starts the runtime and waits for its greeting. */
  public static async start(): Promise<JsiiKernel> {
    const kernel = new JsiiKernel(spawn(process.execPath, [runtimeEntry()], { stdio: ['pipe', 'pipe', 'pipe'] }));
    const hello = await kernel.next();
    if (!('hello' in hello)) throw new Error(`the jsii runtime did not greet: ${JSON.stringify(hello)}`);
    return kernel;
  }

  private readonly waiting: Array<{ resolve: (answer: any) => void; reject: (error: Error) => void }> = [];
  private readonly early: any[] = [];
  /** What the runtime wrote to its standard error: read as it comes, so a full pipe never stalls it. */
  private stderr = '';
  private exited?: Error;

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const answer = JSON.parse(line);
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(answer); else this.early.push(answer);
    });
    child.stderr!.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
    // A runtime that dies fails the requests still waiting, with what it said, instead of leaving them hanging.
    child.once('exit', (code, signal) => {
      this.exited = new Error(`the jsii runtime exited (${signal ?? code}):\n${this.stderr}`);
      for (const waiter of this.waiting.splice(0)) waiter.reject(this.exited);
    });
  }

  /** Sends one request (`{ api: 'load' | 'create' | 'sinvoke' | ..., ... }`) and returns the kernel's answer. */
  public request(request: Record<string, unknown>): Promise<KernelAnswer> {
    const answer = this.next();
    this.child.stdin!.write(`${JSON.stringify(request)}\n`);
    return answer;
  }

  /** Loads an assembly from its npm tarball (its dependencies first, as the languages' runtimes do). */
  public async load(name: string, version: string, tarball: string): Promise<void> {
    const answer = await this.request({ api: 'load', name, version, tarball });
    if (answer.ok === undefined) throw new Error(`the kernel could not load ${name}: ${answer.error}`);
  }

  /** Ends the runtime and waits for it to exit. */
  public stop(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.stdin!.end();
    });
  }

  private next(): Promise<any> {
    const early = this.early.shift();
    if (early !== undefined) return Promise.resolve(early);
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
}
