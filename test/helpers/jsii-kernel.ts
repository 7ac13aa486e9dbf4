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

  private readonly waiting: Array<(answer: any) => void> = [];
  private readonly early: any[] = [];

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const answer = JSON.parse(line);
      const waiter = this.waiting.shift();
      if (waiter) waiter(answer); else this.early.push(answer);
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
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.stdin!.end();
    });
  }

  private next(): Promise<any> {
    const early = this.early.shift();
    return early !== undefined ? Promise.resolve(early) : new Promise((resolve) => this.waiting.push(resolve));
  }
}
