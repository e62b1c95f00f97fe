package io.shardwise.router.config;

/** Strips what may carry secrets from text that goes into logs and messages. */
public final class Redaction {
    private Redaction() {
    }

    /**
     * A JDBC URL without its parameters: {@code jdbc:postgresql://h:5432/db?user=a&password=b} becomes
     * {@code jdbc:postgresql://h:5432/db?...}; {@code user:pass@} authority parts and H2's {@code ;PASSWORD=} style
     * settings are removed too.
     */
    public static String url(String url) {
        if (url == null) {
            return "null";
        }
        String s = url.replaceAll("//[^/@]*@", "//***@");
        int q = indexOfAny(s, '?', ';');
        return q < 0 ? s : s.substring(0, q) + (s.charAt(q) == '?' ? "?..." : ";...");
    }

    private static int indexOfAny(String s, char a, char b) {
        int ia = s.indexOf(a);
        int ib = s.indexOf(b);
        if (ia < 0) {
            return ib;
        }
        return ib < 0 ? ia : Math.min(ia, ib);
    }
}
