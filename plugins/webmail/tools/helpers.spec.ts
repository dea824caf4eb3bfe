import { expect } from 'chai';
import nock from 'nock';
import { BASE, data, errorText, harness, MSG_TOKEN, type CallResult, type Harness } from '../../../test/harness.js';
import { WebmailPack } from '../webmail.plugin.js';

/** Shared set-up of the webmail specs (a .spec file so it never ships). */

/** nock scope that only matches requests carrying the message token. */
export const mail = () => nock(BASE, { reqheaders: { authorization: `Bearer ${MSG_TOKEN}` } });

/** Harnesses: every gate closed, and every gate open. */
export async function harnesses(): Promise<{ closed: Harness; open: Harness }> {
  return {
    closed: await harness(WebmailPack),
    open: await harness(WebmailPack, { TREKMAIL_ALLOW_DESTRUCTIVE: 'true', TREKMAIL_ALLOW_SENDING: 'true' }),
  };
}

/** Runs a call that must be refused before any request: a catch-all mock must stay unused. */
export async function refused(h: Harness, tool: string, args: Record<string, unknown>): Promise<string> {
  let requests = 0;
  for (const m of ['get', 'post', 'put', 'patch', 'delete'] as const) nock(BASE).persist()[m](() => true).reply(() => (requests++, [200, {}]));
  const text = errorText(await h.call(tool, args));
  nock.cleanAll();
  expect(requests, `${tool} made a request`).to.equal(0);
  return text;
}

/** The structured content of a webmail result, after checking it is delimited and marked as third-party content. */
export function untrusted(res: CallResult): any {
  const d = data(res);
  expect(res.content[0].text).to.match(/^Third-party content .*\n<untrusted-data id="([0-9a-f]{12})">\n[\s\S]*\n<\/untrusted-data id="\1">$/);
  expect(res._meta).to.deep.equal({ 'trekmail/untrusted': true });
  return d;
}
