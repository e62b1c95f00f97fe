package io.shardwise.router.sql;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Transaction and session control that applications send as SQL text: {@code BEGIN}, {@code START TRANSACTION},
 * {@code COMMIT}/{@code END}, {@code ROLLBACK}, {@code ROLLBACK TO [SAVEPOINT] x}, {@code SAVEPOINT x},
 * {@code RELEASE [SAVEPOINT] x}, {@code SET ...} and {@code SHOW ...}. The driver maps them to connection methods or
 * refuses them; {@link #text()} is the statement as the application wrote it (without a trailing semicolon).
 */
public final class SqlSessionStatement extends SqlCall {

    public enum Kind {
        BEGIN, COMMIT, ROLLBACK, ROLLBACK_TO_SAVEPOINT, SAVEPOINT, RELEASE_SAVEPOINT, SET, SHOW
    }

    private static final SqlOperator OPERATOR = new SqlSpecialOperator("SESSION STATEMENT", SqlKind.OTHER);

    private final Kind kind;
    private final SqlIdentifier name;
    private final List<String> words;
    private final String text;

    public SqlSessionStatement(SqlParserPos pos, Kind kind, SqlIdentifier name, List<String> words) {
        this(pos, kind, name, words, null);
    }

    private SqlSessionStatement(SqlParserPos pos, Kind kind, SqlIdentifier name, List<String> words, String text) {
        super(pos);
        this.kind = kind;
        this.name = name;
        this.words = List.copyOf(words);
        this.text = text;
    }

    /** The same statement with the application's text attached (done by {@link ShardwiseSqlParser}). */
    SqlSessionStatement withText(String text) {
        return new SqlSessionStatement(getParserPosition(), kind, name, words, text);
    }

    public Kind sessionKind() {
        return kind;
    }

    /** The savepoint of SAVEPOINT, RELEASE and ROLLBACK TO; null for the other kinds. */
    public SqlIdentifier name() {
        return name;
    }

    /**
     * The tokens after the leading keyword(s), as written: for {@code SET search_path TO x} {@code [search_path,
     * TO, x]}, for {@code START TRANSACTION READ ONLY} {@code [READ, ONLY]}, for {@code SHOW SHARDWISE SHARDS}
     * {@code [SHARDWISE, SHARDS]}. Empty for COMMIT, ROLLBACK and the savepoint kinds.
     */
    public List<String> words() {
        return words;
    }

    /** The statement as the application wrote it, without a trailing semicolon. */
    public String text() {
        return text;
    }

    @Override
    public SqlOperator getOperator() {
        return OPERATOR;
    }

    @Override
    public List<SqlNode> getOperandList() {
        return name == null ? List.of() : List.of(name);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        if (text != null) {
            writer.print(text);
            return;
        }
        writer.keyword(kind.name().replace('_', ' '));
        if (name != null) {
            name.unparse(writer, 0, 0);
        }
        for (String word : words) {
            writer.print(word);
            writer.print(" ");
        }
    }
}
