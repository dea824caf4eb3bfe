import { expect } from 'chai';
import type { Result, Scenario } from './steps.js';

/**
 * Every cloudflare tool, called through the protocol against the strict sandbox. Depends on the demo data only: the
 * zones the sandbox's Cloudflare shows (legacy.trekmail.test is a TrekMail domain with a foreign SPF record;
 * shop-demo.example is not a TrekMail domain yet) and the saved demo token that connects demo.trekmail.test.
 */
const TOKEN = 'cf_every_tool_token_5e4d3c2b1a09';
const zones = (r: Result) => Object.fromEntries(r.structuredContent.zones.map((z: { zone_name: string }) => [z.zone_name, z]));

export const SCENARIOS: Scenario[] = [
  {
    name: 'token check, zones, connect (existing and new domain), preview a conflict, apply, replace it once confirmed, delete the token',
    steps: [
      {
        tool: 'validate_cloudflare_token', args: { api_token: TOKEN },
        check: (r) => expect(r.structuredContent).to.deep.include({ valid: true, status: 'active', permissions: { zone_read: true, dns_edit: true } }),
      },
      {
        tool: 'validate_cloudflare_token', args: { api_token: 'cf_readonly_token_0a1b2c3d4e5f' },
        check: (r) => expect(r.structuredContent.permissions).to.deep.equal({ zone_read: true, dns_edit: false }),
      },
      {
        tool: 'list_cloudflare_zones', args: { api_token: TOKEN },
        check: (r, c) => {
          const z = zones(r);
          expect(z['demo.trekmail.test']).to.include({ connected: true });
          expect(z['legacy.trekmail.test']).to.include({ connected: false });
          expect(z['shop-demo.example']).to.include({ trekmail_domain_id: null, connected: false });
          c.saved.legacy = z['legacy.trekmail.test'];
          c.saved.shop = z['shop-demo.example'];
        },
      },
      {
        tool: 'connect_cloudflare_domains',
        args: (c) => ({
          api_token: TOKEN,
          selected: [
            { zone_id: c.saved.legacy.zone_id, zone_name: 'legacy.trekmail.test', trekmail_domain_id: c.saved.legacy.trekmail_domain_id },
            { zone_id: c.saved.shop.zone_id, zone_name: 'shop-demo.example', trekmail_domain_id: null },
          ],
        }),
        check: (r, c) => {
          const [legacy, shop] = r.structuredContent.connected;
          expect(legacy).to.include({ trekmail_domain_id: c.saved.legacy.trekmail_domain_id, domain_created: false });
          expect(shop).to.include({ zone_name: 'shop-demo.example', domain_created: true });
          c.saved.legacyId = legacy.trekmail_domain_id;
          c.saved.shopId = shop.trekmail_domain_id;
          c.saved.tokenId = r.structuredContent.token_id;
        },
        verify: {
          tool: 'list_cloudflare_zones', args: { api_token: TOKEN },
          check: (r, c) => {
            expect(zones(r)['legacy.trekmail.test']).to.include({ connected: true });
            expect(zones(r)['shop-demo.example']).to.include({ trekmail_domain_id: c.saved.shopId, connected: true });
          },
        },
      },
      {
        tool: 'preview_cloudflare_dns', args: (c) => ({ domain_ids: [c.saved.legacyId, c.saved.shopId], included_records: { [c.saved.shopId]: ['mx_primary', 'mx_secondary', 'spf_record'] } }),
        check: (r, c) => {
          const legacy = r.structuredContent.domains[c.saved.legacyId];
          expect(legacy.conflicts).to.deep.equal(['spf_record']);
          expect(legacy.records.find((x: { id: string }) => x.id === 'spf_record').existing).to.deep.equal([{ type: 'TXT', name: 'legacy.trekmail.test', content: 'v=spf1 include:_spf.oldhost.example -all' }]);
          const shop = r.structuredContent.domains[c.saved.shopId].records.map((x: { id: string; action: string }) => `${x.id}:${x.action}`);
          expect(shop).to.deep.equal(['mx_primary:create', 'mx_secondary:create', 'spf_record:create', 'dkim_record:skip', 'dmarc_record:skip']);
        },
      },
      {
        tool: 'apply_cloudflare_dns', args: (c) => ({ domain_ids: [c.saved.legacyId] }),
        check: (r, c) => expect(r.structuredContent.domains[c.saved.legacyId]).to.deep.include({ created: ['dkim_record'], replaced: [], skipped: [{ id: 'spf_record', reason: 'conflict_not_confirmed' }] }),
        verify: {
          tool: 'preview_cloudflare_dns', args: (c) => ({ domain_ids: [c.saved.legacyId] }),
          check: (r, c) => {
            const recs = r.structuredContent.domains[c.saved.legacyId].records;
            expect(recs.find((x: { id: string }) => x.id === 'dkim_record').action).to.equal('unchanged');
            expect(recs.find((x: { id: string }) => x.id === 'spf_record').action).to.equal('conflict');
          },
        },
      },
      {
        tool: 'apply_cloudflare_dns',
        args: (c) => ({
          domain_ids: [c.saved.legacyId, c.saved.shopId],
          confirmed_conflicts: { [c.saved.legacyId]: ['spf_record'] },
          included_records: { [c.saved.shopId]: ['mx_primary', 'mx_secondary', 'spf_record'] },
        }),
        check: (r, c) => {
          expect(r.structuredContent.domains[c.saved.legacyId].replaced).to.deep.equal(['spf_record']);
          expect(r.structuredContent.domains[c.saved.shopId].created).to.deep.equal(['mx_primary', 'mx_secondary', 'spf_record']);
        },
        verify: {
          tool: 'preview_cloudflare_dns', args: (c) => ({ domain_ids: [c.saved.legacyId, c.saved.shopId] }),
          check: (r) => {
            expect(r.structuredContent.has_conflicts).to.equal(false);
            expect(r.structuredContent.summary).to.deep.equal({ create: 2, unchanged: 8, conflict: 0, skip: 0 });
          },
        },
      },
      {
        tool: 'list_cloudflare_tokens',
        check: (r, c) => {
          const mine = r.structuredContent.data.find((t: { id: number }) => t.id === c.saved.tokenId);
          expect(mine).to.deep.include({ token_hint: `…${TOKEN.slice(-4)}`, domains_count: 2, domains: ['legacy.trekmail.test', 'shop-demo.example'] });
          expect(JSON.stringify(r)).not.to.contain(TOKEN);
        },
      },
      {
        tool: 'delete_cloudflare_token', args: (c) => ({ token_id: c.saved.tokenId }),
        check: (r, c) => expect(r.structuredContent).to.deep.equal({ deleted: true, id: c.saved.tokenId, disconnected_domains: ['legacy.trekmail.test', 'shop-demo.example'] }),
        verify: { tool: 'list_cloudflare_tokens', check: (r, c) => expect(r.structuredContent.data.map((t: { id: number }) => t.id)).not.to.include(c.saved.tokenId) },
      },
      { tool: 'preview_cloudflare_dns', args: (c) => ({ domain_ids: [c.saved.legacyId] }), error: /HTTP 422, validation_failed.*not connected to Cloudflare/s },
    ],
  },
];
