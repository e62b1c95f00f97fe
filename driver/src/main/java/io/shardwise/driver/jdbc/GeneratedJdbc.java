package io.shardwise.driver.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isDefaultMethod;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.MethodCall;
import net.bytebuddy.implementation.attribute.MethodAttributeAppender;

/**
 * The boring parts of the JDBC surface, generated once per JVM with Byte Buddy (see docs/ARCHITECTURE.md, "The
 * JDBC surface"): forwarding subclasses of {@link StatementOwnedResultSet} and {@link ShardwiseDatabaseMetaData}.
 * Instances are made through constructor method handles, so
 * creating one costs what a {@code new} costs.
 */
final class GeneratedJdbc {
    private static final MethodHandle OWNED_RESULT_SET = forwarding(StatementOwnedResultSet.class,
            MethodType.methodType(void.class, ResultSet.class, Statement.class));
    private static final MethodHandle METADATA = forwarding(ShardwiseDatabaseMetaData.class,
            MethodType.methodType(void.class, DatabaseMetaData.class, Connection.class, String.class));

    private GeneratedJdbc() {
    }

    static ResultSet ownedResultSet(ResultSet nodeResultSet, Statement owner) {
        try {
            return (StatementOwnedResultSet) OWNED_RESULT_SET.invokeExact(nodeResultSet, owner);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static DatabaseMetaData metaData(DatabaseMetaData nodeMetaData, Connection owner, String url) {
        try {
            return (ShardwiseDatabaseMetaData) METADATA.invokeExact(nodeMetaData, owner, url);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A subclass whose every abstract or default interface method calls the same method on field "delegate". */
    private static MethodHandle forwarding(Class<?> base, MethodType constructor) {
        Class<?> type = new ByteBuddy()
                .subclass(base, ConstructorStrategy.Default.IMITATE_SUPER_CLASS)
                .name(base.getName() + "$Forwarding")
                .method(isAbstract().or(isDefaultMethod()))
                .intercept(MethodCall.invokeSelf().onField("delegate").withAllArguments())
                .attribute(MethodAttributeAppender.NoOp.INSTANCE)
                .make()
                .load(base.getClassLoader(), ClassLoadingStrategy.UsingLookup.of(MethodHandles.lookup()))
                .getLoaded();
        return constructorOf(base, type, constructor);
    }

    private static MethodHandle constructorOf(Class<?> base, Class<?> type, MethodType constructor) {
        try {
            MethodHandle h = MethodHandles.lookup().findConstructor(type, constructor);
            return h.asType(constructor.changeReturnType(base));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
