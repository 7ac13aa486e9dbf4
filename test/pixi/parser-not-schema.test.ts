import { cpSync } from 'fs';
import { Project, Testing } from 'projen';
import { PixiDockerImage, PixiWorkspace } from '../../src';
import { tempRepository } from '../helpers/project';
import { refusal } from '../helpers/refusal';
import { pixiManifestErrors } from '../helpers/schema';
import { manifestFixture, readFixture, tomlData } from '../helpers/toml';

/*
 * For what a repository already has, pixi's parser is the authority, not its JSON schema, which is stricter: each
 * difference found on real manifests, with a fixture shaped like the real one. The schema still refuses these files,
 * which shows the difference is real.
 */

/** The fixture adopted in a project of its own, with the warnings projen's logger printed. */
function adopted(fixture: string) {
  const outdir = tempRepository();
  cpSync(manifestFixture(fixture), outdir, { recursive: true });
  const project = new Project({ name: fixture, outdir });
  const warnings: string[] = [];
  project.logger.warn = (...text: unknown[]) => { warnings.push(text.join(' ')); };
  const workspace = PixiWorkspace.fromManifest(project);
  return { project, workspace, warnings };
}

describe('read as pixi\'s parser reads them, where its schema is stricter', () => {
  test('empty [activation.env] values: pixi keeps a plain map of strings (crates/pixi_manifest/src/activation.rs)', () => {
    expect(pixiManifestErrors(tomlData(readFixture('empty-activation-value', 'pixi.toml'))).join('\n')).toMatch(/must NOT have fewer than 1 characters/);
    const { project, workspace } = adopted('empty-activation-value');
    expect(workspace.spec.environmentView('headless', 'linux-64')!.activation.env).toEqual({ VIEWER_BACKEND: 'egl', DISPLAY: '' });
    new PixiDockerImage(project, { environment: 'headless', finalImageKind: 'distroless' as any, finalImage: 'gcr.io/distroless/base-debian12' });
    // A shell-less image sets it as ENV, the empty value included.
    expect(Testing.synth(project).Dockerfile).toMatch(/^ENV DISPLAY="" \\\n {4}VIEWER_BACKEND="egl"$/m);
  });

  test('legacy [package.target.<platform>] tables: read, with pixi\'s deprecation warning (crates/pixi_manifest/src/toml/package.rs)', () => {
    expect(pixiManifestErrors(tomlData(readFixture('legacy-package-target', 'pixi.toml'))).join('\n')).toMatch(/additional properties/i);
    const { project, warnings } = adopted('legacy-package-target');
    expect(warnings.join('\n')).toContain('[package.target.linux-64] is deprecated: pixi still reads it');
    new PixiDockerImage(project, { installInputs: ['pixi.toml'], copySources: false });
    expect(Testing.synth(project).Dockerfile).toContain('ENV CONDA_OVERRIDE_CUDA=12');
  });

  test.each([
    ['an absolute path', 'default', 'pypi-dependencies.labtools, path "/opt/lab/labtools"'],
    ['a path under ~/', 'dev', 'feature.dev.pypi-dependencies.scratch, path "~/src/scratch"'],
  ])('%s stays absolute, as pixi keeps it (crates/pixi_spec/src/path.rs), and is refused naming the dependency', (_what, environment, named) => {
    const { project } = adopted('absolute-path-dependency');
    const error = refusal(() => new PixiDockerImage(project, { environment, dockerfile: `Dockerfile.${environment}` }));
    expect(error.option).toContain(named);
    expect(error.message).toMatch(/a Dockerfile cannot copy files from outside it; pixi reads ".*" on the machine that installs/);
    // Not "installInputs": no input could hold it.
    expect(error.option).not.toBe('installInputs');
  });

  test('an absolute activation script is left to the image, as pixi leaves it (crates/pixi_core/src/activation.rs), and said so', () => {
    const { project, warnings } = adopted('absolute-activation-script');
    const image = new PixiDockerImage(project, {});
    expect(image.spec.activationScripts).toEqual(['activate.sh']);
    expect(image.spec.absoluteActivationScripts).toEqual(['/etc/profile.d/site-modules.sh']);
    expect(warnings.join('\n')).toMatch(/absolute activation scripts \/etc\/profile.d\/site-modules.sh are not in the build context; .*drops it with a warning otherwise/);
    const dockerfile = Testing.synth(project).Dockerfile;
    expect(dockerfile).toContain('COPY activate.sh ./');
    expect(dockerfile).not.toContain('site-modules');
  });
});
