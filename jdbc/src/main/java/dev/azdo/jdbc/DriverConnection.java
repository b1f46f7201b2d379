package dev.azdo.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;

/**
 * The connection the driver hands out: Calcite's, seen through a proxy that answers what Calcite's
 * metadata leaves empty (primary keys), writes the rows of each statement's executions together
 * when the statement returns (see {@link StatementWrites}), and returns itself from its statements
 * and metadata.
 */
final class DriverConnection implements InvocationHandler {
  // The Statement methods that may run DML.
  private static final Set<String> EXECUTES =
      Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch", "executeLargeBatch");

  private static final String NO_TRANSACTIONS =
      "Azure DevOps has no transactions; each statement's writes are sent when it returns";

  private final Connection calcite;
  private final StatementWrites writes;
  private final AutoCloseable client;
  private Connection self;

  private DriverConnection(Connection calcite, StatementWrites writes, AutoCloseable client) {
    this.calcite = calcite;
    this.writes = writes;
    this.client = client;
  }

  /**
   * Wraps a Calcite connection whose WorkItems tables write through the given writes; closing it
   * closes the client too (its HTTP threads would otherwise live until it is garbage collected).
   */
  static Connection wrap(Connection calcite, StatementWrites writes, AutoCloseable client) {
    DriverConnection h = new DriverConnection(calcite, writes, client);
    h.self = proxy(Connection.class, h);
    return h.self;
  }

  private static <T> T proxy(Class<T> type, InvocationHandler h) {
    return type.cast(
        Proxy.newProxyInstance(DriverConnection.class.getClassLoader(), new Class<?>[] {type}, h));
  }

  @Override
  public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
    switch (m.getName()) {
      case "getMetaData":
        DatabaseMetaData md = calcite.getMetaData();
        return proxy(DatabaseMetaData.class, (p, mm, a) -> metadata(md, mm, a));
      case "createStatement":
        Statement st = (Statement) call(calcite, m, args);
        return proxy(Statement.class, (p, mm, a) -> statement(st, mm, a));
      case "prepareStatement":
        PreparedStatement ps = (PreparedStatement) call(calcite, m, args);
        return proxy(PreparedStatement.class, (p, mm, a) -> statement(ps, mm, a));
      case "prepareCall":
        CallableStatement cs = (CallableStatement) call(calcite, m, args);
        return proxy(CallableStatement.class, (p, mm, a) -> statement(cs, mm, a));
      case "close":
        try {
          return call(calcite, m, args);
        } finally {
          client.close();
        }
      case "getAutoCommit":
        return true;
      case "setAutoCommit":
        if (!(Boolean) args[0]) {
          throw new SQLFeatureNotSupportedException(NO_TRANSACTIONS);
        }
        return null;
      case "commit":
      case "rollback":
        if (args == null) {
          throw new SQLException("Auto-commit: " + NO_TRANSACTIONS, "25000");
        }
        return call(calcite, m, args);
      default:
        return call(calcite, m, args);
    }
  }

  private Object metadata(DatabaseMetaData md, Method m, Object[] args) throws Throwable {
    switch (m.getName()) {
      case "getPrimaryKeys":
        return PrimaryKeys.query(calcite, (String) args[1], (String) args[2]);
      case "getConnection":
        return self;
      case "supportsTransactions":
        return false;
      case "getDefaultTransactionIsolation":
        return Connection.TRANSACTION_NONE;
      default:
        return call(md, m, args);
    }
  }

  private Object statement(Statement st, Method m, Object[] args) throws Throwable {
    if (m.getName().equals("getConnection")) {
      return self;
    }
    if (!EXECUTES.contains(m.getName())) {
      return call(st, m, args);
    }
    writes.begin();
    Object r;
    try {
      r = call(st, m, args);
    } catch (Throwable t) {
      // Nothing held is written when an execution fails in Calcite (a bad value, a bad plan).
      writes.discard();
      throw t;
    }
    return switch (m.getName()) {
      case "executeBatch" -> toInts(writes.finish(toLongs((int[]) r)));
      case "executeLargeBatch" -> writes.finish((long[]) r);
      case "executeUpdate" -> (int) writes.finish(new long[] {(Integer) r})[0];
      case "executeLargeUpdate" -> writes.finish(new long[] {(Long) r})[0];
      default -> {
        // execute: true for a result set (nothing held), else the count is getUpdateCount's.
        boolean query = (Boolean) r;
        writes.finish(query ? new long[0] : new long[] {st.getLargeUpdateCount()});
        yield r;
      }
    };
  }

  private static long[] toLongs(int[] counts) {
    return Arrays.stream(counts).asLongStream().toArray();
  }

  private static int[] toInts(long[] counts) {
    return Arrays.stream(counts).mapToInt(c -> (int) Math.min(c, Integer.MAX_VALUE)).toArray();
  }

  /** Calls the wrapped object, throwing what it threw rather than a reflection wrapper. */
  static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
