/*
 * The package's entry point (package.json "main"). The library is one esbuild bundle, lib/projen-pixi-bundle.js
 * (the `bundle` task). V8 parsing and compiling it cost about 15 of the 35 ms the library added to an `npx projen`
 * run, so this entry compiles it with a V8 code cache: written at the end of the first run with a given bundle and
 * Node version (so it holds all the code that run compiled), to node_modules/.cache/projen-pixi in the package's
 * own folder, which goes when the package does.
 *
 * The bundle is required as usual instead where that cannot work: in a sandbox (jest's module registry, another
 * vm context), so that it runs there and uses the sandbox's projen; and where it is not beside this file (this
 * module bundled again, into someone's generator).
 */
import { createHash } from 'crypto';
import { accessSync, constants, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { runInThisContext, Script } from 'vm';

const BUNDLE = join(__dirname, 'projen-pixi-bundle.js');
const CACHE_DIR = join(__dirname, '..', 'node_modules', '.cache', 'projen-pixi');
/** The cache file starts with the SHA-256 of the bundle's text it was made from (this many bytes). */
const DIGEST_BYTES = 32;

type ModuleBody = (exports: unknown, require: NodeJS.Require, module: NodeJS.Module, filename: string, dirname: string) => void;

/**
 * The cached code for a bundle with this digest, if there is any. V8 checks only the length of the source against
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
    mkdirSync(CACHE_DIR, { recursive: true });
    accessSync(CACHE_DIR, constants.W_OK);
  } catch {
    // A read-only package folder: runs compile the bundle as they would without a cache.
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

/** The bundle's text, when this module runs in Node's main context with the bundle beside it. */
function bundleSource(): string | undefined {
  if (runInThisContext('globalThis') !== globalThis) return undefined;
  try {
    return readFileSync(BUNDLE, 'utf8');
  } catch {
    return undefined;
  }
}

function loadThroughCodeCache(source: string): void {
  const digest = createHash('sha256').update(source).digest();
  const cacheFile = join(CACHE_DIR, `bundle-${process.versions.v8}-${process.arch}.bin`);
  const cached = readCache(cacheFile, digest);
  // Node's module wrapper: the bundle runs as if required from this folder, and fills this module's exports.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: BUNDLE, cachedData: cached });
  (script.runInThisContext() as ModuleBody)(module.exports, require, module, BUNDLE, __dirname);
  if (cached === undefined || script.cachedDataRejected) {
    // At exit the cache holds every function the run compiled, not only the module bodies.
    process.once('exit', () => writeCache(cacheFile, digest, script));
  }
}

const source = bundleSource();
if (source !== undefined) {
  loadThroughCodeCache(source);
} else {
  // A plain require: the sandbox's module registry, or the bundler that bundled this module, loads the bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  module.exports = require('./projen-pixi-bundle.js');
}
