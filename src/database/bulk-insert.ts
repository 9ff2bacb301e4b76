import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Rows per INSERT statement: keeps every statement under SQLite's 32,766 bound parameters. */
const ROWS_PER_STATEMENT = 500;

/**
 * Multi-row INSERTs of plain entity-shaped objects, through the data source's own driver (`?`
 * placeholders work on mysql2 and better-sqlite3 alike). Columns come from the entity metadata, so
 * the statement follows the entities; simple-json values are serialised, booleans become 0/1.
 */
export async function bulkInsert<E extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<E>, rows: Partial<E>[]): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(target);
  const seen = new Set<string>();
  const columns = metadata.columns.filter((c) => !c.isVirtual && !seen.has(c.databaseName) && seen.add(c.databaseName));
  const escape = (name: string) => manager.connection.driver.escape(name);
  const head = `INSERT INTO ${escape(metadata.tableName)} (${columns.map((c) => escape(c.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const row of chunk) {
      for (const column of columns) {
        const value = (row as Record<string, unknown>)[column.propertyName];
        if (value === undefined || value === null) params.push(null);
        else if (column.type === 'simple-json') params.push(JSON.stringify(value));
        else if (typeof value === 'boolean') params.push(value ? 1 : 0);
        else params.push(value);
      }
    }
    await manager.query(head + chunk.map(() => tuple).join(', '), params);
  }
}
