import { describe, expect, it } from 'vitest';
import { parseFolderSpec, parseNamedFolderSpec } from './image-folders.js';

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

describe('parseNamedFolderSpec', () => {
  it('takes the name before the first equals sign and the folder spec after it', () => {
    expect(parseNamedFolderSpec('plain=/tmp/s=1/plain:500')).toEqual({ name: 'plain', dir: '/tmp/s=1/plain', ppi: 500 });
  });

  it('refuses a spec without a name or without a resolution', () => {
    expect(() => parseNamedFolderSpec('/tmp/plain:500', '--synthetic /tmp/plain:500')).toThrow('--synthetic /tmp/plain:500: expected NAME=DIR:PPI');
    expect(() => parseNamedFolderSpec('plain=/tmp/plain')).toThrow('expected DIR:PPI');
  });
});
