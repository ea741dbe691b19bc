import { describe, expect, it } from 'vitest';
import { parseFolderSpec, parseNamedFolderSpec, parseRangedFolderSpec } from './image-folders.js';

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

describe('parseRangedFolderSpec', () => {
  const sample = (finger: string) => ({ file: `${finger}_1.png`, finger, impression: 1 });
  it('keeps every finger without a range, and fingers FROM to TO with one', () => {
    const plain = parseRangedFolderSpec('/tmp/bg:500');
    expect(plain).toEqual({ dir: '/tmp/bg', ppi: 500 });
    const ranged = parseRangedFolderSpec('/tmp/a:b/bg:500:10001-15000');
    expect([ranged.dir, ranged.ppi]).toEqual(['/tmp/a:b/bg', 500]);
    expect(['10000', '10001', '15000', '15001'].map((f) => ranged.keep!(sample(f)))).toEqual([false, true, true, false]);
  });

  it('names the argument when the spec before the range is not DIR:PPI', () => {
    expect(() => parseRangedFolderSpec('/tmp/bg:1-5', '--background /tmp/bg:1-5')).toThrow('--background /tmp/bg:1-5: expected DIR:PPI');
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
