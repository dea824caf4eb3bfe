import { expect } from 'chai';
import { buildRequest } from './request.js';
import type { ToolMeta } from './tool.js';

const meta = (route: string, extra: Partial<ToolMeta> = {}): ToolMeta => {
  const [method, path] = route.split(' ');
  return { name: 't', description: '', access: 'read', scope: 's', route: route as ToolMeta['route'], method: method as ToolMeta['method'], path, secrets: [], ...extra };
};

describe('buildRequest', () => {
  it('encodes path parameters as one segment', () => {
    const r = buildRequest(meta('PATCH /messages/folders/{path}'), { path: 'Projects/Alpha ?x=1#y', name: 'B' });
    expect(r.path).to.equal('/messages/folders/Projects%2FAlpha%20%3Fx%3D1%23y');
    expect(r.body).to.deep.equal({ name: 'B' });
  });

  it('keeps ../ and %2F inside their segment', () => {
    expect(buildRequest(meta('GET /drive/spaces/{space}/usage'), { space: '../../admin' }).path).to.equal('/drive/spaces/..%2F..%2Fadmin/usage');
    expect(buildRequest(meta('GET /drive/spaces/{space}/usage'), { space: 'mailbox:7' }).path).to.equal('/drive/spaces/mailbox%3A7/usage');
    expect(buildRequest(meta('GET /x/{id}'), { id: '%2F' }).path).to.equal('/x/%252F');
  });

  it('includes an optional segment only when its parameters are given', () => {
    const m = meta('GET /drive/spaces/{space}/folders[/{folder_id}]');
    expect(buildRequest(m, { space: 'account' }).path).to.equal('/drive/spaces/account/folders');
    expect(buildRequest(m, { space: 'account', folder_id: 5, sort: 'name' })).to.deep.include({ path: '/drive/spaces/account/folders/5', query: { sort: 'name' } });
    const mid = meta('GET /drive/spaces/{space}[/folders/{folder_id}]/all-ids');
    expect(buildRequest(mid, { space: 'account' }).path).to.equal('/drive/spaces/account/all-ids');
    expect(buildRequest(mid, { space: 'account', folder_id: 3 }).path).to.equal('/drive/spaces/account/folders/3/all-ids');
  });

  it('keeps literal colons of action routes', () => {
    expect(buildRequest(meta('POST /mailboxes/{mailbox_id}:pause'), { mailbox_id: 4 }).path).to.equal('/mailboxes/4:pause');
  });

  it('puts GET/DELETE parameters in the query and the rest in the body, with fixed fields and headers', () => {
    expect(buildRequest(meta('GET /domains'), { page: 2 })).to.deep.include({ method: 'GET', query: { page: 2 } });
    expect(buildRequest(meta('GET /domains'), {}).query).to.equal(undefined);
    const post = buildRequest(meta('POST /mailboxes', { fixedBody: { password_mode: 'generated_one_time' } }), { domain_id: 1, local_part: 'a' });
    expect(post.body).to.deep.equal({ domain_id: 1, local_part: 'a', password_mode: 'generated_one_time' });
    const del = buildRequest(meta('DELETE /g/{group_id}/members', { jsonBody: true }), { group_id: 2, contact_ids: [1] });
    expect(del).to.deep.include({ path: '/g/2/members', body: { contact_ids: [1] } });
    const hdr = buildRequest(meta('POST /delete-intents/{intent_id}:confirm', { headers: { 'X-Confirm-Delete': 'true' }, confirm: 'confirm' }), { intent_id: 9, confirm: true });
    expect(hdr).to.deep.include({ headers: { 'X-Confirm-Delete': 'true' }, body: {} });
  });

  it('sends null (clearing a value) but never undefined', () => {
    expect(buildRequest(meta('PATCH /d/{id}/note'), { id: 1, note: null, other: undefined }).body).to.deep.equal({ note: null });
  });

  it('sends parameters under their wire names: nested (the missing member null), renamed, as a header', () => {
    const m = meta('POST /messages/send', { wire: { body_text: 'body.text', body_html: 'body.html' } });
    expect(buildRequest(m, { to: ['a@b.io'], body_text: 'Hi' }).body).to.deep.equal({ to: ['a@b.io'], body: { text: 'Hi', html: null } });
    expect(buildRequest(m, { to: ['a@b.io'] }).body).to.deep.equal({ to: ['a@b.io'] });
    const r = buildRequest(meta('POST /x', { wire: { client_auth_mode: 'mode', credential: 'header:Payment-Authorization' } }), { client_auth_mode: 'app_password_only', credential: 'Payment credential="e30"' });
    expect(r.body).to.deep.equal({ mode: 'app_password_only' });
    expect(r.headers).to.deep.equal({ 'Payment-Authorization': 'Payment credential="e30"' });
    expect(buildRequest(meta('POST /x', { wire: { credential: 'header:Payment-Authorization' } }), {}).headers).to.equal(undefined);
  });

  it('never sends the parameters the server keeps for itself', () => {
    expect(buildRequest(meta('GET /messages/{uid}', { localParams: ['include_html'] }), { uid: 4, folder: 'INBOX', include_html: true }).query).to.deep.equal({ folder: 'INBOX' });
  });

  it('adds fixed query fields; sends no body at all when the route takes none', () => {
    expect(buildRequest(meta('GET /mailboxes', { fixedQuery: { status: 'trashed' } }), { per_page: 5 }).query).to.deep.equal({ per_page: 5, status: 'trashed' });
    expect(buildRequest(meta('POST /m/{id}:resume-login', { noBody: true }), { id: 3 })).to.deep.equal({ method: 'POST', path: '/m/3:resume-login', headers: undefined });
  });
});
