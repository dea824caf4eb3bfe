import { expect } from 'chai';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packSpec } from '../../core/pack.js';
import { file, webmailState, type Attachment } from '../../plugins/webmail/sandbox/state.js';
import { WebmailPack } from '../../plugins/webmail/webmail.plugin.js';
import type { Sandbox } from '../../sandbox/server.js';
import { connect, connectHttp, rawApi, sandbox, type Session } from '../e2e.js';

/**
 * Issue 16, item 2: big results must not break the session. Through the real server (stdio child process and
 * Streamable HTTP, SDK client), a message with a 10 MiB attachment and one with a 3 MiB attachment: every tool that
 * touches them answers a result of fewer than 25,000 o200k tokens (measured on JSON.stringify of the whole result),
 * says the size and the way out, never carries the same megabytes twice, and the session lives on. With
 * TREKMAIL_DOWNLOAD_DIR (stdio), content is saved there, byte-exact, never overwriting, never outside the folder,
 * whatever name the sender chose. Figures go to build/test-output/results-sizes.json.
 */
const MiB = 1024 * 1024;
const MAX_TOKENS = 25_000;
const BIG = randomBytes(10 * MiB);
const MID = randomBytes(3 * MiB);
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-output', 'results-sizes.json');

type Result = Awaited<ReturnType<Session['call']>>;
/** Measured sizes by call; tokens -1: not tokenized (a megabyte result, over the cap whatever the count). */
const figures: Record<string, { json_bytes: number; tokens: number; is_error: boolean }> = {};

/** A message filed in mailbox 1's INBOX, with these attachments; its UID. */
function put(sb: Sandbox, subject: string, attachments: Attachment[], body: { text?: string; html?: string } = {}, folder = 'INBOX'): number {
  const inbox = webmailState(sb.engine).mailboxes.get(1)!.folders.get(folder)!;
  const m = file(inbox, {
    messageId: `<adv-${randomBytes(4).toString('hex')}@partner.example>`, subject, from: { name: 'Chloé Martin', email: 'chloe@agency.example' },
    to: [{ name: 'Demo User', email: 'demo@demo.trekmail.test' }], cc: [], bcc: [], replyTo: [], date: sb.engine.now(), text: `${subject}: see the attachment.`,
    attachments, seen: false, flagged: false, answered: false, references: [], threadId: `adv-${subject.slice(0, 40)}`, ...body,
  });
  return m.uid;
}

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

/**
 * The whole result is small (o200k tokens of its JSON), recorded under `label`; no long string of the structured
 * copy (over 32 KB: more than read_message's 30,000-character body cut) is repeated in the text (the same megabytes
 * never travel twice).
 */
function small(label: string, r: Result): Result {
  const json = JSON.stringify(r);
  const bytes = Buffer.byteLength(json);
  // Megabytes are over the cap whatever the tokenizer says; fail fast with the size rather than tokenize them.
  figures[label] = { json_bytes: bytes, tokens: -1, is_error: r.isError === true };
  expect(bytes, `${label}: result of ${bytes} bytes`).to.be.below(1_000_000);
  const tokens = encode(json).length;
  figures[label] = { json_bytes: bytes, tokens, is_error: r.isError === true };
  expect(tokens, `${label}: ${tokens} o200k tokens`).to.be.below(MAX_TOKENS);
  const text = r.content.map((c) => c.text).join('\n');
  for (const s of strings(r.structuredContent)) if (s.length > 32_768) expect(text.includes(s), `${label}: a ${s.length}-char string is in both text and structuredContent`).to.equal(false);
  return r;
}

/** The session still answers an ordinary call. */
async function alive(s: Session, label: string): Promise<void> {
  const r = await s.call('list_messages', { limit: 5 });
  expect(r.isError, `${label}: list_messages after it: ${r.content?.[0]?.text?.slice(0, 200)}`).to.not.equal(true);
  expect(r.structuredContent?.messages?.length, label).to.be.greaterThan(0);
}

/** The structured data of a third-party result without its notice. */
const data = (r: Result) => {
  const { untrusted_content: _n, ...rest } = r.structuredContent ?? {};
  return rest as any;
};

