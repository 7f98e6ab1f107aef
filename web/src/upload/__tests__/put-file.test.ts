import { uploadRejectedMessage, uploadRequestHeaders } from '../put-file';

describe('uploadRequestHeaders', () => {
  it('keeps every header the server signed, drops those a browser may not set', () => {
    expect(
      uploadRequestHeaders(
        [
          { name: 'Content-Type', value: 'audio/mpeg' },
          { name: 'x-goog-content-length-range', value: '0,1000' },
          { name: 'Content-Length', value: '1000' },
          { name: 'Host', value: 'storage' },
          { name: 'Sec-Fetch-Mode', value: 'cors' },
        ],
        'audio/wav',
      ),
    ).toEqual([
      { name: 'Content-Type', value: 'audio/mpeg' },
      { name: 'x-goog-content-length-range', value: '0,1000' },
    ]);
  });
  it('adds the content type the upload was requested with when the server does not name one', () => {
    expect(uploadRequestHeaders([{ name: 'x-signature', value: 'abc' }], 'audio/flac')).toEqual([
      { name: 'x-signature', value: 'abc' },
      { name: 'Content-Type', value: 'audio/flac' },
    ]);
  });
});

describe('uploadRejectedMessage', () => {
  it('explains the common storage answers', () => {
    expect(uploadRejectedMessage(403)).toMatch(/expired/);
    expect(uploadRejectedMessage(413)).toMatch(/too large/);
    expect(uploadRejectedMessage(503)).toMatch(/storage server had a problem/);
    expect(uploadRejectedMessage(418)).toMatch(/HTTP 418/);
  });
});
