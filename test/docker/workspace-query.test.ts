import { IPixiWorkspace, PixiDockerImageSpec, PixiWorkspaceSpec } from '../../src';

/** A workspace that counts the questions an image asks it. */
function countingWorkspace(spec: PixiWorkspaceSpec): { workspace: IPixiWorkspace; views: () => number } {
  let views = 0;
  const workspace: IPixiWorkspace = {
    manifestFile: spec.manifestFile,
    environmentNames: spec.environmentNames,
    requiresPixi: spec.requiresPixi,
    environmentView: (environment, platform) => {
      views += 1;
      return spec.environmentView(environment, platform);
    },
  };
  return { workspace, views: () => views };
}

const CUDA_WORKSPACE = PixiWorkspaceSpec.parse([
  '[workspace]', 'channels = ["conda-forge"]', 'platforms = ["linux-64", "osx-arm64"]',
  '[activation]', 'scripts = ["setup.sh"]',
  '[feature.gpu.system-requirements]', 'cuda = "12"',
  '[environments]', 'gpu = ["gpu"]', '',
].join('\n'), 'pixi.toml');

describe('an image asks its workspace once, for one view of its environment on its platform', () => {
  test('one query answers the platform, CUDA, path inputs and activation', () => {
    const { workspace, views } = countingWorkspace(CUDA_WORKSPACE);
    const spec = new PixiDockerImageSpec({ workspace, environment: 'gpu' });
    expect(views()).toBe(1);
    expect(spec.platform).toBe('linux-64');
    expect(spec.cudaVersion).toBe('12');
    expect(spec.environmentView?.features).toEqual(['default', 'gpu']);
    expect(spec.environmentView?.subdirs).toEqual(['linux-64', 'osx-arm64']);
    expect(spec.environmentView?.activation.scripts).toEqual(['setup.sh']);
  });

  test('the view of an environment the workspace lacks is undefined, and the image names its own option', () => {
    expect(CUDA_WORKSPACE.environmentView('prod')).toBeUndefined();
    expect(() => new PixiDockerImageSpec({ workspace: CUDA_WORKSPACE, environment: 'prod' }))
      .toThrow(/PixiDockerImage: invalid environment "prod"; allowed: an environment of the workspace: default, gpu/);
  });

  test('a platform the environment lacks leaves the view without one, and the image refuses its platform option', () => {
    const view = CUDA_WORKSPACE.environmentView('gpu', 'osx-arm64')!;
    expect(view.platform).toBeUndefined();
    expect(view.imagePlatforms).toEqual(['linux-64']);
    expect(() => new PixiDockerImageSpec({ workspace: CUDA_WORKSPACE, environment: 'gpu', platform: 'osx-arm64' }))
      .toThrow(/PixiDockerImage: invalid platform "osx-arm64"; allowed: a linux-64 platform of environment "gpu": linux-64/);
  });

  test('options alone are checked before the workspace is asked', () => {
    const { workspace, views } = countingWorkspace(CUDA_WORKSPACE);
    expect(() => new PixiDockerImageSpec({ workspace, environment: 'gpu', ports: [0] })).toThrow(/ports\[0\] 0/);
    expect(views()).toBe(0);
  });
});
