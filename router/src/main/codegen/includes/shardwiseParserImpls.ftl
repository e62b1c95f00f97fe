<#--
  Shardwise additions to Calcite's core grammar (see docs/parser.md). Included into Parser.jj by config.fmpp.
  Rules here either parse a whole statement Calcite has no rule for (DDL, transaction control) or parse a stock
  statement with Calcite's own rule and then look for the clause H2, PostgreSQL or MySQL puts after it.
-->

<#--
  The non-reserved words: Calcite's, plus nonReservedKeywordsToAdd, minus nonReservedKeywordsToRemove (which Calcite
  1.42's template declares but ignores). The build patches Parser.jj to list NonReservedKeyWord through this.
-->
<#function shardwiseNonReservedKeywords>
  <#local result = []>
  <#list (parser.nonReservedKeywords!default.parser.nonReservedKeywords) + (parser.nonReservedKeywordsToAdd!default.parser.nonReservedKeywordsToAdd) as keyword>
    <#if !(parser.nonReservedKeywordsToRemove!default.parser.nonReservedKeywordsToRemove)?seq_contains(keyword)>
      <#local result = result + [keyword]>
    </#if>
  </#list>
  <#return result>
</#function>

/**
 * A stock query, INSERT, UPDATE, DELETE or MERGE, then the clauses that may follow it:
 * a locking clause after a query, ON CONFLICT / ON DUPLICATE KEY UPDATE after an INSERT, RETURNING after an
 * INSERT, UPDATE or DELETE. Without such a clause the stock node is returned unchanged.
 */
SqlNode ShardwiseQueryOrDml() :
{
    SqlNode stmt;
}
{
    // DML first: SqlStmt looks two tokens into this rule, and a failed look into OrderedQueryOrExpr (whose
    // expressions can start with hundreds of tokens) costs more than failed looks at INSERT/UPDATE/DELETE/MERGE.
    (
        LOOKAHEAD(2)
        stmt = ShardwiseInsertIgnore()
    |
        stmt = SqlInsert()
        [ stmt = ShardwiseUpsertClause((SqlInsert) stmt) ]
        [ stmt = ShardwiseReturningClause(stmt) ]
    |
        stmt = SqlUpdate()
        [ stmt = ShardwiseReturningClause(stmt) ]
    |
        stmt = SqlDelete()
        [ stmt = ShardwiseReturningClause(stmt) ]
    |
        stmt = SqlMerge()
    |
        stmt = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
        [ stmt = ShardwiseLockingClause(stmt) ]
    )
    {
        return stmt;
    }
}

/**
 * FOR UPDATE | FOR NO KEY UPDATE | FOR SHARE | FOR KEY SHARE [OF t, ...] [NOWAIT | SKIP LOCKED].
 * (MySQL's older LOCK IN SHARE MODE is not supported: LOCK would have to become reserved, as a table alias could
 * otherwise swallow it.)
 */
SqlNode ShardwiseLockingClause(SqlNode query) :
{
    final Span s;
    final SqlLockingQuery.Strength strength;
    SqlLockingQuery.WaitPolicy waitPolicy = SqlLockingQuery.WaitPolicy.WAIT;
    final List<SqlNode> of = new ArrayList<SqlNode>();
    SqlIdentifier id;
}
{
    <FOR> { s = span(); }
    (
        <UPDATE> { strength = SqlLockingQuery.Strength.UPDATE; }
    |
        <NO> <KEY> <UPDATE> { strength = SqlLockingQuery.Strength.NO_KEY_UPDATE; }
    |
        <SHARE> { strength = SqlLockingQuery.Strength.SHARE; }
    |
        <KEY> <SHARE> { strength = SqlLockingQuery.Strength.KEY_SHARE; }
    )
    [
        <OF> id = CompoundIdentifier() { of.add(id); }
        ( <COMMA> id = CompoundIdentifier() { of.add(id); } )*
    ]
    [
        <NOWAIT> { waitPolicy = SqlLockingQuery.WaitPolicy.NOWAIT; }
    |
        <SKIP_> <LOCKED> { waitPolicy = SqlLockingQuery.WaitPolicy.SKIP_LOCKED; }
    ]
    {
        final SqlParserPos pos = s.end(this);
        return new SqlLockingQuery(query.getParserPosition().plus(pos), query, strength,
            of.isEmpty() ? null : new SqlNodeList(of, pos), waitPolicy);
    }
}

