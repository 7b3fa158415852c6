import { describe, expect, it } from '@jest/globals';
import { defusedCell, spreadsheetSafeCsv } from './csv.js';

describe('a CSV cell a spreadsheet will not run', () => {
  it.each(['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', '-', '-1e3', '=HYPERLINK("x")'])(
    'prefixes %j, which starts like a formula, with a quote',
    (cell) => expect(defusedCell(cell)).toBe(`'${cell}`),
  );

  it.each(['-150.00', '-7', '150.00', '0', 'k-1', 'ОсОО', '', '2026-11-26T04:00:00.000Z'])(
    'leaves %j alone: a plain (negative) number or text that starts like none',
    (cell) => expect(defusedCell(cell)).toBe(cell),
  );

  it('writes RFC 4180 lines with CRLF, a defused cell quoted', () => {
    expect(spreadsheetSafeCsv([['a', '=1+1', '-150.00', 'x,"y"']])).toBe(`a,"'=1+1",-150.00,"x,""y"""\r\n`);
  });
});
