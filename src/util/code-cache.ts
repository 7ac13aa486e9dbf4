/*
 * Loading a large CommonJS file through a V8 code cache: V8 parsing and compiling the bundle (lib/projen-pixi-bundle.js)
 * cost about 15 of the 35 ms the library added to an `npx projen` run, and pixi's compiled schemas
 * (schemas/pixi-toml-validator.js and its pyproject twin) about 80 ms of every run that adopts a manifest. The
 * cache is written at the end of the first run with a given file and Node version (so it holds all the code that
 * run compiled), to node_modules/.cache/projen-pixi in the package's own folder, which goes when the package does.
 *
 * It works only in Node's main context: in a sandbox (jest's module registry, another vm context) the caller
 * requires the file as usual, so that it runs there and uses the sandbox's modules and globals.
 */
import { isAscii } from 'buffer';
import { createHash } from 'crypto';
import { accessSync, constants, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { dirname, join } from 'path';
import { runInThisContext, Script } from 'vm';

/** The cache file starts with the SHA-256 of the text it was made from (this many bytes). */
const DIGEST_BYTES = 32;

type ModuleBody = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

/**
 * The cached code for a text with this digest, if there is any. V8 checks only the length of the source against
 * its cache: a cache made from another text of the same length would run that other text's code.
 */
function readCache(file: string, digest: Buffer): Buffer | undefined {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch {
    return undefined;
  }
  return content.subarray(0, DIGEST_BYTES).equals(digest) ? content.subarray(DIGEST_BYTES) : undefined;
}

/** Writes the cache by renaming a complete file into place (other processes may read it meanwhile). */
function writeCache(file: string, digest: Buffer, script: Script): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    accessSync(dirname(file), constants.W_OK);
  } catch {
    // A read-only package folder: runs compile the file as they would without a cache.
    return;
  }
  const temporary = `${file}.${process.pid}`;
  try {
    writeFileSync(temporary, Buffer.concat([digest, script.createCachedData()]));
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/** The file's bytes and text, when this module runs in Node's main context and the file is there. */
function mainContextSource(file: string): { bytes: Buffer; text: string } | undefined {
  if (runInThisContext('globalThis') !== globalThis) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  // esbuild writes ASCII, which latin1 decodes as UTF-8 would, at a fraction of the cost.
  return { bytes, text: bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8') };
}

/**
 * Runs a CommonJS file as Node's `require` would, compiled through a V8 code cache.
 * @param file the file
 * @param packageRoot the folder of projen-pixi's package.json, whose node_modules/.cache/projen-pixi keeps the cache
 * @param name the cache file's name (`<name>-<V8 version>-<arch>.bin`)
 * @returns the file's exports; undefined in a sandbox or when the file is not there, where the caller requires it
 */
export function requireThroughCodeCache(file: string, packageRoot: string, name: string): unknown {
  const source = mainContextSource(file);
  if (source === undefined) return undefined;
  // Of the bytes: hashing the text would encode it again.
  const digest = createHash('sha256').update(source.bytes).digest();
  const cacheFile = join(packageRoot, 'node_modules', '.cache', 'projen-pixi', `${name}-${process.versions.v8}-${process.arch}.bin`);
  const cached = readCache(cacheFile, digest);
  // Node's module wrapper: the file runs as if required, resolving its own requires from its folder.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source.text}\n})`, { filename: file, cachedData: cached });
  const loaded = { exports: {} as unknown };
  (script.runInThisContext() as ModuleBody)(loaded.exports, createRequire(file), loaded, file, dirname(file));
  if (cached === undefined || script.cachedDataRejected) {
    // At exit the cache holds every function the run compiled, not only the module bodies.
    process.once('exit', () => writeCache(cacheFile, digest, script));
  }
  return loaded.exports;
}
