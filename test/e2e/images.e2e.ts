import { Buildah } from './buildah';
import { imageSuite } from './images.suite';
import { layoutSuite } from './layouts.suite';
import { healthCheckedService, SERVICE_CHECK } from './repositories';
import { tempOutdir } from '../helpers/project';

/*
 * Builds every example image with buildah and runs it (the suite's table and checks: images.suite.ts).
 */
jest.setTimeout(300_000);

const buildah = Buildah.setUp(0.2);
imageSuite(buildah);

describe('real layouts (sources)', () => layoutSuite(buildah));

describe('a health check (HEALTHCHECK)', () => {
  test('buildah keeps it only in the Docker format: an OCI image configuration has none, and buildah says so', () => {
    const [service] = healthCheckedService();
    const logs = tempOutdir();
    const oci = buildah.build(service.context, service.dockerfile, 'e2e/service:oci', logs);
    expect(oci.output).toContain('HEALTHCHECK is not supported for OCI image format and will be ignored');
    expect(buildah.healthcheck('e2e/service:oci')).toBeUndefined();
    buildah.build(service.context, service.dockerfile, 'e2e/service:docker-format', logs, ['--format', 'docker']);
    expect(buildah.healthcheck('e2e/service:docker-format')).toEqual({
      Test: ['CMD', '/opt/pixi-image/entrypoint.sh', ...SERVICE_CHECK], Interval: 1e9, Timeout: 5e9,
    });
  });
});
