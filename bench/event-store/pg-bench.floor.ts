import { Client } from 'pg';

export type Floor = { roundTripsPerS: number; commitsPerS: number };

/**
 * What the server allows one awaited writer at best: `SELECT 1` round trips per second, and
 * autocommit one-row INSERTs per second (a round trip plus a durable commit, the WAL flush).
 */
export async function measureFloor(connectionString: string, calls = 300): Promise<Floor> {
  const client = new Client({ connectionString });
  await client.connect();
  const table = `pgbench_floor_${process.pid}`;
  const rate = async (text: string): Promise<number> => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) await client.query(text);
    return calls / (Number(process.hrtime.bigint() - started) / 1e9);
  };
  try {
    await client.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, v int)`);
    return { roundTripsPerS: Math.round(await rate('SELECT 1')), commitsPerS: Math.round(await rate(`INSERT INTO ${table} (v) VALUES (1)`)) };
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.end();
  }
}
