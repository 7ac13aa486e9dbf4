/**
 * The constructs added to a projen Python project that already has a `pyproject.toml` with
 * `[tool.pixi]` tables: the workspace is adopted (never rewritten, so `pixi add` keeps working).
 * The workspace installs the project itself in editable mode, so the image copies the package
 * directory before `pixi install` and keeps it at the same path in the final image.
 * Run: `npx ts-node --project test/tsconfig.json examples/python-project/index.ts OUTDIR`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { python } from 'projen';
import { DockerIgnore, GhcrWorkflow, PixiDockerImage, PixiWorkspace } from '../../src';

/** The project's own pyproject.toml, as `pixi init --format pyproject` and `pixi add` leave it. */
export const PYPROJECT = `[project]
name = "pose-estimation"
version = "0.1.0"
requires-python = ">=3.12"
dependencies = ["numpy>=2"]

[build-system]
build-backend = "hatchling.build"
requires = ["hatchling"]

[tool.pixi.workspace]
channels = ["conda-forge"]
platforms = ["linux-64", "osx-arm64"]

[tool.pixi.pypi-dependencies]
pose_estimation = { path = ".", editable = true }

[tool.pixi.dependencies]
opencv = ">=4.10"

[tool.pixi.feature.test.dependencies]
pytest = "*"

[tool.pixi.environments]
default = { solve-group = "default" }
test = { features = ["test"], solve-group = "default" }
`;

export function synthesize(outdir: string): python.PythonProject {
  process.env.PROJEN_DISABLE_POST = 'true';
  mkdirSync(outdir, { recursive: true });
  // Stands in for the file the repository already has.
  if (!existsSync(join(outdir, 'pyproject.toml'))) writeFileSync(join(outdir, 'pyproject.toml'), PYPROJECT);

  const project = new python.PythonProject({
    name: 'pose-estimation', moduleName: 'pose_estimation', version: '0.1.0',
    authorName: 'A. Researcher', authorEmail: 'researcher@example.org', outdir,
  });
  PixiWorkspace.fromManifest(project, 'pyproject.toml');
  new PixiDockerImage(project, {
    // The editable install builds from, and then links to, the package directory.
    installInputs: ['pose_estimation'],
    // The package is in the image already, at /app/pose_estimation, where the link points.
    copySources: false,
    command: ['python', '-m', 'pose_estimation'],
  });
  new DockerIgnore(project);
  new GhcrWorkflow(project);
  project.synth();
  return project;
}

if (require.main === module) synthesize(process.argv[2] ?? 'demo-out/python-project');
