// jest runs this file before each test file (setupFilesAfterEnv): the temp dirs it makes go after its tests.
import { removeTempDirs } from './temp';

afterAll(removeTempDirs);
