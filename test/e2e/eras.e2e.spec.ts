import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../sandbox/server.js';
import { sandbox } from '../e2e.js';
import { CLIENTS, connectAs, type EraSession, type Person } from '../eras.js';

/**
 * Both protocol eras from one binary: the v1 SDK client (2025-11-25) and the v2 client in legacy, auto and
 * pinned-2026-07-28 modes, over stdio and Streamable HTTP, each listing, calling, failing, being refused by a gate,
 * getting progress (stdio: the local-file upload is a stdio tool; HTTP progress is in test/eras-http.spec.ts) and
 * asking the person, who approves once and declines once.
 */
describe('e2e: both protocol eras (v1 and v2 clients × stdio and HTTP, sandbox)', function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let dir: string;
  const file = randomBytes(1500 * 1024);
  let reference: string[];
  before(async () => {
    sb = await sandbox();
    dir = mkdtempSync(join(tmpdir(), 'eras-e2e-'));
    writeFileSync(join(dir, 'eras.bin'), file);
  });
  after(async () => {
    await sb?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const deletes = () => sb.engine.stats.executions['DELETE /verify/bulk/{job_id}'] ?? 0;
  const newJob = async () => {
    const r = await fetch(`${sb.url}/api/v1/verify/bulk`, { method: 'POST', headers: { authorization: `Bearer ${sb.allTokens['ops:pro']}`, 'content-type': 'application/json' }, body: JSON.stringify({ emails: ['a@b.io'] }) });
    const id = ((await r.json()) as { job: { id: number } }).job.id;
    sb.engine.advance(5_000);
    return id;
  };

  for (const transport of ['stdio', 'http'] as const) {
    for (const kind of CLIENTS) {
      describe(`${kind} over ${transport}`, () => {
        let s: EraSession;
        const person: Person = { asked: [], answers: [] };
        const modern = kind === 'v2-auto' || kind === 'v2-pinned';
        before(async () => {
          s = await connectAs(kind, transport, sb, ['ops:pro', 'message:pro'], { TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_UPLOAD_DIRS: dir }, person);
        });
        after(() => s?.close());

        it(`speaks ${modern ? '2026-07-28' : 'the 2025 era'} and lists the same tools, in the same order`, async () => {
          expect(s.revision()).to.equal(modern ? '2026-07-28' : '2025-11-25');
          const names = (await s.listTools()).map((t) => t.name);
          expect(names).to.include('verify_delete_job').and.include('send_message');
          expect([...names].sort()).to.deep.equal(names);
          if (transport === 'stdio') expect(names).to.include('drive_file_upload');
          else expect(names).to.not.include('drive_file_upload');
          reference ??= names.filter((n) => n !== 'drive_file_upload');
          expect(names.filter((n) => n !== 'drive_file_upload')).to.deep.equal(reference);
        });

        it('calls a tool (2026-07-28 results carry the server identity)', async () => {
          const r = await s.call('verify_credits');
          expect(r.isError).to.not.equal(true);
          expect(r.structuredContent.credits_remaining).to.be.a('number');
          if (modern) expect(r._meta?.['io.modelcontextprotocol/serverInfo']).to.deep.include({ name: 'trekmail-mcp' });
          else expect(r._meta?.['io.modelcontextprotocol/serverInfo']).to.equal(undefined);
        });

        it('an unknown tool is one clear protocol error; bad arguments are a tool error', async () => {
          const err = await s.call('no_such_tool').then(() => undefined, (e: Error) => e);
          expect(err?.message).to.contain('Unknown tool: no_such_tool');
          expect(err!.message.match(/-32602/g) ?? []).to.have.length.below(2);
          const bad = await s.call('verify_delete_job', { job_id: 'x' });
          expect(bad.isError).to.equal(true);
          expect(bad.structuredContent.error.code).to.equal('invalid_arguments');
        });

        it('a closed gate refuses and says how to open it; nobody is asked', async () => {
          const before = person.asked.length;
          const r = await s.call('send_message', { to: ['a@example.com'], subject: 'Hi', body_text: 'Hello', confirm_send: true });
          expect(r.isError).to.equal(true);
          expect(r.content[0].text).to.contain('TREKMAIL_ALLOW_SENDING=true').and.contain('Nothing was sent');
          expect(person.asked.length).to.equal(before);
        });

        if (transport === 'stdio') {
          it('reports progress', async () => {
            const seen: number[] = [];
            const r = await s.call('drive_file_upload', { space: 'account', local_path: join(dir, 'eras.bin') }, (p) => void seen.push(p.progress));
            expect(r.isError, r.content[0].text).to.not.equal(true);
            expect(seen[0]).to.equal(0);
            expect(seen.length).to.be.at.least(2);
            expect(seen.every((v, i) => i === 0 || v > seen[i - 1])).to.equal(true);
          });
        }

        it('asks the person: a decline sends nothing, an approval sends exactly once', async () => {
          const id = await newJob();
          const start = deletes();
          person.answers.push({ action: 'decline' });
          const no = await s.call('verify_delete_job', { job_id: id });
          expect(no.isError).to.equal(true);
          expect(no.content[0].text).to.match(/^The user declined verify_delete_job .*No request was sent/);
          expect(deletes()).to.equal(start);
          person.answers.push({ action: 'accept', content: { approve: false } });
          expect((await s.call('verify_delete_job', { job_id: id })).isError).to.equal(true);
          expect(deletes()).to.equal(start);
          person.answers.push({ action: 'accept', content: { approve: true } });
          const yes = await s.call('verify_delete_job', { job_id: id });
          expect(yes.isError, yes.content[0].text).to.not.equal(true);
          expect(deletes()).to.equal(start + 1);
          expect(person.asked.slice(-3).every((m) => m.includes(`DELETE /verify/bulk/${id}`))).to.equal(true);
        });
      });
    }
  }
});
