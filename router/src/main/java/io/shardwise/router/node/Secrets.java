package io.shardwise.router.node;

import io.shardwise.router.config.NodeSpec;
import io.shardwise.router.config.Redaction;

/** Removes a node's password and full URL from text that came from a JDBC driver or pool. */
final class Secrets {
    private Secrets() {
    }

    static String scrub(String text, NodeSpec node) {
        if (text == null) {
            return "";
        }
        String s = text;
        if (node.url() != null && !node.url().isEmpty()) {
            s = s.replace(node.url(), Redaction.url(node.url()));
        }
        if (node.password() != null && !node.password().isEmpty()) {
            s = s.replace(node.password(), "***");
        }
        return s;
    }
}
