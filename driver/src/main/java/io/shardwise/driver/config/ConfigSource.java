package io.shardwise.driver.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where a configuration comes from: the URL's properties file (if any) with the caller's Properties laid over it.
 *
 * <ul>
 * <li>{@code jdbc:shardwise:file:<path>}: a properties file; the topology defaults to {@code <stem>-metadata/}
 * next to it.</li>
 * <li>{@code jdbc:shardwise:classpath:<resource>}: a properties resource; application resources are read-only, so
 * the topology is kept in memory unless {@code metadata.dir} is set.</li>
 * <li>{@code jdbc:shardwise:}: every setting in the given Properties; topology in memory unless {@code metadata.dir}
 * is set.</li>
 * </ul>
 *
 * @param url                the Shardwise URL as given
 * @param properties         the effective settings
 * @param baseDir            folder of the properties file, against which relative paths resolve (null: none)
 * @param defaultMetadataDir where the topology is persisted when metadata.dir is unset (null: in memory)
 */
public record ConfigSource(String url, Properties properties, Path baseDir, Path defaultMetadataDir) {
    public static final String PREFIX = "jdbc:shardwise:";

    public static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /** Reads the URL's file or resource and lays {@code given} over it. */
    public static ConfigSource load(String url, Properties given, ClassLoader loader) throws SQLException {
        if (!accepts(url)) {
            throw new SQLException("Not a Shardwise URL: it must start with " + PREFIX, "08001");
        }
        String rest = url.substring(PREFIX.length()).trim();
        Properties merged = new Properties();
        Path baseDir = null;
        Path metadataDir = null;
        if (rest.startsWith("file:")) {
            Path file = Path.of(rest.substring(5)).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new SQLException("Shardwise properties file not found: " + file, "08001");
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                merged.load(r);
            } catch (IOException e) {
                throw new SQLException("Cannot read Shardwise properties file " + file + ": " + e.getMessage(),
                        "08001", e);
            }
            baseDir = file.getParent();
            metadataDir = baseDir.resolve(stem(file.getFileName().toString()) + "-metadata");
        } else if (rest.startsWith("classpath:")) {
            String resource = rest.substring(10);
            while (resource.startsWith("/")) {
                resource = resource.substring(1);
            }
            ClassLoader cl = loader != null ? loader : ConfigSource.class.getClassLoader();
            URL found = cl.getResource(resource);
            if (found == null) {
                throw new SQLException("Shardwise properties resource not found on the classpath: " + resource,
                        "08001");
            }
            try (InputStream in = found.openStream(); Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                merged.load(r);
            } catch (IOException e) {
                throw new SQLException("Cannot read Shardwise properties resource " + resource + ": "
                        + e.getMessage(), "08001", e);
            }
            baseDir = folderOf(found);
        } else if (!rest.isEmpty()) {
            throw new SQLException("Unsupported Shardwise URL form '" + PREFIX + rest.split("[:;?]", 2)[0]
                    + "...': use " + PREFIX + "file:<path>, " + PREFIX + "classpath:<resource> or " + PREFIX
                    + " with the settings in the connection Properties", "08001");
        }
        if (given != null) {
            for (String key : given.stringPropertyNames()) {
                merged.setProperty(key, given.getProperty(key));
            }
        }
        return new ConfigSource(url, merged, baseDir, metadataDir);
    }

    /**
     * A string that is equal for equal effective configurations: the key under which connections share one
     * runtime. It contains secrets, so it is only ever used as a map key, never shown.
     */
    public String identity() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(properties).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        sb.append("@base=").append(baseDir).append("\n@metadata=").append(defaultMetadataDir);
        return sb.toString();
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static Path folderOf(URL resource) {
        if (!"file".equals(resource.getProtocol())) {
            return null;
        }
        try {
            return Path.of(resource.toURI()).getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
