import { sniffFileType } from '../../../../server/src/core/files/sniff';

describe('file sniffing', () => {
  it.each([
    ['pdf', Buffer.from('%PDF-1.7\n')],
    ['png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])],
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0])],
    ['executable', Buffer.from('MZ\x90\x00')],
    ['executable', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2])],
    ['executable', Buffer.from('#!/bin/sh\n')],
    ['unknown', Buffer.from('hello')],
  ])('should detect %s by its first bytes', (type, head) => {
    expect(sniffFileType(head)).toBe(type);
  });
});
