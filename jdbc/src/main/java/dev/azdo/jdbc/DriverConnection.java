package dev.azdo.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;

/**
 * The connection the driver hands out: Calcite's, seen through a proxy that answers what Calcite's
 * metadata leaves empty (primary keys) and returns itself from its statements and metadata.
 */
final class DriverConnection implements InvocationHandler {
  private final Connection calcite;
  private Connection self;

  private DriverConnection(Connection calcite) {
    this.calcite = calcite;
  }

  /** Wraps a Calcite connection. */
  static Connection wrap(Connection calcite) {
    DriverConnection h = new DriverConnection(calcite);
    h.self =
        (Connection)
            Proxy.newProxyInstance(
                DriverConnection.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
    return h.self;
  }

  @Override
  public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
    if (m.getName().equals("getMetaData") && m.getParameterCount() == 0) {
      DatabaseMetaData md = calcite.getMetaData();
      return Proxy.newProxyInstance(
          DriverConnection.class.getClassLoader(),
          new Class<?>[] {DatabaseMetaData.class},
          (p, mm, a) -> metadata(md, mm, a));
    }
    return call(calcite, m, args);
  }

  private Object metadata(DatabaseMetaData md, Method m, Object[] args) throws Throwable {
    switch (m.getName()) {
      case "getPrimaryKeys":
        return PrimaryKeys.query(calcite, (String) args[1], (String) args[2]);
      case "getConnection":
        return self;
      default:
        return call(md, m, args);
    }
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
