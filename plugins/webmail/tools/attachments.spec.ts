import { expect } from 'chai';
import { data, errorText, type Harness } from '../../../test/harness.js';
import { harnesses, mail, refused, untrusted } from './helpers.spec.js';

describe('webmail: attachments', () => {
  let h: Harness;
  before(async () => {
    ({ closed: h } = await harnesses());
  });
  const pdf = Buffer.from('%PDF-1.4 demo').toString('base64');

  it('download_attachment GETs one attachment (folder in the query, max_bytes kept local) and answers base64 with name, type, size', async () => {
    mail().get('/api/v1/messages/5/attachments/1').query({ folder: 'Projects/2026' })
      .reply(200, { index: 1, filename: 'a.pdf', content_type: 'application/pdf', size: 13, content_base64: pdf });
    const d = untrusted(await h.call('download_attachment', { uid: 5, index: 1, folder: 'Projects/2026', max_bytes: 1000 }));
    expect(d).to.deep.equal({ filename: 'a.pdf', content_type: 'application/pdf', size: 13, index: 1, content_base64: pdf });
    expect(Object.keys(d)[0]).to.equal('filename');
    expect(Object.keys(d).pop()).to.equal('content_base64');
  });

  it('computes the size from the base64 when the API leaves it out', async () => {
    mail().get('/api/v1/messages/5/attachments/0').reply(200, { attachment: { filename: 'n.txt', content_type: 'text/plain', content_base64: 'aGVsbG8=' } });
    expect(data(await h.call('download_attachment', { uid: 5, index: 0 }))).to.deep.equal({ filename: 'n.txt', content_type: 'text/plain', size: 5, content_base64: 'aGVsbG8=' });
  });

  it('above the inline limit (5 MB by default) the content is withheld with a clear message naming no file', async () => {
    mail().get('/api/v1/messages/5/attachments/0').reply(200, { filename: 'secret-plan.mp4', content_type: 'video/mp4', size: 6_291_456, content_base64: 'AAAA' });
    const text = errorText(await h.call('download_attachment', { uid: 5, index: 0 }));
    expect(text).to.equal('Error (attachment_too_large): Attachment 0 of message 5 is 6.0 MB (6291456 bytes), above the inline limit of 5.0 MB (max_bytes); its content was not returned. Call again with max_bytes up to 26214400 to receive it inline.');
    mail().get('/api/v1/messages/5/attachments/0').reply(200, { filename: 'small.txt', content_type: 'text/plain', size: 5, content_base64: 'aGVsbG8=' });
    expect(errorText(await h.call('download_attachment', { uid: 5, index: 0, max_bytes: 4 }))).to.contain('is 1 KB (5 bytes), above the inline limit of 1 KB');
  });

  it('max_bytes is capped at the API limit of 25 MB; a negative index is refused', async () => {
    expect(await refused(h, 'download_attachment', { uid: 5, index: 0, max_bytes: 26_214_401 })).to.contain('- max_bytes: ');
    expect(await refused(h, 'download_attachment', { uid: 5, index: -1 })).to.contain('- index: ');
  });

  it('download_all_attachments GETs the ZIP of all attachments, under the same guard', async () => {
    mail().get('/api/v1/messages/5/attachments').reply(200, { filename: 'message-5-attachments.zip', content_type: 'application/zip', size: 22, count: 2, content_base64: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==' });
    expect(untrusted(await h.call('download_all_attachments', { uid: 5 }))).to.deep.equal({ filename: 'message-5-attachments.zip', content_type: 'application/zip', size: 22, count: 2, content_base64: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==' });
    mail().get('/api/v1/messages/6/attachments').query({ folder: 'Sent' }).reply(200, { filename: 'z.zip', size: 30_000_000, content_base64: 'UEs=' });
    expect(errorText(await h.call('download_all_attachments', { uid: 6, folder: 'Sent', max_bytes: 26_214_400 }))).to.match(/^Error \(attachment_too_large\): The ZIP of message 6's attachments is 28\.6 MB/);
  });

  it('an API error (no attachments) is passed on', async () => {
    mail().get('/api/v1/messages/7/attachments').reply(404, { error: { code: 'no_attachments', message: 'Message 7 has no attachments' } });
    expect(errorText(await h.call('download_all_attachments', { uid: 7 }))).to.contain('HTTP 404, no_attachments');
  });
});
