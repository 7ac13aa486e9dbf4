import { Project } from 'projen';
import { PixiWorkspaceSpec, PixiWorkspace, PixiWorkspaceOptions } from '../../src';
import { tempRepository } from '../helpers/project';

const F = { a: {}, b: {} };

/** Each bad value and what the error must name: the table, the key and the value. */
const BAD: [string, PixiWorkspaceOptions, RegExp][] = [
  ['environment using an unknown feature', { features: F, environments: { gpu: { features: ['cuda'] } } },
    /invalid environments.gpu.features\[0\] "cuda"; allowed: a defined feature \(a, b\)/],
  ['environment name with capitals', { environments: { GPU: {} } }, /invalid environments key "GPU"; allowed: a pixi environment name/],
  ['environment name with an underscore', { environments: { my_env: {} } }, /environments key "my_env"/],
  ['feature name with a newline', { features: { 'my\nfeature': {} } }, /invalid features key "my\\nfeature"; allowed: a feature name/],
  ['feature named default', { features: { default: {} } }, /invalid features key "default"; allowed: a name other than "default"/],
  ['task name with a space', { tasks: { 'run it': 'x' } }, /invalid tasks key "run it"; allowed: a task name/],
  ['task name with a dollar', { features: { a: { tasks: { $x: 'x' } } } }, /invalid features.a.tasks key "\$x"/],
  ['task depending on an unknown task', { tasks: { b: { cmd: 'x', dependsOn: ['c'] } } }, /invalid tasks.b.dependsOn\[0\] "c"; allowed: a task defined in the workspace \(b\)/],
  ['task without cmd or dependsOn', { tasks: { b: {} } }, /invalid tasks.b \{\}; allowed: a table with cmd or dependsOn/],
  ['empty task command', { tasks: { b: '  ' } }, /invalid tasks.b "  "/],
  ['task argument name with a dash', { tasks: { b: { cmd: 'x', args: [{ arg: 'my-arg' }] } } }, /tasks.b.args\[0\] key "my-arg"/],
  ['unknown platform', { platforms: ['linux-128'] }, /invalid platforms\[0\] "linux-128"; allowed: a conda platform/],
  ['rich platform with an unknown subdir', { platforms: [{ name: 'x', platform: 'macos-64' }] }, /platforms\[0\].platform "macos-64"/],
  ['rich platform with a reserved name', { platforms: [{ name: 'linux', platform: 'linux-64' }] }, /platforms\[0\].name "linux"/],
  ['rich platform with a bad CUDA version', { platforms: [{ name: 'c', platform: 'linux-64', cuda: 'twelve' }] }, /platforms\[0\].cuda "twelve"/],
  ['the same platform twice', { platforms: ['linux-64', 'linux-64'] }, /invalid platforms "linux-64"; allowed: each platform name once/],
  ['feature platform not in the workspace', { platforms: ['linux-64'], features: { a: { platforms: ['win-64'] } } },
    /invalid features.a.platforms\[0\] "win-64"; allowed: a platform of the workspace \(linux-64\)/],
  ['target for an unknown platform', { targets: { 'linux-65': {} } }, /invalid targets key "linux-65"; allowed: a platform, a selector/],
  ['feature target for an unknown platform', { features: { a: { targets: { beos: {} } } } }, /invalid features.a.targets key "beos"/],
  ['system-requirements cuda not a version', { systemRequirements: { cuda: '12.x' } }, /invalid systemRequirements.cuda "12.x"/],
  ['feature system-requirements cuda not a version', { features: { a: { systemRequirements: { cuda: 'latest' } } } }, /features.a.systemRequirements.cuda "latest"/],
  ['conda package name with a space', { dependencies: { 'py thon': '3' } }, /invalid dependencies key "py thon"; allowed: a conda package name/],
  ['empty version', { dependencies: { python: '' } }, /invalid dependencies.python ""; allowed: a version spec/],
  ['version with a newline', { dependencies: { python: '3.12\n[tasks]' } }, /invalid dependencies.python "3.12\\n\[tasks\]"/],
  ['empty conda dependency table', { dependencies: { python: {} } }, /invalid dependencies.python \{\}; allowed: a version string or a table/],
  ['PyPI name with a slash', { pypiDependencies: { 'a/b': '*' } }, /invalid pypiDependencies key "a\/b"; allowed: a PyPI package name/],
  ['PyPI git and path at once', { pypiDependencies: { a: { git: 'https://x/a.git', path: '.' } } }, /invalid pypiDependencies.a .*allowed: one source/],
  ['PyPI two git refs', { pypiDependencies: { a: { git: 'https://x/a.git', tag: 'v1', branch: 'main' } } }, /pypiDependencies.a .*one of rev, branch, tag/],
  ['PyPI git ref without git', { pypiDependencies: { a: { version: '1', rev: 'abc' } } }, /pypiDependencies.a .*one source/],
  ['PyPI editable without path', { pypiDependencies: { a: { version: '>=1', editable: true } } }, /invalid pypiDependencies.a.editable true; allowed: only with path/],
  ['PyPI index without version', { pypiDependencies: { a: { url: 'https://x/a.whl', index: 'https://i' } } }, /pypiDependencies.a.index .*only with version/],
  ['activation variable with a dash', { activation: { env: { 'MY-VAR': 'x' } } }, /invalid activation.env key "MY-VAR"/],
  ['no channels', { channels: [] }, /invalid channels \[\]; allowed: at least one entry/],
  ['channel with a newline', { channels: ['conda-forge\n'] }, /invalid channels\[0\] "conda-forge\\n"/],
  ['name with a newline', { name: 'a\nb' }, /invalid name "a\\nb"/],
  ['unknown channel priority', { channelPriority: 'loose' as any }, /invalid channelPriority "loose"; allowed: ChannelPriority.STRICT \("strict"\), ChannelPriority.FLEXIBLE/],
];

describe('bad workspace options throw, naming table, key and value', () => {
  test.each(BAD)('%s', (_name, options, message) => {
    expect(() => PixiWorkspaceSpec.fromOptions(options)).toThrow(message);
    expect(() => PixiWorkspaceSpec.fromOptions(options)).toThrow(/^PixiWorkspace: invalid /);
  });

  test('nothing is written', () => {
    const project = new Project({ name: 'p', outdir: tempRepository() });
    expect(() => new PixiWorkspace(project, { platforms: ['linux-128'] })).toThrow(/linux-128/);
    expect(project.tryFindFile('pixi.toml')).toBeUndefined();
  });

  test('one workspace per project', () => {
    const project = new Project({ name: 'p', outdir: tempRepository() });
    new PixiWorkspace(project);
    expect(() => new PixiWorkspace(project)).toThrow(/already has a pixi workspace/);
  });
});
