import { describe, expect, it } from 'vitest';
import { parseFolderSpec } from './image-folders.js';

describe('parseFolderSpec', () => {
  it('splits at the last colon, so a folder may hold colons', () => {
    expect(parseFolderSpec('/tmp/a:b/plain:569')).toEqual({ dir: '/tmp/a:b/plain', ppi: 569 });
  });

  it('names the argument when the resolution is missing or not positive', () => {
    expect(() => parseFolderSpec('/tmp/plain', '--background /tmp/plain')).toThrow('--background /tmp/plain: expected DIR:PPI');
    expect(() => parseFolderSpec('/tmp/plain:0')).toThrow('/tmp/plain:0: expected DIR:PPI');
    expect(() => parseFolderSpec(':500')).toThrow('expected DIR:PPI');
  });
});
