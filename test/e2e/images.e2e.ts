import { Buildah } from './buildah';
import { imageSuite } from './images.suite';

/*
 * Builds every example image with buildah and runs it (the suite's table and checks: images.suite.ts).
 */
jest.setTimeout(300_000);

imageSuite(Buildah.setUp(0.2));
