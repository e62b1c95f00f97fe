package io.shardwise.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link ProfiledApp} in a child JVM with the shaded agent jar (built in {@code package}, so this runs in
 * {@code integration-test}) and only the app's own class path: test classes and H2, nothing of Shardwise.
 */
class ProfilingAgentIT {
    @TempDir
    Path dir;

    @Test
    void profilesAnUnmodifiedApplicationAndNamesItsHotKey() throws Exception {
        Path config = dir.resolve("profile.properties");
        Path reports = dir.resolve("reports");
        Files.writeString(config, "table.orders.shard-key=customer_id\nreport.dir=" + reports.toString()
                .replace("\\", "/") + "\nreport.interval=0\nprofiler.bucket=1\n");

        Result r = runApp(config);

        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains("rows read: ").contains("shardwise-agent: profiling tables [orders]");
        String json = Files.readString(reports.resolve("shardwise-profile.json"));
        Matcher hottest = Pattern.compile("\"name\": \"orders\".*?\"hotKeys\": \\[\\{\"key\": (\\d+), \"count\": (\\d+)",
                Pattern.DOTALL).matcher(json);
        assertThat(hottest.find()).as(json).isTrue();
        assertThat(hottest.group(1)).isEqualTo("7");
        assertThat(Long.parseLong(hottest.group(2))).isEqualTo(ProfiledApp.HOT_KEY_STATEMENTS);
        assertThat(json).contains("\"statementsWithoutKey\": 1").contains("\"profilingFailures\": 0");
        assertThat(json).doesNotContain("audit");
        String html = Files.readString(reports.resolve("shardwise-profile.html"));
        assertThat(html).contains("<svg class=\"heatmap\"").contains("<rect").contains("Hot keys")
                .doesNotContain("<script", "src=\"http", "href=\"http");
    }

    @Test
    void anUnknownConfigurationKeyDisablesTheAgentButNotTheApplication() throws Exception {
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "table.orders.shard-key=customer_id\nreport.dir=" + dir.toString()
                .replace("\\", "/") + "\ntable.orders.shardkey=id\n");

        Result r = runApp(config);

        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains("rows read: ")
                .contains("shardwise-agent: disabled").contains("unknown configuration key 'table.orders.shardkey'");
        assertThat(dir.resolve("shardwise-profile.json")).doesNotExist();
    }

    private record Result(int exit, String output) {
    }

    private Result runApp(Path config) throws Exception {
        String agentJar = System.getProperty("shardwise.agent.jar");
        assertThat(agentJar).as("set by the pom").isNotNull();
        assertThat(Path.of(agentJar)).exists();
        List<String> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("test-classes") || entry.matches(".*[/\\\\]h2-[0-9.]+\\.jar")) {
                cp.add(entry);
            }
        }
        assertThat(cp).hasSize(2);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = dir.resolve("app-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(java.toString(), "-javaagent:" + agentJar + "=config=" + config,
                "-cp", String.join(File.pathSeparator, cp), ProfiledApp.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the profiled application did not finish: " + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
