package io.shardwise.driver.merge;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;

/** Wraps a node result set and counts the rows the merge pulled from it. */
final class CountingResultSet {

    final ResultSet delegate;
    int rowsRead;

    CountingResultSet(ResultSet delegate) {
        this.delegate = delegate;
    }

    ResultSet proxy() {
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (p, method, args) -> {
                    try {
                        Object r = method.invoke(delegate, args);
                        if (method.getName().equals("next") && Boolean.TRUE.equals(r)) {
                            rowsRead++;
                        }
                        return r;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
