import { describe, expect, it } from 'vitest';
import { csvCell, formatCsv } from './csv';

describe('formatCsv', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 does, with CRLF between records', () => {
    expect(
      formatCsv([
        ['file', 'error'],
        ['a,b.layerlab.json', 'line 1\nline "2"'],
      ]),
    ).toBe('file,error\r\n"a,b.layerlab.json","line 1\nline ""2"""\r\n');
  });

  it('writes numbers, booleans and empty cells as they are', () => {
    expect(formatCsv([[1, 2.5, true, false, null, Number.NaN]])).toBe('1,2.5,true,false,,\r\n');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('ana/xor.layerlab.json')).toBe('ana/xor.layerlab.json');
    expect(csvCell(-2)).toBe('-2');
  });
});
