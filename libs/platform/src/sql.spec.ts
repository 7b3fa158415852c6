import { describe, expect, it } from '@jest/globals';
import { sql, Sql } from './sql.js';

describe('the sql tag', () => {
  it('inlines values as escaped literals, and nested Sql as text', () => {
    const phone = `0555'; DROP TABLE wallets; --`;
    const where = sql`phone = ${phone} AND amount > ${10n}`;
    expect(sql`SELECT * FROM wallets WHERE ${where} AND ok = ${true} AND gone IS ${null}`.inline()).toBe(
      `SELECT * FROM wallets WHERE phone = '0555''; DROP TABLE wallets; --' AND amount > 10 AND ok = TRUE AND gone IS NULL`,
    );
  });

  it('writes a backslash so that it reads the same with or without standard_conforming_strings', () => {
    expect(sql`${'a\\b'}`.inline()).toBe(` E'a\\\\b'`);
  });

  it('binds values as $n parameters, nested Sql inlined into the text', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect(sql`UPDATE t SET at = ${at} WHERE id IN (${sql.list(['a', 'b'])}) AND n = ${5n}`.parameterized()).toEqual({
      text: 'UPDATE t SET at = $1 WHERE id IN ($2, $3) AND n = $4',
      params: [at, 'a', 'b', '5'],
    });
  });

  it('makes VALUES rows and joins parts', () => {
    expect(
      sql`VALUES ${sql.values([
        ['a', 1],
        ['b', 2],
      ])}`.inline(),
    ).toBe(`VALUES ('a', 1), ('b', 2)`);
    expect(sql.join([sql`a`, sql`b`], sql` AND `).inline()).toBe('a AND b');
    expect(() => sql.list([])).toThrow(/at least one/);
  });

  it('refuses numbers that are not safe integers (money is bigint)', () => {
    expect(() => sql`${0.1}`.inline()).toThrow(/safe integers/);
  });

  it('is its own type: a plain string is not Sql', () => {
    // @ts-expect-error a string built by hand cannot pass for a statement
    const notSql: Sql = 'SELECT 1';
    expect(notSql instanceof Sql).toBe(false);
    const constant = 'id, phone' as const;
    expect(sql`SELECT ${sql.constant(constant)}`.inline()).toBe('SELECT id, phone');
  });
});