/**
 * PostgreSQL's ON CONFLICT [(target, ...) [WHERE ...] | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET ... [WHERE ...]
 * and MySQL's ON DUPLICATE KEY UPDATE col = expr, ...
 */
SqlNode ShardwiseUpsertClause(SqlInsert insert) :
{
    final Span s;
    final SqlUpsert.Style style;
    SqlNodeList conflictTarget = null;
    SqlNode conflictTargetWhere = null;
    SqlIdentifier constraint = null;
    SqlUpsert.Action action = SqlUpsert.Action.UPDATE;
    final List<SqlNode> targetColumns = new ArrayList<SqlNode>();
    final List<SqlNode> sourceExpressions = new ArrayList<SqlNode>();
    SqlNode updateWhere = null;
    final List<SqlNode> target = new ArrayList<SqlNode>();
    final Span ts;
}
{
    <ON> { s = span(); }
    (
        <CONFLICT> { style = SqlUpsert.Style.ON_CONFLICT; }
        [
            <LPAREN> { ts = span(); }
            AddExpression(target, ExprContext.ACCEPT_NON_QUERY)
            ( <COMMA> AddExpression(target, ExprContext.ACCEPT_NON_QUERY) )*
            <RPAREN> { conflictTarget = new SqlNodeList(target, ts.end(this)); }
            [ conflictTargetWhere = Where() ]
        |
            <ON> <CONSTRAINT> constraint = CompoundIdentifier()
        ]
        <DO>
        (
            <NOTHING> { action = SqlUpsert.Action.NOTHING; }
        |
            <UPDATE> <SET> ShardwiseAssignments(targetColumns, sourceExpressions)
            [ updateWhere = Where() ]
        )
    |
        <DUPLICATE> { style = SqlUpsert.Style.ON_DUPLICATE_KEY_UPDATE; }
        <KEY> <UPDATE> ShardwiseAssignments(targetColumns, sourceExpressions)
    )
    {
        final SqlParserPos pos = s.end(this);
        return new SqlUpsert(insert.getParserPosition().plus(pos), insert, style, conflictTarget,
            conflictTargetWhere, constraint, action,
            action == SqlUpsert.Action.NOTHING ? null : new SqlNodeList(targetColumns, pos),
            action == SqlUpsert.Action.NOTHING ? null : new SqlNodeList(sourceExpressions, pos),
            updateWhere);
    }
}

/**
 * MySQL's INSERT IGNORE INTO t [(cols)] VALUES ... | SELECT ...: an insert that skips rows whose key exists, as
 * PostgreSQL's ON CONFLICT DO NOTHING does. Returned as a SqlUpsert of style INSERT_IGNORE around a stock SqlInsert.
 */
SqlNode ShardwiseInsertIgnore() :
{
    final Span s;
    final SqlIdentifier table;
    SqlNodeList columns = null;
    final SqlNode source;
}
{
    <INSERT> { s = span(); } <IGNORE> <INTO>
    table = CompoundTableIdentifier()
    [ LOOKAHEAD(2) columns = ParenthesizedSimpleIdentifierList() ]
    source = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        final SqlParserPos pos = s.end(this);
        return new SqlUpsert(pos, new SqlInsert(pos, SqlNodeList.EMPTY, table, source, columns),
            SqlUpsert.Style.INSERT_IGNORE, null, null, null, SqlUpsert.Action.NOTHING, null, null, null);
    }
}