const OMITTED_KEYS = ['content_base64', 'data', 'content', 'raw', 'raw_base64'];
/** No field of the result holds the content itself. */
function noContent(label: string, r: Result): void {
  const sc = data(r);
  for (const k of OMITTED_KEYS) expect(sc, `${label}: ${k} inline`).to.not.have.property(k);
}

describe('adversarial: big results keep the session alive and the context small (issue 16, item 2)', function () {
  this.timeout(120_000);
  after(() => {
    mkdirSync(dirname(OUTPUT), { recursive: true });
    writeFileSync(OUTPUT, JSON.stringify({ measured: new Date().toISOString(), tokenizer: 'gpt-tokenizer o200k_base, JSON.stringify(result)', limit: MAX_TOKENS, attachment_bytes: { big: BIG.length, mid: MID.length }, results: figures }, null, 2) + '\n');
  });

  for (const transport of ['stdio', 'http'] as const) {
    describe(`without a download folder (${transport})`, function () {
      let sb: Sandbox;
      let s: Session;
      let big: number;
      let mid: number;
      const label = (x: string) => `${transport}: ${x}`;
      before(async () => {
        sb = await sandbox({ packs: [packSpec(WebmailPack)!] });
        big = put(sb, 'Site video (10 MiB)', [{ filename: 'site-video.mp4', contentType: 'video/mp4', data: BIG }]);
        mid = put(sb, 'Scan (3 MiB)', [{ filename: 'scan.bin', contentType: 'application/octet-stream', data: MID }]);
        s = transport === 'stdio' ? await connect(sb, ['message:pro']) : await connectHttp(sb, ['message:pro']);
      });
      after(async () => {
        await s?.close();
        await sb?.close();
      });

      it('read_message lists the 10 MiB attachment with its size, without its content', async () => {
        for (const [uid, bytes, name] of [[big, BIG.length, 'big'], [mid, MID.length, 'mid']] as const) {
          const r = small(label(`read_message ${name}`), await s.call('read_message', { uid }));
          expect(r.isError, r.content[0].text).to.not.equal(true);
          expect(data(r).attachments).to.deep.equal([{ index: 0, filename: name === 'big' ? 'site-video.mp4' : 'scan.bin', content_type: name === 'big' ? 'video/mp4' : 'application/octet-stream', size: bytes }]);
          expect(r.content[0].text).to.contain(name === 'big' ? '10.0 MB' : '3.0 MB');
          await alive(s, label(`read_message ${name}`));
        }
      });

      it('get_forward_data gives attachment metadata (index, name, size), not bytes', async () => {
        const r = small(label('get_forward_data big'), await s.call('get_forward_data', { uid: big }));
        expect(r.isError, r.content[0].text).to.not.equal(true);
        expect(data(r).original_attachments).to.deep.equal([{ index: 0, filename: 'site-video.mp4', content_type: 'video/mp4', size: BIG.length }]);
        expect(JSON.stringify(data(r))).to.not.match(/base64/i);
        expect(data(r).body_text).to.contain('Forwarded message');
        await alive(s, label('get_forward_data'));
      });

      it('download_attachment at the default max_bytes refuses 10 MiB, naming the size and max_bytes', async () => {
        const r = small(label('download_attachment big default'), await s.call('download_attachment', { uid: big, index: 0 }));
        expect(r.isError).to.equal(true);
        expect(r.structuredContent.error.code).to.equal('attachment_too_large');
        expect(r.content[0].text).to.contain(String(BIG.length)).and.contain('max_bytes');
        await alive(s, label('download_attachment default'));
      });

      it('download_attachment with max_bytes 25 MB answers the size, hash and the way out instead of 13 MB of base64', async () => {
        for (const [uid, buf, name] of [[big, BIG, 'big'], [mid, MID, 'mid']] as const) {
          const r = small(label(`download_attachment ${name} max_bytes 25MB`), await s.call('download_attachment', { uid, index: 0, max_bytes: 25 * MiB }));
          expect(r.isError, r.content[0].text).to.not.equal(true);
          noContent(name, r);
          const o = data(r).content_base64_omitted;
          expect(o, JSON.stringify(data(r)).slice(0, 400)).to.include({ bytes: buf.length, sha256: sha(buf) });
          expect(o.reason).to.contain(name === 'big' ? '10.0 MB' : '3.0 MB');
          expect(o.how).to.match(transport === 'stdio' ? /TREKMAIL_DOWNLOAD_DIR/ : /stdio mode with TREKMAIL_DOWNLOAD_DIR|ask for less/);
          expect(o).to.not.have.property('head');
          expect(data(r)).to.include({ filename: name === 'big' ? 'site-video.mp4' : 'scan.bin', size: buf.length });
          expect((r as any)._meta?.['trekmail/moved_out']).to.deep.equal([{ field: 'content_base64', bytes: buf.length }]);
          // The text says it too (an agent reading only the text learns the size and the way out).
          expect(r.content[0].text).to.contain(String(buf.length)).and.contain('TREKMAIL_DOWNLOAD_DIR');
          await alive(s, label(`download_attachment ${name}`));
        }
      });

      it('download_all_attachments: refused at the default, size and hash of the ZIP at max_bytes 25 MB', async () => {
        const refused = small(label('download_all_attachments big default'), await s.call('download_all_attachments', { uid: big }));
        expect(refused.isError).to.equal(true);
        expect(refused.structuredContent.error.code).to.equal('attachment_too_large');
        expect(refused.content[0].text).to.contain('max_bytes');
        const zip = Buffer.from((await rawApi(sb, 'message:pro')('GET', `/messages/${big}/attachments`)).body.content_base64, 'base64');
        const r = small(label('download_all_attachments big max_bytes 25MB'), await s.call('download_all_attachments', { uid: big, max_bytes: 25 * MiB }));
        expect(r.isError, r.content[0].text).to.not.equal(true);
        noContent('zip', r);
        expect(data(r).content_base64_omitted).to.include({ bytes: zip.length, sha256: sha(zip) });
        expect(data(r)).to.include({ content_type: 'application/zip', count: 1 });
        await alive(s, label('download_all_attachments'));
      });

      it('get_raw_message: over 5 MB refused with the size and what to use; 4 MB moved out with size, hash and head', async () => {
        const refused = small(label('get_raw_message big'), await s.call('get_raw_message', { uid: big }));
        expect(refused.isError).to.equal(true);
        expect(refused.structuredContent.error.code).to.equal('raw_too_large');
        expect(refused.content[0].text).to.match(/1[34]\.\d MB/).and.contain('download_attachment');
        const raw = Buffer.from((await rawApi(sb, 'message:pro')('GET', `/messages/${mid}/raw`)).body.raw_base64, 'base64');
        expect(raw.length).to.be.within(4 * MiB, 5 * MiB);
        const r = small(label('get_raw_message mid'), await s.call('get_raw_message', { uid: mid }));
        expect(r.isError, r.content[0].text).to.not.equal(true);
        noContent('raw', r);
        const o = data(r).raw_omitted;
        expect(o).to.include({ bytes: raw.length, sha256: sha(raw) });
        expect(o.head).to.be.a('string').and.contain('Subject: Scan (3 MiB)');
        expect(o.head.length).to.be.at.most(1000);
        expect(data(r).size).to.equal(raw.length);
        await alive(s, label('get_raw_message'));
      });

      it('megabytes of body, HTML or subject (not attachments) are kept out of read, reply, forward and list results too', async () => {
        const prose = (n: number) => Array.from({ length: Math.ceil(n / 60) }, (_, i) => `Line ${i} of a very long message body, written by a sender.`).join('\n').slice(0, n);
        const longText = put(sb, 'Long text', [], { text: prose(4 * MiB) }, 'Projects');
        const longHtml = put(sb, 'Long HTML', [], { html: `<div>${prose(4 * MiB).split('\n').map((l) => `<p>${l}</p>`).join('')}</div>` }, 'Projects');
        put(sb, `Huge subject ${'S'.repeat(MiB)}`, [], { text: 'short' }, 'Projects');
        const problems: string[] = [];
        for (const [tool, args, name] of [
          ['read_message', { uid: longText, folder: 'Projects' }, 'read_message 4MB text'],
          ['read_message', { uid: longHtml, folder: 'Projects', include_html: true }, 'read_message 4MB html include_html'],
          ['get_reply_data', { uid: longText, folder: 'Projects' }, 'get_reply_data 4MB text'],
          ['get_forward_data', { uid: longHtml, folder: 'Projects' }, 'get_forward_data 4MB html'],
          ['list_messages', { folder: 'Projects', limit: 50 }, 'list_messages 1MB subject'],
        ] as const) {
          // Every case is tried; the failures are listed together.
          try {
            const r = small(label(name), await s.call(tool, args));
            expect(r.isError === true && r.structuredContent?.error?.code !== 'result_too_large', `${name}: ${r.content[0].text.slice(0, 300)}`).to.equal(false);
            if (r.isError) expect(r.content[0].text, name).to.contain('TREKMAIL_MAX_RESULT_TOKENS');
          } catch (err) {
            problems.push(String((err as Error).message).split('\n')[0]);
          }
          await alive(s, label(name));
        }
        expect(problems).to.deep.equal([]);
      });

      it('an oversized request (an 11 MB argument) gets an error, and the server lives on', async () => {
        let outcome: string;
        try {
          const r = await s.call('list_messages', { search: 'x'.repeat(11 * MiB) });
          outcome = r.isError ? `error result: ${r.content[0].text.slice(0, 200)}` : 'accepted';
        } catch (err) {
          outcome = `rejected: ${String((err as Error).message).slice(0, 200)}`;
        }
        expect(outcome).to.not.equal('accepted');
        await alive(s, label('oversized request'));
      });
    });
  }

  describe('with TREKMAIL_DOWNLOAD_DIR (stdio): saved, byte-exact, never overwritten, never outside the folder', function () {
    let sb: Sandbox;
    let s: Session;
    let root: string;
    let dir: string;
    let big: number;
    let mid: number;
    before(async () => {
      root = realpathSync(mkdtempSync(join(tmpdir(), 'trekmail-adv-')));
      dir = join(root, 'downloads');
      sb = await sandbox({ packs: [packSpec(WebmailPack)!] });
      big = put(sb, 'Site video (10 MiB)', [{ filename: 'site-video.mp4', contentType: 'video/mp4', data: BIG }]);
      mid = put(sb, 'Scan (3 MiB)', [{ filename: 'scan.bin', contentType: 'application/octet-stream', data: MID }]);
      s = await connect(sb, ['message:pro'], { TREKMAIL_DOWNLOAD_DIR: dir });
    });
    after(async () => {
      await s?.close();
      await sb?.close();
      if (root) rmSync(root, { recursive: true, force: true });
    });

    /** The saved file of a result: inside `dir` (no symlink), its bytes and hash those of `buf`. */
    function saved(label: string, r: Result, buf: Buffer, key = 'content_base64'): string {
      small(label, r);
      expect(r.isError, r.content[0].text).to.not.equal(true);
      noContent(label, r);
      const f = data(r)[`${key}_file`];
      expect(f, JSON.stringify(data(r)).slice(0, 400)).to.be.an('object');
      expect(f).to.include({ bytes: buf.length, sha256: sha(buf) });
      expect(dirname(f.path), f.path).to.equal(dir);
      expect(lstatSync(f.path).isFile(), `${f.path} is a regular file`).to.equal(true);
      const onDisk = readFileSync(f.path);
      expect(onDisk.length).to.equal(buf.length);
      expect(sha(onDisk)).to.equal(sha(buf));
      expect(r.content[0].text).to.contain(f.path);
      return f.path;
    }

    it('download_attachment (10 MiB, max_bytes 25 MB) saves the file; a second download does not overwrite it', async () => {
      const first = saved('stdio+dir: download_attachment big', await s.call('download_attachment', { uid: big, index: 0, max_bytes: 25 * MiB }), BIG);
      expect(basename(first)).to.equal('site-video.mp4');
      const second = saved('stdio+dir: download_attachment big again', await s.call('download_attachment', { uid: big, index: 0, max_bytes: 25 * MiB }), BIG);
      expect(basename(second)).to.equal('site-video-1.mp4');
      expect(sha(readFileSync(first))).to.equal(sha(BIG));
      const m = saved('stdio+dir: download_attachment mid', await s.call('download_attachment', { uid: mid, index: 0 }), MID);
      expect(basename(m)).to.equal('scan.bin');
      await alive(s, 'stdio+dir download_attachment');
    });

    it('download_all_attachments and get_raw_message save the ZIP and the source', async () => {
      const api = rawApi(sb, 'message:pro');
      const zip = Buffer.from((await api('GET', `/messages/${big}/attachments`)).body.content_base64, 'base64');
      const z = saved('stdio+dir: download_all_attachments big', await s.call('download_all_attachments', { uid: big, max_bytes: 25 * MiB }), zip);
      expect(basename(z)).to.equal(`message-${big}-attachments.zip`);
      const raw = Buffer.from((await api('GET', `/messages/${mid}/raw`)).body.raw_base64, 'base64');
      const e = saved('stdio+dir: get_raw_message mid', await s.call('get_raw_message', { uid: mid }), raw, 'raw');
      expect(e).to.match(/\.eml$/);
      await alive(s, 'stdio+dir zip/raw');
    });

    it('a sender-chosen file name never leaves the folder, never hides, never carries control characters', async () => {
      // A dangling symlink already in the folder, under a name a sender will use: it must not be followed.
      mkdirSync(dir, { recursive: true });
      const outside = join(root, 'outside-target.pdf');
      symlinkSync(outside, join(dir, 'report.pdf'));
      const names = [
        '../../etc/passwd', '.bashrc', '..', '.', '/etc/shadow', '..\\..\\Windows\\win.ini', 'a\r\nb\u0000c\u001b[31m.txt', '\u202Egnp.exe',
        `${'x'.repeat(300)}.pdf`, 'report.pdf', 'con:*?"<>|.txt', '   ', 'sub/dir/../../../up.txt',
      ];
      const blobs = names.map(() => randomBytes(96 * 1024));
      const uid = put(sb, 'Files with odd names', names.map((filename, i) => ({ filename, contentType: 'application/octet-stream', data: blobs[i] })));
      const paths: string[] = [];
      for (let i = 0; i < names.length; i++) {
        const p = saved(`stdio+dir: odd name ${JSON.stringify(names[i]).slice(0, 40)}`, await s.call('download_attachment', { uid, index: i }), blobs[i]);
        const name = basename(p);
        expect(name, JSON.stringify(names[i])).to.not.match(/^[.\s]/);
        expect(name).to.not.match(/[\x00-\x1f\x7f-\x9f/\\\u202A-\u202E\u2066-\u2069]/);
        expect(name.length).to.be.at.most(100);
        paths.push(p);
      }
      expect(new Set(paths).size, 'every download got its own file').to.equal(names.length);
      expect(basename(paths[names.indexOf('report.pdf')])).to.equal('report-1.pdf');
      expect(existsSync(outside), 'the symlink was not followed').to.equal(false);
      // Nothing was written beside the folder.
      expect(readdirSync(root).sort()).to.deep.equal(['downloads']);
      await alive(s, 'odd names');
    });
  });

  describe('with TREKMAIL_DOWNLOAD_DIR set, over HTTP nothing is written to the server\'s disk', function () {
    let sb: Sandbox;
    let s: Session;
    let root: string;
    before(async () => {
      root = realpathSync(mkdtempSync(join(tmpdir(), 'trekmail-adv-http-')));
      sb = await sandbox({ packs: [packSpec(WebmailPack)!] });
      s = await connectHttp(sb, ['message:pro'], { TREKMAIL_DOWNLOAD_DIR: join(root, 'downloads') });
    });
    after(async () => {
      await s?.close();
      await sb?.close();
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it('download_attachment answers size and hash, and the folder stays empty', async () => {
      const uid = put(sb, 'Scan (3 MiB)', [{ filename: 'scan.bin', contentType: 'application/octet-stream', data: MID }]);
      const r = small('http+dir: download_attachment mid', await s.call('download_attachment', { uid, index: 0 }));
      expect(r.isError, r.content[0].text).to.not.equal(true);
      noContent('http+dir', r);
      expect(data(r).content_base64_omitted).to.include({ bytes: MID.length, sha256: sha(MID) });
      expect(data(r)).to.not.have.property('content_base64_file');
      expect(readdirSync(root)).to.deep.equal(existsSync(join(root, 'downloads')) ? ['downloads'] : []);
      if (existsSync(join(root, 'downloads'))) expect(readdirSync(join(root, 'downloads'))).to.deep.equal([]);
      await alive(s, 'http+dir');
    });
  });
});
