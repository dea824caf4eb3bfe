import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { estimateTokens, fitResult, safeFileName } from './fit.js';

describe('results that fit a context', () => {
  it('the token estimate is on the high side of o200k for base64, JSON and prose, and survives megabytes', () => {
    const samples = [randomBytes(30_000).toString('base64'), JSON.stringify({ messages: Array.from({ length: 200 }, (_, i) => ({ uid: i, subject: `Invoice ${i}`, from: 'billing@supplier.example' })) }), 'The quarterly report is attached; please review it before Friday. '.repeat(300)];
    for (const s of samples) expect(estimateTokens(s), s.slice(0, 30)).to.be.at.least(encode(s).length);
    expect(estimateTokens('A'.repeat(20 * 1024 * 1024))).to.be.greaterThan(14_000_000);
  });

  it('file names from the API stay inside the folder, printable and without a leading dot', () => {
    expect(safeFileName('../../etc/passwd')).to.equal('passwd');
    expect(safeFileName('..\\..\\boot.ini')).to.equal('boot.ini');
    expect(safeFileName('.bashrc')).to.equal('bashrc');
    expect(safeFileName('a\r\nb\u202Etxt.exe')).to.equal('a__b_txt.exe');
    expect(safeFileName('..')).to.equal(undefined);
    expect(safeFileName(`${'x'.repeat(300)}.pdf`)).to.have.length(100).and.match(/\.pdf$/);
  });

  it('over the cap: saved as a file in stdio mode (never overwriting), or left out with size and hash; under it, nothing changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-fit-'));
    const bytes = randomBytes(200_000);
    const data = { filename: 'scan.pdf', content_type: 'application/pdf', content_base64: bytes.toString('base64') };
    const small = await fitResult({ a: 1 }, undefined, { maxTokens: 1000, transport: 'stdio', tool: 't' });
    expect(small).to.deep.equal({ data: { a: 1 }, text: '{"a":1}', structured: true, spilled: [] });
    for (let i = 0; i < 2; i++) {
      const saved = (await fitResult(data, undefined, { maxTokens: 1000, downloadDir: dir, transport: 'stdio', tool: 't' })) as { data: Record<string, any> };
      expect(saved.data.content_base64).to.equal(undefined);
      expect(readFileSync(saved.data.content_base64_file.path)).to.deep.equal(bytes);
    }
    expect(readdirSync(dir).sort()).to.deep.equal(['scan-1.pdf', 'scan.pdf']);
    expect(data.content_base64).to.have.length(bytes.toString('base64').length);
    const http = (await fitResult(data, undefined, { maxTokens: 1000, downloadDir: dir, transport: 'http', tool: 't' })) as { data: Record<string, any> };
    expect(http.data.content_base64_omitted).to.include({ bytes: 200_000 });
    expect(http.data.content_base64_omitted.sha256).to.match(/^[0-9a-f]{64}$/);
    const many = await fitResult({ items: Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `item ${i}` })) }, undefined, { maxTokens: 1000, transport: 'stdio', tool: 'list_x' });
    expect((many as { error: string }).error).to.match(/^The result of list_x is about \d+ tokens, above this server's limit of 1000/);
  });
});