/** col = expr [, col = expr]*, as in UPDATE ... SET. */
void ShardwiseAssignments(List<SqlNode> targetColumns, List<SqlNode> sourceExpressions) :
{
    SqlIdentifier id;
}
{
    id = CompoundIdentifier() { targetColumns.add(id); }
    <EQ> AddExpression(sourceExpressions, ExprContext.ACCEPT_SUB_QUERY)
    (
        <COMMA>
        id = CompoundIdentifier() { targetColumns.add(id); }
        <EQ> AddExpression(sourceExpressions, ExprContext.ACCEPT_SUB_QUERY)
    )*
}

/** MySQL's VALUES(col) in ON DUPLICATE KEY UPDATE: the value the row would have had. */
SqlNode ShardwiseMySqlValuesCall() :
{
    final Span s;
    final SqlIdentifier id;
}
{
    <VALUES> { s = span(); } <LPAREN> id = CompoundIdentifier() <RPAREN>
    {
        return SqlMySqlValuesCall.OPERATOR.createCall(s.end(this), id);
    }
}

/* PostgreSQL's cast operator expr::type is ShardwiseInfixCast in postgresOperators.ftl (it also reads type[]). */

/** PostgreSQL's RETURNING item, ... after INSERT, UPDATE or DELETE. */
SqlNode ShardwiseReturningClause(SqlNode statement) :
{
    final Span s;
    final List<SqlNode> items = new ArrayList<SqlNode>();
}
{
    <RETURNING> { s = span(); }
    AddSelectItem(items)
    ( <COMMA> AddSelectItem(items) )*
    {
        final SqlParserPos pos = s.end(this);
        return new SqlReturning(statement.getParserPosition().plus(pos), statement,
            new SqlNodeList(items, pos));
    }
}

/**
 * CREATE [TEMPORARY] TABLE [IF NOT EXISTS] t (element, ...) [options]
 * and CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON t ...
 * Column definitions and table options are read leniently (see ShardwiseTableElement): nodes receive the
 * application's own text, so the router needs only the table, the column names and the primary key.
 */
