/*
 * The package's entry point (package.json "main"). The library is one esbuild bundle, lib/projen-pixi-bundle.js
 * (the `bundle` task), loaded through a V8 code cache (util/code-cache.ts).
 *
 * The bundle is required as usual instead where that cannot work: in a sandbox (jest's module registry, another
 * vm context), so that it runs there and uses the sandbox's projen; and where it is not beside this file (this
 * module bundled again, into someone's generator).
 */
import { join } from 'path';
import { requireThroughCodeCache } from './util/code-cache';

const loaded = requireThroughCodeCache(join(__dirname, 'projen-pixi-bundle.js'), join(__dirname, '..'), 'bundle');
// A plain require otherwise: the sandbox's module registry, or the bundler that bundled this module, loads the bundle.
// eslint-disable-next-line @typescript-eslint/no-require-imports
module.exports = loaded ?? require('./projen-pixi-bundle.js');
