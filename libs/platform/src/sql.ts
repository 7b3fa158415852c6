/** A value the `sql` tag writes into a statement: strings escaped, numbers and bigints as digits, nested Sql as is. */
export type SqlValue = string | bigint | number | boolean | Date | null | Sql;

/**
 * A statement or a part of one, made only by the `sql` tag and its helpers: a plain string is not a `Sql`, so text
 * built by hand (and an escape forgotten in it) cannot reach the database through the platform's transactions.
 */
export class Sql {
  /** Nominal: two classes with the same fields are still different types. */
  declare private readonly brand: 'Sql';

  /** @internal use the `sql` tag. */
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly SqlValue[],
  ) {}

  /** The statement, every value an escaped literal: for the simple protocol (several statements to a round trip). */
  inline(): string {
    let text = this.strings[0];
    for (let i = 0; i < this.values.length; i++) text += literal(this.values[i]) + this.strings[i + 1];
    return text;
  }

  /** The statement with `$n` parameters (nested Sql inlined into the text), for the extended protocol. */
  parameterized(): { text: string; params: unknown[] } {
    const params: unknown[] = [];
    const walk = (s: Sql): string => {
      let text = s.strings[0];
      for (let i = 0; i < s.values.length; i++) {
        const v = s.values[i];
        if (v instanceof Sql) text += walk(v);
        else {
          params.push(typeof v === 'bigint' ? v.toString() : v);
          text += `$${params.length}`;
        }
        text += s.strings[i + 1];
      }
      return text;
    };
    return { text: walk(this), params };
  }
}

/** Writes SQL whose values are escaped by the tag: sql`SELECT balance FROM wallets WHERE phone = ${phone}`. */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): Sql {
  return new Sql(strings, values);
}

/** The parts, separated (by `, ` unless told): `sql.join(ids.map((id) => sql`${id}`))`. */
sql.join = (parts: readonly Sql[], separator: Sql = sql`, `): Sql => {
  if (parts.length === 0) return sql``;
  const strings = [''];
  const values: SqlValue[] = [];
  parts.forEach((part, i) => {
    if (i > 0) {
      values.push(separator);
      strings.push('');
    }
    values.push(part);
    strings.push('');
  });
  return new Sql(strings, values);
};

/** A list of values for `IN (…)` or `= ANY(ARRAY[…])`: `WHERE phone IN (${sql.list(phones)})`. Never empty. */
sql.list = (values: readonly SqlValue[]): Sql => {
  if (values.length === 0) throw new Error('sql.list needs at least one value (IN () is not SQL)');
  return sql.join(values.map((v) => sql`${v}`));
};

/** Rows for `VALUES …`: `INSERT INTO t (a, b) VALUES ${sql.values(rows)}` → `(…, …), (…, …)`. Never empty. */
sql.values = (rows: readonly (readonly SqlValue[])[]): Sql => {
  if (rows.length === 0) throw new Error('sql.values needs at least one row');
  return sql.join(rows.map((row) => sql`(${sql.list(row)})`));
};

/**
 * SQL text known when the code is compiled (a column list kept in a `const`): only a string literal type is accepted,
 * so text built at run time — a value among it — cannot pass for SQL.
 */
sql.constant = <T extends string>(text: string extends T ? never : T): Sql => new Sql([text], []);

/**
 * Text the platform built itself and vouches for (the outbox's INSERT, whose values its own literal escaped). Not
 * exported from the platform: handlers write SQL with the tag.
 */
export function trustedSql(text: string): Sql {
  return new Sql([text], []);
}

/** A value as a literal: strings escaped as PostgreSQL's own `quote_literal` does (pg's escapeLiteral). */
export function literal(value: SqlValue): string {
  if (value instanceof Sql) return value.inline();
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`only safe integers are written into SQL, not ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return escapeLiteral(value instanceof Date ? value.toISOString() : value);
}

function escapeLiteral(text: string): string {
  let backslash = false;
  let escaped = "'";
  for (const c of text) {
    if (c === "'") escaped += "''";
    else if (c === '\\') {
      escaped += '\\\\';
      backslash = true;
    } else escaped += c;
  }
  escaped += "'";
  // With standard_conforming_strings a backslash is plain in '…'; in E'…' it is doubled, which reads right either way.
  return backslash ? ` E${escaped}` : escaped;
}