SqlNode ShardwiseCreate() :
{
    final Span s;
    boolean ifNotExists = false;
    boolean unique = false;
    final SqlIdentifier table;
    SqlIdentifier index = null;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlNode> primaryKey = new ArrayList<SqlNode>();
}
{
    <CREATE> { s = span(); }
    (
        [ <TEMPORARY> ] <TABLE>
        [ LOOKAHEAD(2) <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
        table = CompoundIdentifier()
        [
            <LPAREN>
            ShardwiseTableElement(columns, primaryKey)
            ( <COMMA> ShardwiseTableElement(columns, primaryKey) )*
            <RPAREN>
        ]
        ShardwiseSkipToStatementEnd()
        {
            return SqlDdlStatement.createTable(s.end(this), table, ifNotExists,
                new SqlNodeList(columns, table.getParserPosition()),
                new SqlNodeList(primaryKey, table.getParserPosition()));
        }
    |
        [ <UNIQUE> { unique = true; } ]
        <INDEX>
        ShardwiseConcurrently()
        [ LOOKAHEAD(2) <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
        [ index = CompoundIdentifier() ]
        <ON> table = CompoundIdentifier()
        ShardwiseSkipToStatementEnd()
        {
            return SqlDdlStatement.createIndex(s.end(this), table, index, unique, ifNotExists);
        }
    )
}

/**
 * One element of CREATE TABLE's list: a table constraint (CONSTRAINT, PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK,
 * MySQL's KEY/INDEX) or a column: its name, then a balanced run of tokens up to the next top-level comma or the
 * closing parenthesis (type, DEFAULT, NOT NULL, PRIMARY KEY, AUTO_INCREMENT, GENERATED ... AS IDENTITY, ...).
 */
JAVACODE void ShardwiseTableElement(List<SqlNode> columns, List<SqlNode> primaryKey) {
    final Token first = getToken(1);
    final boolean mySqlKey = (first.kind == KEY || first.kind == INDEX)
        && (getToken(2).kind == LPAREN || getToken(3).kind == LPAREN);
    if (first.kind == CONSTRAINT || first.kind == PRIMARY || first.kind == UNIQUE
        || first.kind == FOREIGN || first.kind == CHECK || mySqlKey) {
        if (first.kind == CONSTRAINT) {
            getNextToken();
            SimpleIdentifier();
        }
        if (getToken(1).kind == PRIMARY && getToken(2).kind == KEY && getToken(3).kind == LPAREN) {
            getNextToken();
            getNextToken();
            final SqlNodeList keyColumns = ParenthesizedSimpleIdentifierList();
            primaryKey.addAll(keyColumns.getList());
        }
    } else {
        final SqlIdentifier column = SimpleIdentifier();
        columns.add(column);
        int depth = 0;
        while (true) {
            final Token t = getToken(1);
            if (t.kind == EOF || t.kind == SEMICOLON
                || depth == 0 && (t.kind == COMMA || t.kind == RPAREN)) {
                return;
            }
            if (depth == 0 && t.kind == PRIMARY && getToken(2).kind == KEY) {
                primaryKey.add(column);
            }
            if (t.kind == LPAREN || t.kind == LBRACKET) {
                depth++;
            } else if (t.kind == RPAREN || t.kind == RBRACKET) {
                depth--;
            }
            getNextToken();
        }
    }
    ShardwiseSkipBalanced();
}

/**
 * PostgreSQL's CREATE/DROP INDEX CONCURRENTLY: the word is skipped (it changes how the node builds the index, not
 * where the statement goes). Followed by ON it is the name of an index instead, as in "CREATE INDEX concurrently ON t".
 */
JAVACODE void ShardwiseConcurrently() {
    final Token t = getToken(1);
    if (t.kind == IDENTIFIER && "CONCURRENTLY".equalsIgnoreCase(t.image) && getToken(2).kind != ON
        && getToken(2).kind != EOF && getToken(2).kind != SEMICOLON) {
        getNextToken();
    }
}

/**
 * Consumes a balanced run of tokens up to (not including) a top-level comma or closing parenthesis, a semicolon or
 * the end of the text. An unbalanced parenthesis is left for the grammar to report.
 */
JAVACODE void ShardwiseSkipBalanced() {
    int depth = 0;
    while (true) {
        final Token t = getToken(1);
        if (t.kind == EOF || t.kind == SEMICOLON
            || depth == 0 && (t.kind == COMMA || t.kind == RPAREN || t.kind == RBRACKET)) {
            return;
        }
        if (t.kind == LPAREN || t.kind == LBRACKET) {
            depth++;
        } else if (t.kind == RPAREN || t.kind == RBRACKET) {
            depth--;
        }
        getNextToken();
    }
}

/** Consumes every token up to a semicolon or the end of the text, keeping parentheses balanced. */
JAVACODE void ShardwiseSkipToStatementEnd() {
    int depth = 0;
    while (true) {
        final Token t = getToken(1);
        if (t.kind == EOF || depth == 0 && t.kind == SEMICOLON) {
            return;
        }
        if (t.kind == LPAREN || t.kind == LBRACKET) {
            depth++;
        } else if (t.kind == RPAREN || t.kind == RBRACKET) {
            if (depth == 0) {
                return; // unbalanced: let the grammar report it
            }
            depth--;
        }
        getNextToken();
    }
}

/** Like ShardwiseSkipToStatementEnd, and returns the images of the consumed tokens. */
JAVACODE List<String> ShardwiseRemainingWords() {
    final List<String> words = new ArrayList<String>();
    int depth = 0;
    while (true) {
        final Token t = getToken(1);
        if (t.kind == EOF || depth == 0 && t.kind == SEMICOLON) {
            return words;
        }
        if (t.kind == LPAREN || t.kind == LBRACKET) {
            depth++;
        } else if (t.kind == RPAREN || t.kind == RBRACKET) {
            if (depth == 0) {
                return words;
            }
            depth--;
        }
        words.add(t.image);
        getNextToken();
    }
}

/**
 * DROP [TEMPORARY] TABLE [IF EXISTS] t [, ...] [CASCADE | RESTRICT]
 * and DROP INDEX [IF EXISTS] name [ON t] [CASCADE | RESTRICT].
 */
SqlNode ShardwiseDrop() :
{
    final Span s;
    boolean ifExists = false;
    boolean cascade = false;
    SqlIdentifier id;
    SqlIdentifier table = null;
    final List<SqlNode> tables = new ArrayList<SqlNode>();
}
{
    <DROP> { s = span(); }
    (
        [ <TEMPORARY> ] <TABLE>
        [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
        id = CompoundIdentifier() { tables.add(id); }
        ( <COMMA> id = CompoundIdentifier() { tables.add(id); } )*
        [ <CASCADE> { cascade = true; } | <RESTRICT> ]
        {
            return SqlDdlStatement.dropTables(s.end(this), new SqlNodeList(tables, s.pos()), ifExists,
                cascade);
        }
    |
        <INDEX>
        ShardwiseConcurrently()
        [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
        id = CompoundIdentifier()
        [ <ON> table = CompoundIdentifier() ]
        [ <CASCADE> { cascade = true; } | <RESTRICT> ]
        {
            return SqlDdlStatement.dropIndex(s.end(this), id, table, ifExists, cascade);
        }
    )
}

/**
 * ALTER TABLE [IF EXISTS] [ONLY] t action [, action]*. Actions are read leniently; what routing needs is kept:
 * columns added and dropped, and the new name of RENAME TO.
 */
SqlNode ShardwiseAlterTable() :
{
    final Span s;
    boolean ifExists = false;
    final SqlIdentifier table;
    final List<SqlNode> added = new ArrayList<SqlNode>();
    final List<SqlNode> dropped = new ArrayList<SqlNode>();
    final List<SqlNode> renamedTo = new ArrayList<SqlNode>();
}
{
    <ALTER> { s = span(); } <TABLE>
    [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    [ <ONLY> ]
    table = CompoundIdentifier()
    ShardwiseAlterAction(added, dropped, renamedTo)
    ( <COMMA> ShardwiseAlterAction(added, dropped, renamedTo) )*
    {
        return SqlDdlStatement.alterTable(s.end(this), table, ifExists,
            new SqlNodeList(added, table.getParserPosition()),
            new SqlNodeList(dropped, table.getParserPosition()),
            renamedTo.isEmpty() ? null : (SqlIdentifier) renamedTo.get(0));
    }
}

/** One ALTER TABLE action: its leading words are recognised, the rest is a balanced token run. */
JAVACODE void ShardwiseAlterAction(List<SqlNode> added, List<SqlNode> dropped, List<SqlNode> renamedTo) {
    final Token t = getToken(1);
    if (t.kind == ADD) {
        getNextToken();
        if (getToken(1).kind == COLUMN) {
            getNextToken();
        }
        if (getToken(1).kind == IF && getToken(2).kind == NOT && getToken(3).kind == EXISTS) {
            getNextToken();
            getNextToken();
            getNextToken();
        }
        final int k = getToken(1).kind;
        if (k != CONSTRAINT && k != PRIMARY && k != UNIQUE && k != FOREIGN && k != CHECK && k != INDEX
            && k != KEY && k != LPAREN) {
            added.add(SimpleIdentifier());
        }
    } else if (t.kind == DROP) {
        getNextToken();
        if (getToken(1).kind == COLUMN) {
            getNextToken();
        }
        if (getToken(1).kind == IF && getToken(2).kind == EXISTS) {
            getNextToken();
            getNextToken();
        }
        final int k = getToken(1).kind;
        if (k != CONSTRAINT && k != PRIMARY && k != UNIQUE && k != FOREIGN && k != CHECK && k != INDEX
            && k != KEY && k != DEFAULT_) {
            dropped.add(SimpleIdentifier());
        }
    } else if (t.kind == IDENTIFIER && "RENAME".equalsIgnoreCase(t.image) && getToken(2).kind == TO) {
        getNextToken();
        getNextToken();
        renamedTo.add(CompoundIdentifier());
    } else {
        // ALTER [COLUMN] ..., MODIFY ..., CHANGE ..., RENAME COLUMN ..., OWNER TO ...: must at least start with a word.
        if (t.kind == EOF || t.kind == SEMICOLON || t.kind == COMMA || t.kind == RPAREN) {
            throw generateParseException();
        }
    }
    ShardwiseSkipBalanced();
}

/** TRUNCATE [TABLE] t [, ...] [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]. */
SqlNode ShardwiseTruncate() :
{
    final Span s;
    SqlIdentifier id;
    final List<SqlNode> tables = new ArrayList<SqlNode>();
}
{
    <TRUNCATE> { s = span(); }
    [ <TABLE> ]
    id = CompoundIdentifier() { tables.add(id); }
    ( <COMMA> id = CompoundIdentifier() { tables.add(id); } )*
    ShardwiseSkipToStatementEnd()
    {
        return SqlDdlStatement.truncate(s.end(this), new SqlNodeList(tables, s.pos()));
    }
}

/**
 * Transaction and session control sent as SQL: BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK [TO SAVEPOINT x],
 * SAVEPOINT x, RELEASE [SAVEPOINT] x, SET ..., SHOW ... The driver maps them to connection methods or refuses them.
 */
SqlNode ShardwiseSessionStatement() :
{
    final Span s;
    final SqlSessionStatement.Kind kind;
    SqlIdentifier name = null;
    List<String> words = Collections.emptyList();
}
{
    (
        <BEGIN> { s = span(); kind = SqlSessionStatement.Kind.BEGIN; }
        [ <WORK> | <TRANSACTION> ]
        words = ShardwiseRemainingWords()
    |
        <START> { s = span(); kind = SqlSessionStatement.Kind.BEGIN; }
        <TRANSACTION>
        words = ShardwiseRemainingWords()
    |
        ( <COMMIT> | <END> ) { s = span(); kind = SqlSessionStatement.Kind.COMMIT; }
        [ <WORK> | <TRANSACTION> ]
        [ <AND> [ <NO> ] <CHAIN> ]
    |
        <ROLLBACK> { s = span(); }
        [ <WORK> | <TRANSACTION> ]
        (
            <TO> [ <SAVEPOINT> ] name = SimpleIdentifier()
            { kind = SqlSessionStatement.Kind.ROLLBACK_TO_SAVEPOINT; }
        |
            [ <AND> [ <NO> ] <CHAIN> ]
            { kind = SqlSessionStatement.Kind.ROLLBACK; }
        )
    |
        <SAVEPOINT> { s = span(); kind = SqlSessionStatement.Kind.SAVEPOINT; }
        name = SimpleIdentifier()
    |
        <RELEASE> { s = span(); kind = SqlSessionStatement.Kind.RELEASE_SAVEPOINT; }
        [ <SAVEPOINT> ] name = SimpleIdentifier()
    |
        <SET> { s = span(); kind = SqlSessionStatement.Kind.SET; }
        words = ShardwiseRemainingWords() { if (words.isEmpty()) { throw generateParseException(); } }
    |
        <SHOW> { s = span(); kind = SqlSessionStatement.Kind.SHOW; }
        words = ShardwiseRemainingWords() { if (words.isEmpty()) { throw generateParseException(); } }
    )
    {
        return new SqlSessionStatement(s.end(this), kind, name, words);
    }
}
