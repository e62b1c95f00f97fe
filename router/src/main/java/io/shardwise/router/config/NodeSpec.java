package io.shardwise.router.config;

import java.util.Properties;

/**
 * One backend database as the user configured it. {@link #toString()} never shows the password or the URL's
 * query part (which may carry credentials), so a spec can be logged or put in an exception message safely.
 */
public record NodeSpec(String id, String url, String user, String password, Properties poolProperties) {

    @Override
    public String toString() {
        return "node " + id + " (" + Redaction.url(url) + ")";
    }
}
