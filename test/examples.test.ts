import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { generate } from '../examples/custom-generator';
import { synthesize as monorepo } from '../examples/monorepo';
import { PYPROJECT, synthesize as pythonProject } from '../examples/python-project';
import { dockerfileDiagnostics } from './helpers/dockerfile';
import { tempOutdir } from './helpers/project';
import { pixiManifestErrors, pyprojectErrors } from './helpers/schema';
import { shellcheck } from './helpers/shellcheck';
import { tomlData } from './helpers/toml';
import { workflowFindings } from './helpers/workflow-validators';

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('examples', () => {
  test('monorepo: two workspaces in subdirectories, one workflow at the root', async () => {
    const dir = tempOutdir();
    monorepo(dir);
    for (const service of ['services/training', 'services/api']) {
      expect(dockerfileDiagnostics(read(dir, `${service}/Dockerfile`))).toEqual([]);
      expect(pixiManifestErrors(tomlData(read(dir, `${service}/pixi.toml`)))).toEqual([]);
      expect(shellcheck(read(dir, `${service}/entrypoint.sh`), 'bash')).toEqual([]);
    }
    const workflow = read(dir, '.github/workflows/docker.yaml');
    expect(await workflowFindings(workflow)).toEqual([]);
    expect(workflow).toContain('context: services/training');
    expect(workflow).toContain('context: services/api');
    expect(read(dir, 'services/training/Dockerfile')).toContain('ENV CONDA_OVERRIDE_CUDA=12');
  });

  test('python project: its own pyproject.toml with [tool.pixi] is adopted and left as it was', async () => {
    const dir = tempOutdir();
    pythonProject(dir);
    expect(read(dir, 'pyproject.toml')).toBe(PYPROJECT);
    expect(existsSync(join(dir, 'pixi.toml'))).toBe(false);
    expect(read(dir, 'Dockerfile')).toContain('COPY pyproject.toml pixi.lock ./');
    const dockerfile = read(dir, 'Dockerfile');
    expect(dockerfileDiagnostics(dockerfile)).toEqual([]);
    expect(dockerfile).toContain('COPY pose_estimation ./pose_estimation');
    expect(dockerfile).toContain('COPY --from=build /app/pose_estimation /app/pose_estimation');
    expect(pyprojectErrors(tomlData(read(dir, 'pyproject.toml')))).toEqual([]);
    expect(await workflowFindings(read(dir, '.github/workflows/docker.yaml'))).toEqual([]);
  });

  test('custom generator: the pure renderers, without projen', () => {
    const dir = tempOutdir();
    const written = generate(dir);
    expect(written).toEqual(['Dockerfile.gpu', 'entrypoint.gpu.sh', 'apptainer.gpu.def']);
    expect(written.every((file) => existsSync(join(dir, file)))).toBe(true);
    expect(read(dir, 'Dockerfile.gpu')).toContain('ENV CONDA_OVERRIDE_CUDA=12.9');
    expect(dockerfileDiagnostics(read(dir, 'Dockerfile.gpu'))).toEqual([]);
    expect(shellcheck(read(dir, 'entrypoint.gpu.sh'), 'bash')).toEqual([]);
    expect(read(dir, 'apptainer.gpu.def')).toContain('org.opencontainers.image.title segmentation');
  });
});
