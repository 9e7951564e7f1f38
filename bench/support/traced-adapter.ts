// A driver-adapter wrapper that reports every statement Prisma runs (SQL, time, rows) and the moment
// each transaction commits. The figures use it to see what a use case does (ingest's statements) and
// to time "from commit until the agents have it" (mark spam) without touching the app.
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";

export interface StatementTrace {
  sql: string;
  /** The statement's parameters, as the driver got them (to EXPLAIN it again). */
  args?: unknown[];
  ms: number;
  rows: number;
  inTransaction: boolean;
}

export interface AdapterHooks {
  onStatement?(trace: StatementTrace): void;
  /** process.hrtime.bigint() when a transaction's COMMIT returned. */
  onCommit?(at: bigint): void;
}

function timed(
  queryable: { queryRaw(q: SqlQuery): Promise<SqlResultSet>; executeRaw(q: SqlQuery): Promise<number> },
  hooks: AdapterHooks,
  inTransaction: boolean,
) {
  return {
    async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
      const started = process.hrtime.bigint();
      const result = await queryable.queryRaw(query);
      hooks.onStatement?.({
        sql: query.sql,
        args: query.args,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        rows: result.rows.length,
        inTransaction,
      });
      return result;
    },
    async executeRaw(query: SqlQuery): Promise<number> {
      const started = process.hrtime.bigint();
      const count = await queryable.executeRaw(query);
      hooks.onStatement?.({
        sql: query.sql,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        rows: count,
        inTransaction,
      });
      return count;
    },
  };
}

function wrapTransaction(transaction: Transaction, hooks: AdapterHooks): Transaction {
  const wrapped = timed(transaction, hooks, true);
  return new Proxy(transaction, {
    get(target, property, receiver) {
      if (property === "queryRaw") return wrapped.queryRaw;
      if (property === "executeRaw") return wrapped.executeRaw;
      if (property === "commit") {
        return async () => {
          const started = process.hrtime.bigint();
          await target.commit();
          const at = process.hrtime.bigint();
          hooks.onStatement?.({ sql: "COMMIT", ms: Number(at - started) / 1e6, rows: 0, inTransaction: true });
          hooks.onCommit?.(at);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function wrapAdapter(adapter: SqlDriverAdapter, hooks: AdapterHooks): SqlDriverAdapter {
  const wrapped = timed(adapter, hooks, false);
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === "queryRaw") return wrapped.queryRaw;
      if (property === "executeRaw") return wrapped.executeRaw;
      if (property === "startTransaction") {
        return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) =>
          wrapTransaction(await target.startTransaction(...args), hooks);
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function traceAdapterFactory<F extends SqlDriverAdapterFactory>(factory: F, hooks: AdapterHooks): F {
  return new Proxy(factory, {
    get(target, property, receiver) {
      if (property === "connect") return async () => wrapAdapter(await target.connect(), hooks);
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
