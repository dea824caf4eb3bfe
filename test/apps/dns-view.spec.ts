import { expect } from 'chai';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connect, sandbox, type Session } from '../e2e.js';
import type { Sandbox } from '../../sandbox/server.js';

/**
 * The DNS set-up view (an MCP App) in a real headless browser, hosted by the official host bridge (AppBridge of
 * @modelcontextprotocol/ext-apps), over the built server on stdio against the sandbox. The view reaches nothing
 * but its host: every tool call it makes goes through the bridge to the MCP client here.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = join(root, 'build/test-output');
const URI = 'ui://infra/dns-setup.html';
const DOMAIN = 3; // legacy.trekmail.test: MX and DMARC valid, SPF wrong, DKIM missing.

/** The host side of the protocol, bundled for the page from the official package (esbuild, ~0.2 s). */
async function bridgeBundle(): Promise<string> {
  const { build } = await import('esbuild');
  const r = await build({
    stdin: { contents: "export { AppBridge, PostMessageTransport } from '@modelcontextprotocol/ext-apps/app-bridge';", resolveDir: root, loader: 'js' },
    bundle: true, format: 'iife', globalName: 'ExtApps', platform: 'browser', write: false, logLevel: 'silent',
  });
  return r.outputFiles[0].text;
}

describe('MCP App: the DNS set-up view', function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let s: Session;
  before(async () => {
    sb = await sandbox();
    s = await connect(sb, ['ops:pro']);
  });
  after(async () => {
    await s?.close();
    await sb?.close();
  });

  it('is linked from get_dns_requirements and get_dns_check only, and served as a self-contained ui:// resource', async () => {
    const { tools } = await s.client.listTools();
    const linked = tools.filter((t) => (t._meta as any)?.ui?.resourceUri).map((t) => [t.name, (t._meta as any).ui.resourceUri]);
    expect(linked).to.deep.equal([['get_dns_check', URI], ['get_dns_requirements', URI]]);
    const { resources } = await s.client.listResources();
    expect(resources.map((r) => [r.uri, r.mimeType])).to.deep.equal([[URI, 'text/html;profile=mcp-app']]);
    const { contents } = await s.client.readResource({ uri: URI });
    expect(contents).to.have.length(1);
    const html = (contents[0] as { text: string }).text;
    expect(contents[0].mimeType).to.equal('text/html;profile=mcp-app');
    expect((contents[0]._meta as any).ui.csp).to.deep.equal({ connectDomains: [], resourceDomains: [] });
    expect(html).to.match(/^<!doctype html>/i);
    // No remote (or any external) script, style, font or image.
    expect(html).not.to.match(/<script[^>]*\ssrc=|<link\b|@import|url\(\s*['"]?https?:|\ssrc=["']?https?:/i);
    await s.client.readResource({ uri: 'ui://infra/nothing.html' }).then(
      () => expect.fail('an unknown view must not read'),
      (err: Error) => expect(err.message).to.match(/Resource not found/),
    );
  });

  it('leaves the text result as it was for clients without the extension', async () => {
    const r = await s.call('get_dns_requirements', { domain_id: DOMAIN });
    expect(r.isError).to.not.equal(true);
    expect(JSON.parse(r.content[0].text)).to.deep.equal(r.structuredContent);
  });

  it('renders the tool data in Chromium, copies a value, and rechecks through the host', async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      (skipped: no Chromium at ${CHROMIUM}; install it with: apt-get install -y --no-install-recommends chromium)`);
      return this.skip();
    }
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'trekmail-chromium-'));
    // A fresh profile (the persistent-context form is how playwright passes --user-data-dir).
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 900, height: 700 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const page = await context.newPage();
      // The host page is answered by the test itself (a loopback URL, so a secure context with a clipboard);
      // any other request, from the page or the view, is refused and recorded.
      const HOST = 'http://127.0.0.1/host.html';
      const hostPage = '<!doctype html><html><body style="margin:0"><iframe id="app" title="DNS set-up" sandbox="allow-scripts" allow="clipboard-write" style="border:0;width:880px;height:680px"></iframe></body></html>';
      const requests: string[] = [];
      await page.route('**/*', (route) => {
        if (route.request().url() === HOST) return route.fulfill({ status: 200, contentType: 'text/html', body: hostPage });
        requests.push(route.request().url());
        return route.abort();
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));

      // The host forwards the view's tool calls to the MCP server, as Claude or VS Code would.
      const calls: { name: string; arguments: Record<string, unknown>; result: any }[] = [];
      await page.exposeFunction('hostCallTool', async (params: { name: string; arguments?: Record<string, unknown> }) => {
        const result = await s.client.callTool({ name: params.name, arguments: params.arguments ?? {} });
        calls.push({ name: params.name, arguments: params.arguments ?? {}, result });
        return result;
      });

      const html = ((await s.client.readResource({ uri: URI })).contents[0] as { text: string }).text;
      const required = await s.call('get_dns_requirements', { domain_id: DOMAIN });
      const records = required.structuredContent.records as { purpose: string; type: string; host: string; value: string; status: string }[];
      expect(new Set(records.map((r) => r.status))).to.include.members(['valid', 'invalid', 'missing']);

      await page.goto(HOST);
      await page.addScriptTag({ content: await bridgeBundle() });
      await page.evaluate(async ({ html, args, result }) => {
        const w = globalThis as any;
        const { AppBridge, PostMessageTransport } = w.ExtApps;
        const iframe = w.document.getElementById('app');
        const bridge = new AppBridge(null, { name: 'trekmail-test-host', version: '1.0.0' }, { serverTools: {} });
        bridge.oncalltool = (params: unknown) => w.hostCallTool(params);
        bridge.onsizechange = (p: { height?: number }) => { if (p.height) iframe.style.height = `${p.height}px`; };
        const initialized = new Promise<void>((r) => (bridge.oninitialized = () => r()));
        await bridge.connect(new PostMessageTransport(iframe.contentWindow, iframe.contentWindow));
        iframe.srcdoc = html;
        await initialized;
        await bridge.sendToolInput({ arguments: args });
        await bridge.sendToolResult(result);
      }, { html, args: { domain_id: DOMAIN }, result: required });

      const view = page.frameLocator('#app');
      await view.locator('#required tbody tr').nth(records.length - 1).waitFor();
      const shown = await view.locator('#required tbody tr').evaluateAll((rows: any[]) => rows.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td: any) => td.querySelector('code')?.textContent ?? td.textContent?.trim());
        return { purpose: cells[0], type: cells[1], host: cells[2], value: cells[3], status: tr.dataset.status, label: cells[5] };
      }));
      expect(shown.map(({ label: _label, ...r }) => r)).to.deep.equal(records.map((r) => ({
        purpose: r.purpose.toUpperCase(), type: r.type, host: r.host, value: r.value, status: r.status,
      })));
      // The status is said in words, not colour alone.
      expect(shown.find((r) => r.status === 'missing')!.label).to.equal('missing');
      expect(shown.find((r) => r.status === 'invalid')!.label).to.equal('wrong value');
      expect(await view.locator('#title').textContent()).to.equal(`DNS set-up: ${required.structuredContent.domain}`);
      mkdirSync(OUT, { recursive: true });
      await page.screenshot({ path: join(OUT, 'dns-view.png'), fullPage: true });
      expect(statSync(join(OUT, 'dns-view.png')).size).to.be.greaterThan(5_000);

      // Copy: the button of the DKIM record puts its exact value on the clipboard.
      const dkim = records.find((r) => r.purpose === 'dkim')!;
      await view.locator(`#required button[aria-label="Copy TXT value for ${dkim.host}"]`).click();
      await view.locator('#live', { hasText: 'Copied' }).waitFor();
      expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).to.equal(dkim.value);

      // Recheck: the view calls dns_recheck through the host, polls get_dns_check, and shows the check's results.
      await view.locator('#recheck').click();
      await view.locator('#found tbody tr').first().waitFor();
      await view.locator('#live', { hasText: 'Check done' }).waitFor();
      expect(calls[0]).to.deep.include({ name: 'dns_recheck', arguments: { domain_id: DOMAIN } });
      const checkId = calls[0].result.structuredContent.check.id;
      expect(calls.slice(1).map((c) => c.name)).to.include('get_dns_check');
      const check = (await s.call('get_dns_check', { check_id: checkId })).structuredContent.check;
      expect(check.status).to.equal('completed');
      const found = await view.locator('#found tbody tr').evaluateAll((rows: any[]) => rows.map((tr) => ({
        record: tr.dataset.record,
        status: tr.dataset.status,
        required: [...tr.querySelectorAll('td:nth-of-type(2) code')].map((c: any) => c.textContent),
        found: [...tr.querySelectorAll('td:nth-of-type(3) code')].map((c: any) => c.textContent),
      })));
      expect(found).to.deep.equal(check.results.map((r: any) => ({ record: r.record, status: r.status, required: r.expected, found: r.found })));
      await page.screenshot({ path: join(OUT, 'dns-view-rechecked.png'), fullPage: true });

      expect(requests, 'the page and the view made no network request').to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
