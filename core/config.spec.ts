import { expect } from 'chai';
import { ConfigError, loadConfig } from './config.js';

const OPS = 'tm_live_config_spec_secret_value';
const base = { TREKMAIL_BASE_URL: 'https://trekmail.net', TREKMAIL_API_TOKEN: OPS };

function error(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).to.be.instanceOf(ConfigError);
    expect((e as Error).message).not.to.contain('config_spec_secret');
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('reads the defaults', () => {
    const c = loadConfig(base);
    expect(c).to.include({ baseUrl: 'https://trekmail.net', apiToken: OPS, timeoutMs: 30000, allowDestructive: false, allowSending: false, allowMigration: false, scopeAware: true });
    expect(c.messageToken).to.equal(undefined);
  });

  it('accepts a base URL with /api/v1 or a trailing slash', () => {
    expect(loadConfig({ ...base, TREKMAIL_BASE_URL: 'https://trekmail.net/api/v1/' }).baseUrl).to.equal('https://trekmail.net');
    expect(loadConfig({ ...base, TREKMAIL_BASE_URL: 'https://x.test/trek/' }).baseUrl).to.equal('https://x.test/trek');
  });

  it('allows http only for loopback', () => {
    expect(loadConfig({ ...base, TREKMAIL_BASE_URL: 'http://127.0.0.1:8080' }).baseUrl).to.equal('http://127.0.0.1:8080');
    expect(loadConfig({ ...base, TREKMAIL_BASE_URL: 'http://localhost:1' }).baseUrl).to.equal('http://localhost:1');
    const e = error({ ...base, TREKMAIL_BASE_URL: 'http://trekmail.net' });
    expect(e.variable).to.equal('TREKMAIL_BASE_URL');
    expect(e.message).to.contain('https');
  });

  it('names each mistake in one line', () => {
    const cases: [Record<string, string | undefined>, string, RegExp][] = [
      [{ ...base, TREKMAIL_BASE_URL: undefined }, 'TREKMAIL_BASE_URL', /required/],
      [{ ...base, TREKMAIL_BASE_URL: 'not a url' }, 'TREKMAIL_BASE_URL', /not a valid URL/],
      [{ ...base, TREKMAIL_BASE_URL: 'ftp://trekmail.net' }, 'TREKMAIL_BASE_URL', /https/],
      [{ ...base, TREKMAIL_BASE_URL: 'https://u:p@trekmail.net' }, 'TREKMAIL_BASE_URL', /credentials/],
      [{ ...base, TREKMAIL_API_TOKEN: 'tm_msg_wrong_kind_of_token' }, 'TREKMAIL_API_TOKEN', /tm_live_/],
      [{ ...base, TREKMAIL_MESSAGE_TOKEN: 'tm_live_config_spec_secret_value' }, 'TREKMAIL_MESSAGE_TOKEN', /tm_msg_/],
      [{ ...base, TREKMAIL_ALLOW_DESTRUCTIVE: 'yes' }, 'TREKMAIL_ALLOW_DESTRUCTIVE', /"true" or "false"/],
      [{ ...base, TREKMAIL_ALLOW_SENDING: '1' }, 'TREKMAIL_ALLOW_SENDING', /"true" or "false"/],
      [{ ...base, TREKMAIL_ALLOW_MIGRATION: 'on' }, 'TREKMAIL_ALLOW_MIGRATION', /"true" or "false"/],
      [{ ...base, TREKMAIL_TIMEOUT_MS: '-5' }, 'TREKMAIL_TIMEOUT_MS', /positive integer/],
      [{ ...base, TREKMAIL_TIMEOUT_MS: '1.5' }, 'TREKMAIL_TIMEOUT_MS', /positive integer/],
      [{ ...base, TREKMAIL_TIMEOUT_MS: '0' }, 'TREKMAIL_TIMEOUT_MS', /positive integer/],
      [{ ...base, TREKMAIL_UPLOAD_DIRS: 'relative/dir' }, 'TREKMAIL_UPLOAD_DIRS', /absolute/],
      [{ ...base, TREKMAIL_UPLOAD_DIRS: '/' }, 'TREKMAIL_UPLOAD_DIRS', /root/],
    ];
    for (const [env, variable, re] of cases) {
      const e = error(env);
      expect(e.variable, JSON.stringify(env)).to.equal(variable);
      expect(e.message).to.match(re);
      expect(e.message).not.to.contain('\n');
    }
  });

  it('reports a missing token with the documented message', () => {
    const e = error({ TREKMAIL_BASE_URL: 'https://trekmail.net' });
    expect(e.message).to.contain('Missing bearer token: set TREKMAIL_API_TOKEN or TREKMAIL_MESSAGE_TOKEN');
  });

  it('reads flags case-insensitively and the message token alone', () => {
    const c = loadConfig({ TREKMAIL_BASE_URL: 'https://trekmail.net', TREKMAIL_MESSAGE_TOKEN: 'tm_msg_abcdefgh', TREKMAIL_ALLOW_SENDING: 'TRUE', TREKMAIL_TIMEOUT_MS: '5000' });
    expect(c.allowSending).to.equal(true);
    expect(c.timeoutMs).to.equal(5000);
    expect(c.apiToken).to.equal(undefined);
  });
});
