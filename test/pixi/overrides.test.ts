import { Project, Testing } from 'projen';
import { PixiDockerImage, PixiValidationError, PixiWorkspace, PixiWorkspaceSpec } from '../../src';
import { tempRepository } from '../helpers/project';
import { pixiManifestErrors } from '../helpers/schema';
import { tomlData } from '../helpers/toml';

describe('overrides: keys the options do not cover', () => {
  test('are written into the generated manifest, which still passes pixi\'s schema', () => {
    const project = new Project({ name: 'lab', outdir: tempRepository() });
    new PixiWorkspace(project, {
      dependencies: { python: '3.12.*' },
      overrides: {
        'pypi-options.index-url': 'https://pypi.example.org/simple',
        'workspace.exclude-newer': '2026-11-01',
        'dependencies.ruamel\\.yaml': '>=0.18',
        'feature.gpu.system-requirements.cuda': '12',
        'environments.gpu': ['gpu'],
      },
    });
    const data = tomlData(Testing.synth(project)['pixi.toml']) as any;
    expect(data['pypi-options']).toEqual({ 'index-url': 'https://pypi.example.org/simple' });
    expect(data.workspace['exclude-newer']).toBe('2026-11-01');
    expect(data.dependencies).toEqual({ 'python': '3.12.*', 'ruamel.yaml': '>=0.18' });
    expect(pixiManifestErrors(data)).toEqual([]);
  });

  test('are seen by every query: an override\'s environment, CUDA version and find-links reach the images', () => {
    const spec = PixiWorkspaceSpec.fromOptions({
      overrides: {
        'feature.gpu.system-requirements.cuda': '12.9',
        'environments.gpu': ['gpu'],
        'pypi-options.find-links': [{ path: './wheels' }],
      },
    });
    expect(spec.environmentNames).toEqual(['default', 'gpu']);
    expect(spec.cudaVersionFor('gpu')).toBe('12.9');
    expect(spec.pathDependenciesOf('default').map((dependency) => [dependency.name, dependency.path])).toEqual([['find-links[0]', 'wheels']]);
    const project = new Project({ name: 'lab', outdir: tempRepository() });
    const workspace = new PixiWorkspace(project, { overrides: { 'environments.gpu': [], 'pypi-options.find-links': [{ path: './wheels' }] } });
    expect(() => new PixiDockerImage(project, { environment: 'gpu', workspace })).toThrow(/installInputs/);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['a key the options write', { 'workspace.name': 'other' }, /invalid overrides\["workspace\.name"\] "other"; allowed: a key the options do not write: workspace\.name comes from the options/],
    ['a path through a value', { 'workspace.channels.x': 1 }, /invalid overrides\["workspace\.channels\.x"\] 1; allowed: a path through tables: workspace\.channels is not a table/],
    ['an empty key', { 'pypi-options..index-url': 'x' }, /invalid overrides\["pypi-options\.\.index-url"\] "pypi-options\.\.index-url"; allowed: a dotted TOML path/],
    ['null, which TOML cannot hold', { 'workspace.preview': null }, /invalid overrides\["workspace\.preview"\] null; allowed: a TOML value/],
    ['a number that is not finite', { 'workspace.x': Number.NaN }, /invalid overrides\["workspace\.x"\]/],
    ['a key pixi\'s schema does not know', { 'workspace.colour': 'blue' }, /PixiWorkspace: unknown key overrides: pixi\.toml workspace\.colour; allowed: what pixi reads there: .*name/],
    ['a value of the wrong type', { 'pypi-options.index-url': 3 }, /PixiWorkspace: invalid overrides: pixi\.toml pypi-options\.index-url 3; allowed: what pixi's manifest schema allows there/],
  ])('refuse %s, naming the override', (_name, overrides, message) => {
    expect(() => PixiWorkspaceSpec.fromOptions({ name: 'lab', overrides })).toThrow(PixiValidationError);
    expect(() => PixiWorkspaceSpec.fromOptions({ name: 'lab', overrides })).toThrow(message);
  });

  test('__proto__ is a key like any other', () => {
    const spec = PixiWorkspaceSpec.fromOptions({ overrides: JSON.parse('{ "dependencies.__proto__": "1.*" }') });
    expect(tomlData(spec.render()).dependencies).toEqual(JSON.parse('{ "__proto__": "1.*" }'));
  });
});
