package io.shardwise.agent;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isSubTypeOf;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.shardwise.profiler.Profiler;
import io.shardwise.profiler.ProfilerConfig;
import io.shardwise.profiler.TimeSource;
import io.shardwise.router.sql.SqlDialectKind;
import java.lang.instrument.Instrumentation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The profiling java agent: {@code java -javaagent:shardwise-agent.jar=config=profile.properties -jar app.jar}.
 * Weaves advice into every class implementing {@link Connection}, {@link PreparedStatement} or {@link Statement}
 * (whichever JDBC driver that is), feeds what runs into the profiler and writes the report periodically and at
 * exit. A bad configuration disables the agent with a message on stderr; the application runs unprofiled.
 */
public final class ShardwiseAgent {
    private ShardwiseAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    private static void start(String args, Instrumentation inst) {
        AgentConfig config;
        try {
            config = AgentConfig.fromAgentArgs(args);
        } catch (Exception e) {
            System.err.println("shardwise-agent: disabled, the application runs unprofiled: " + e.getMessage());
            return;
        }
        try {
            ProfilerConfig pc = ProfilerConfig.defaults().withBucket(config.bucket())
                    .withHistory(config.bucket().multipliedBy(2_000)).withSteps(1, 12);
            Profiler profiler = new Profiler(pc, TimeSource.system());
            ProfileRecorder recorder = new ProfileRecorder(config, profiler, SqlDialectKind.H2);
            ProfileReport report = new ProfileReport(recorder);
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "shardwise-agent");
                t.setDaemon(true);
                return t;
            });
            profiler.startRolling(scheduler);
            long interval = config.reportInterval().toSeconds();
            if (interval > 0) {
                scheduler.scheduleAtFixedRate(report::writeQuietly, interval, interval, TimeUnit.SECONDS);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(report::writeQuietly, "shardwise-agent-report"));
            JdbcHooks.install(recorder);
            instrument(inst);
            System.err.println("shardwise-agent: profiling tables " + config.shardKeys().keySet() + ", reports in "
                    + config.reportDir().toAbsolutePath().normalize());
        } catch (Throwable t) {
            JdbcHooks.install(null);
            System.err.println("shardwise-agent: disabled, the application runs unprofiled: " + t);
        }
    }

    private static void instrument(Instrumentation inst) {
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.Listener.NoOp.INSTANCE)
                .ignore(nameStartsWith("net.bytebuddy.").or(nameStartsWith("io.shardwise."))
                        .or(nameStartsWith("java.")).or(nameStartsWith("javax.")).or(nameStartsWith("jdk."))
                        .or(nameStartsWith("sun.")).or(nameStartsWith("com.sun."))
                        .or(nameStartsWith("org.apache.calcite.")).or(isSynthetic()))
                .type(isSubTypeOf(Connection.class).and(not(isInterface())))
                .transform((builder, type, loader, module, domain) -> builder.visit(Advice.to(PrepareAdvice.class)
                        .on(named("prepareStatement").and(takesArgument(0, String.class)).and(not(isAbstract())))))
                .type(isSubTypeOf(PreparedStatement.class).and(not(isInterface())))
                // public setters only: drivers funnel them into private set*(int, InternalValue) helpers
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(SetParameterAdvice.class).on(nameStartsWith("set").and(isPublic())
                                .and(takesArguments(2))
                                .and(takesArgument(0, int.class)).and(not(isAbstract()))))
                        .visit(Advice.to(ClearParametersAdvice.class).on(named("clearParameters")
                                .and(not(isAbstract()))))
                        .visit(Advice.to(ExecutePreparedAdvice.class).on(namedOneOf("execute", "executeQuery",
                                "executeUpdate", "executeLargeUpdate").and(takesArguments(0)).and(not(isAbstract()))))
                        .visit(Advice.to(AddBatchPreparedAdvice.class).on(named("addBatch").and(takesArguments(0))
                                .and(not(isAbstract())))))
                .type(isSubTypeOf(Statement.class).and(not(isInterface())))
                .transform((builder, type, loader, module, domain) -> builder
                        .visit(Advice.to(ExecuteAdvice.class).on(namedOneOf("execute", "executeQuery",
                                "executeUpdate", "executeLargeUpdate").and(takesArgument(0, String.class))
                                .and(not(isAbstract()))))
                        .visit(Advice.to(AddBatchAdvice.class).on(named("addBatch").and(takesArguments(1))
                                .and(takesArgument(0, String.class)).and(not(isAbstract()))
                                .and(returns(void.class)))))
                .installOn(inst);
    }

    // Advice bodies are inlined into the driver's classes: keep them to one call into JdbcHooks.

    static final class PrepareAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) String sql, @Advice.Return Object statement) {
            JdbcHooks.prepared(statement, sql);
        }
    }

    static final class SetParameterAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object statement, @Advice.Argument(0) int index,
                          @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object value) {
            JdbcHooks.parameter(statement, index, value);
        }
    }

    static final class ClearParametersAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object statement) {
            JdbcHooks.clearParameters(statement);
        }
    }

    static final class ExecutePreparedAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return JdbcHooks.enter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object statement, @Advice.Enter long start) {
            JdbcHooks.executedPrepared(statement, start);
        }
    }

    static final class ExecuteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return JdbcHooks.enter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Argument(0) String sql, @Advice.Enter long start) {
            JdbcHooks.executed(sql, start);
        }
    }

    static final class AddBatchPreparedAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object statement) {
            JdbcHooks.batchedPrepared(statement);
        }
    }

    static final class AddBatchAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) String sql) {
            JdbcHooks.batched(sql);
        }
    }
}
