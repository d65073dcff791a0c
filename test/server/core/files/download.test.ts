import { attachmentDisposition } from '../../../../server/src/core/files/download';

/** What a browser makes of `filename*` (RFC 5987): the UTF-8 name, percent-decoded. */
function savedName(header: string): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(header);
  return m ? decodeURIComponent(m[1]) : '';
}

describe('download names (Content-Disposition)', () => {
  it('should give a Chinese name in filename* and its ASCII part as the plain filename', () => {
    const header = attachmentDisposition('补贴发放清单-2026-12-07-BT20261207A1B2C3.xlsx');
    expect(header).toBe(
      `attachment; filename="2026-12-07-BT20261207A1B2C3.xlsx"; filename*=UTF-8''%E8%A1%A5%E8%B4%B4%E5%8F%91%E6%94%BE%E6%B8%85%E5%8D%95-2026-12-07-BT20261207A1B2C3.xlsx`,
    );
    expect(savedName(header)).toBe('补贴发放清单-2026-12-07-BT20261207A1B2C3.xlsx');
  });

  it('should fall back to "download" with the extension when nothing of the name is ASCII', () => {
    const header = attachmentDisposition('毕业生名单模板.xlsx');
    expect(header).toContain('filename="download.xlsx"');
    expect(savedName(header)).toBe('毕业生名单模板.xlsx');
  });

  it('should percent-encode the characters RFC 5987 reserves and drop quotes, separators and control characters', () => {
    const header = attachmentDisposition('简历-王(小)明\'s "CV"/..\\\r\n.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain("filename*=UTF-8''%E7%AE%80%E5%8E%86-%E7%8E%8B%28%E5%B0%8F%29%E6%98%8E%27s%20CV...pdf");
    expect(savedName(header)).toBe("简历-王(小)明's CV...pdf");
    expect(/filename="([^"]*)"/.exec(header)?.[1]).toBe("(_)_'s CV...pdf");
  });

  it('should never send an empty name', () => {
    expect(attachmentDisposition('')).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
  });
});
