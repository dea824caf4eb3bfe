import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, formatReport } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { packSpec } from './pack.js';
import { api, BASE, memoryLogger, OPS_TOKEN } from '../test/harness.js';
import { FixturePack } from '../test/fixtures/tools.js';
import { VerifierPack } from '../plugins/verifier/verifier.plugin.js';

const packs = [packSpec(FixturePack)!, packSpec(VerifierPack)!];
const start = (env: Record<string, string>) =>
  startCore(loadConfig({ TREKMAIL_BASE_URL: BASE, TREKMAIL_API_TOKEN: OPS_TOKEN, TREKMAIL_SCOPE_AWARE_REGISTRATION: 'false', ...env }), { packs, logger: memoryLogger([]), http: { sleep: async () => {} } });
const names = async (env: Record<string, string>) => (await start(env)).runtime.list().map((t) => t.name);

describe('start-up selection and audit', () => {
  it('TREKMAIL_TOOLSETS selects packs and areas; unselected packs are not imported', async () => {
    const onlyVerifier = await names({ TREKMAIL_TOOLSETS: 'verifier' });
    expect(onlyVerifier.filter((n) => n !== 'preview_tool_call').every((n) => n.startsWith('verify_'))).to.equal(true);
    expect(onlyVerifier).to.include('verify_email');
    const core = await start({ TREKMAIL_TOOLSETS: 'verifier' });
    expect(core.report.packs.find((p) => p.id === 'fixture')!.decision.reasons).to.deep.equal(['not selected by TREKMAIL_TOOLSETS']);
    expect(formatReport(core.report)).to.contain('fixture: not loaded: not selected by TREKMAIL_TOOLSETS');
  });

  it('TREKMAIL_TOOLSETS=default loads the packs\' everyday areas only', async () => {
    const everyday = [{ ...packSpec(VerifierPack)!, defaultAreas: ['verifier'] }, packSpec(FixturePack)!];
    const core = await startCore(loadConfig({ TREKMAIL_BASE_URL: BASE, TREKMAIL_API_TOKEN: OPS_TOKEN, TREKMAIL_SCOPE_AWARE_REGISTRATION: 'false', TREKMAIL_TOOLSETS: 'default' }), { packs: everyday, logger: memoryLogger([]) });
    const listed = core.runtime.list().map((t) => t.name);
    expect(listed).to.include('verify_email');
    expect(listed.filter((n) => n.startsWith('fx_'))).to.deep.equal([]);
    expect(core.report.packs.find((p) => p.id === 'fixture')!.decision.reasons).to.deep.equal(['not selected by TREKMAIL_TOOLSETS']);
  });

  it('an unknown toolset is a start-up error listing the valid names', async () => {
    let err: unknown;
    await start({ TREKMAIL_TOOLSETS: 'verifier,mail' }).catch((e) => (err = e));
    expect(err).to.be.instanceOf(ConfigError);
    expect((err as Error).message).to.contain('unknown toolset "mail"').and.contain('valid: ').and.contain('verifier');
  });

  it('TREKMAIL_READ_ONLY keeps read tools only', async () => {
    const all = await start({});
    const ro = await start({ TREKMAIL_READ_ONLY: 'true' });
    // The preview tool exists only when there is something to preview.
    const reads = all.runtime.list().filter((t) => t.annotations.readOnlyHint && t.name !== 'preview_tool_call').map((t) => t.name);
    expect(ro.runtime.list().map((t) => t.name)).to.deep.equal(reads);
    expect(reads.length).to.be.greaterThan(3);
  });

  it('TREKMAIL_HIDE_GATED_TOOLS hides tools behind a closed gate, keeps them once it is open', async () => {
    const hidden = await names({ TREKMAIL_HIDE_GATED_TOOLS: 'true' });
    expect(hidden).not.to.include('verify_delete_job');
    expect(hidden).not.to.include('fx_send');
    expect(hidden).to.include('fx_bulk');
    expect(hidden).to.include('fx_cancel');
    const open = await names({ TREKMAIL_HIDE_GATED_TOOLS: 'true', TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
    expect(open).to.include('verify_delete_job');
    expect(open).not.to.include('fx_send');
  });

  it('the audit log has one JSON line per call, secrets redacted, with outcome, status, request id and duration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-audit-'));
    const path = join(dir, 'sub', 'audit.jsonl');
    const core = await start({ TREKMAIL_AUDIT_LOG: path, TREKMAIL_ALLOW_DESTRUCTIVE: 'true' });
    api().post('/api/v1/things/1/password').reply(200, { ok: true }, { 'x-request-id': 'req-audit-1' });
    await core.runtime.call('fx_password', { thing_id: 1, password: 'Sup3r-Secret-pw' });
    await core.runtime.call('fx_send', { to: 'a@b.io', confirm_send: true });
    await core.runtime.call('fx_read', { thing_id: 'x', q: `token ${OPS_TOKEN}` });
    api().get('/api/v1/things/2').reply(404, { error: { code: 'not_found', message: 'gone', request_id: 'req-audit-2' } });
    await core.runtime.call('fx_read', { thing_id: 2 });
    await new Promise((r) => setTimeout(r, 50));
    const raw = readFileSync(path, 'utf8');
    expect(raw).not.to.contain('Sup3r-Secret-pw');
    expect(raw).not.to.contain(OPS_TOKEN);
    const lines = raw.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.tool, l.outcome, l.status ?? null])).to.deep.equal([
      ['fx_password', 'ok', 200], ['fx_send', 'refused', null], ['fx_read', 'invalid', null], ['fx_read', 'error', 404],
    ]);
    expect(lines[0]).to.include({ request_id: 'req-audit-1', transport: 'stdio' });
    expect(lines[0].arguments).to.deep.equal({ thing_id: 1, password: '[redacted]' });
    expect(lines[3]).to.include({ code: 'not_found', request_id: 'req-audit-2' });
    for (const l of lines) {
      expect(l.duration_ms).to.be.a('number');
      expect(Date.parse(l.time)).to.be.a('number').and.not.NaN;
    }
    expect(statSync(path).mode & 0o777).to.equal(0o600);
    rmSync(dir, { recursive: true, force: true });
  });
});
