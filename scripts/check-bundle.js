// prepack guard: the package's entry (lib/main.js) loads lib/projen-pixi-bundle.js, made by the `bundle` step of
// `npx projen compile`. A lib/ compiled without it (a bare `jsii`, or an edit since) would pack a package that fails
// with "Cannot find module './projen-pixi-bundle.js'" or runs stale code, so packing stops here instead.
const { existsSync, readdirSync, statSync } = require('fs');
const { join, relative } = require('path');

const lib = join(process.cwd(), 'lib');
const bundle = join(lib, 'projen-pixi-bundle.js');

/** Every compiled .js module under lib/ but the bundle itself. */
function modules(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.js') && path !== bundle ? [path] : [];
  });
}

function fail(reason) {
  console.error(`npm pack: ${reason}. Run \`npx projen compile\` (it compiles and bundles), then pack again.`);
  process.exit(1);
}

if (!existsSync(join(lib, 'index.js'))) fail('lib/index.js is missing: the library is not compiled');
if (!existsSync(bundle)) fail('lib/projen-pixi-bundle.js is missing');
const bundled = statSync(bundle).mtimeMs;
const newer = modules(lib).filter((path) => statSync(path).mtimeMs > bundled);
if (newer.length > 0) fail(`lib/projen-pixi-bundle.js is older than ${relative(process.cwd(), newer[0])}`);
