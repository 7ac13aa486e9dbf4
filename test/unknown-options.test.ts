import { Project } from 'projen';
import {
  ApptainerDefinition, ApptainerDefinitionSpec, DockerIgnore, GhcrWorkflow, GhcrWorkflowSpec, PixiDockerImage, PixiDockerImageSpec,
  PixiWorkspaceSpec, PixiWorkspace, HtcondorJob, HtcondorJobSpec, SlurmJob, SlurmJobSpec,
} from '../src';
import { tempRepository } from './helpers/project';

/*
 * `.projenrc.js` and other jsii languages have no compiler: a misspelt option must be an error that
 * names the right one, never a value dropped without a word.
 */
const project = () => new Project({ name: 'p', outdir: tempRepository() });
const loose = (options: unknown) => options as any;

describe('a misspelt option is an error that suggests the right name', () => {
  test.each<[string, () => unknown, RegExp]>([
    ['PixiDockerImage', () => new PixiDockerImage(project(), loose({ enviroment: 'gpu' })), /PixiDockerImage: unknown option enviroment; did you mean environment\? allowed: environment, cudaVersion/],
    ['PixiDockerImage command', () => new PixiDockerImage(project(), loose({ comand: ['python'] })), /PixiDockerImage: unknown option comand; did you mean command\?/],
    ['PixiDockerImageSpec', () => new PixiDockerImageSpec(loose({ finalimage: 'ubuntu:24.04' })), /PixiDockerImage: unknown option finalimage; did you mean finalImage\?/],
    ['PixiWorkspace', () => new PixiWorkspace(project(), loose({ enviroments: {} })), /PixiWorkspace: unknown option enviroments; did you mean environments\?/],
    ['a feature', () => PixiWorkspaceSpec.fromOptions(loose({ features: { gpu: { systemRequirement: { cuda: '12' } } } })),
      /PixiWorkspace: unknown option features.gpu.systemRequirement; did you mean features.gpu.systemRequirements\?/],
    ['system requirements', () => PixiWorkspaceSpec.fromOptions(loose({ systemRequirements: { cuda_version: '12' } })),
      /PixiWorkspace: unknown option systemRequirements.cuda_version/],
    ['an environment', () => PixiWorkspaceSpec.fromOptions(loose({ features: { gpu: {} }, environments: { gpu: { feature: ['gpu'] } } })),
      /PixiWorkspace: unknown option environments.gpu.feature; did you mean environments.gpu.features\?/],
    ['a target', () => PixiWorkspaceSpec.fromOptions(loose({ targets: { 'linux-64': { dependency: {} } } })),
      /PixiWorkspace: unknown option targets.linux-64.dependency; did you mean targets.linux-64.dependencies\?/],
    ['DockerIgnore', () => new DockerIgnore(project(), loose({ pattern: ['*.csv'] })), /DockerIgnore: unknown option pattern; did you mean patterns\?/],
    ['GhcrWorkflow', () => new GhcrWorkflow(project(), loose({ branch: ['main'] })), /GhcrWorkflow: unknown option branch; did you mean branches\?/],
    ['GhcrWorkflowSpec', () => new GhcrWorkflowSpec([{ spec: new PixiDockerImageSpec() }], loose({ tag: ['latest'] })), /GhcrWorkflow: unknown option tag; did you mean tags\?/],
    ['ApptainerDefinition', () => new ApptainerDefinition(project(), loose({ titel: 'x' })), /ApptainerDefinition: unknown option titel; did you mean title\?/],
    ['ApptainerDefinitionSpec', () => new ApptainerDefinitionSpec(new PixiDockerImageSpec(), loose({ files: 'x.def' })), /ApptainerDefinition: unknown option files; did you mean file\?/],
    ['HtcondorJob', () => new HtcondorJob(project(), loose({ image: new PixiDockerImage(project()), containerImage: 'a:1.0', gpu: 1 })), /HtcondorJob: unknown option gpu; did you mean gpus\?/],
    ['HtcondorJobSpec', () => new HtcondorJobSpec(new PixiDockerImageSpec(), loose({ containerImage: 'a:1.0', disc: '1GB' })), /HtcondorJob: unknown option disc; did you mean disk\?/],
    ['SlurmJob', () => new SlurmJob(project(), loose({ image: new PixiDockerImage(project()), containerImage: 'a:1.0', partiton: 'gpu' })), /SlurmJob: unknown option partiton; did you mean partition\?/],
    ['SlurmJobSpec', () => new SlurmJobSpec(new PixiDockerImageSpec(), loose({ containerImage: 'a:1.0', qqos: 'x' })), /SlurmJob: unknown option qqos; did you mean qos\?/],
    ['options that are no object', () => new DockerIgnore(project(), loose('*.csv')), /DockerIgnore: invalid options "\*.csv"; allowed: an object with defaults and patterns/],
  ])('%s', (_name, construct, error) => {
    expect(construct).toThrow(error);
  });
});
