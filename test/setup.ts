import 'reflect-metadata';
import nock from 'nock';

/** Root hooks: no test reaches the network beyond loopback, and every declared HTTP mock must be used. */
export const mochaHooks = {
  beforeAll() {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  },
  afterEach(this: Mocha.Context) {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (pending.length && this.currentTest?.state === 'passed') {
      throw new Error(`HTTP mocks never called: ${pending.join(', ')}`);
    }
  },
};
