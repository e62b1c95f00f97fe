<#--
  PostgreSQL operators inside expressions (issue 6). Each rule is one alternative of Calcite's binary-operator loop
  (Expression2, hook "extraBinaryExpressions"): it adds the operator and its right operand to the list that Calcite
  turns into a tree by precedence.
-->

/** expr::type, as PostgreSQL writes a cast; an array type may be written type[] ("?::text[]"). */
void ShardwiseInfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    SqlDataTypeSpec dt;
}
{
    <INFIX_CAST> {
        checkNonQueryExpression(exprContext);
    }
    dt = DataType()
    (
        <LBRACKET> <RBRACKET> {
            dt = new SqlDataTypeSpec(
                new SqlCollectionTypeNameSpec(dt.getTypeNameSpec(), SqlTypeName.ARRAY, s.pos()), s.pos());
        }
    )*
    {
        list.add(new SqlParserUtil.ToTreeListItem(SqlLibraryOperators.INFIX_CAST, s.pos()));
        list.add(dt);
    }
}

/** jsonb's get, get-text, path, path-text, contains and contained-by operators and arrays' overlap, with the right operand (FreeMarker forbids writing some of them here). */
void ShardwisePostgresOperator(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlOperator op;
}
{
    (
        <LAMBDA> { op = PostgresOperators.JSON_GET; }
    |   <PG_JSON_GET_TEXT> { op = PostgresOperators.JSON_GET_TEXT; }
    |   <PG_JSON_PATH> { op = PostgresOperators.JSON_PATH; }
    |   <PG_JSON_PATH_TEXT> { op = PostgresOperators.JSON_PATH_TEXT; }
    |   <PG_CONTAINS> { op = PostgresOperators.CONTAINS; }
    |   <PG_CONTAINED_BY> { op = PostgresOperators.CONTAINED_BY; }
    |   <PG_OVERLAPS> { op = PostgresOperators.OVERLAPS; }
    )
    {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(op, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}
