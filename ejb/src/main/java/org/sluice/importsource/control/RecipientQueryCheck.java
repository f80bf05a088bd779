package org.sluice.importsource.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Decides whether an operator's recipient query may run: exactly one plain SELECT, read by JSqlParser (a real SQL
 * grammar, so comments, quoting and nesting cannot hide a second statement the way they fool a prefix check).
 * Refused: anything but a SELECT, several statements, SELECT INTO, row locks (FOR UPDATE), data-change tables
 * and data-modifying WITH items, table functions in FROM (H2's CSVREAD, PostgreSQL's dblink...), and every function
 * not on a short list of side-effect-free ones (so FILE_READ, FILE_WRITE, CSVWRITE, NEXTVAL, pg_read_file,
 * pg_sleep, dblink_exec... are refused by not being listed, not by a list of known bad ones).
 *
 * <p>This is defence in depth: the import source's database user is what really limits a query (read-only,
 * SELECT on the customer tables only; see docs/security.md).
 */
public final class RecipientQueryCheck {

    /** Longer queries are refused before parsing: a recipient query is a few lines, not a program. */
    public static final int MAX_LENGTH = 10_000;

    /** Scalar and aggregate functions without side effects, common to H2, PostgreSQL and most databases. */
    static final Set<String> ALLOWED_FUNCTIONS = Set.of(
            // text
            "LOWER",
            "UPPER",
            "TRIM",
            "LTRIM",
            "RTRIM",
            "BTRIM",
            "CONCAT",
            "CONCAT_WS",
            "SUBSTRING",
            "SUBSTR",
            "LEFT",
            "RIGHT",
            "LENGTH",
            "CHAR_LENGTH",
            "CHARACTER_LENGTH",
            "REPLACE",
            "INITCAP",
            "LPAD",
            "RPAD",
            "POSITION",
            "STRPOS",
            "SPLIT_PART",
            "REGEXP_REPLACE",
            "TRANSLATE",
            "REVERSE",
            "REPEAT",
            // conditional
            "COALESCE",
            "NULLIF",
            "GREATEST",
            "LEAST",
            "NVL",
            "IFNULL",
            // numbers
            "ABS",
            "ROUND",
            "FLOOR",
            "CEIL",
            "CEILING",
            "MOD",
            "TRUNC",
            "TRUNCATE",
            "SIGN",
            // dates
            "TO_CHAR",
            "TO_DATE",
            "DATE_TRUNC",
            "DATE_PART",
            "EXTRACT",
            "FORMATDATETIME",
            "YEAR",
            "MONTH",
            "DAY",
            "CURRENT_DATE",
            "CURRENT_TIMESTAMP",
            "NOW",
            // aggregates and window functions
            "COUNT",
            "MIN",
            "MAX",
            "SUM",
            "AVG",
            "STRING_AGG",
            "LISTAGG",
            "ROW_NUMBER",
            "RANK",
            "DENSE_RANK");

    private RecipientQueryCheck() {}

    /**
     * @throws IllegalArgumentException with the reason when the query may not run
     */
    public static void check(String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("the recipient query is empty");
        }
        if (query.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the recipient query is " + query.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed");
        }
        Statements statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(query);
        } catch (JSQLParserException e) {
            throw new IllegalArgumentException("the recipient query is not a SELECT Sluice can read: " + firstLine(e));
        }
        if (statements.size() != 1) {
            throw new IllegalArgumentException("the recipient query must be exactly one SELECT statement, found "
                    + statements.size() + " statements");
        }
        Statement statement = statements.get(0);
        if (!(statement instanceof Select select)) {
            throw new IllegalArgumentException("the recipient query must be a SELECT, not "
                    + statement.getClass().getSimpleName().toUpperCase(Locale.ROOT));
        }
        List<String> violations = new ArrayList<>();
        try {
            new Walker(violations).getTables((Statement) select);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "the recipient query uses SQL Sluice does not allow in an import: " + e.getMessage());
        }
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("the recipient query may not use " + String.join(", ", violations));
        }
    }

    private static String firstLine(JSQLParserException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String message = String.valueOf(cause.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Walks every select, FROM item and expression (nested ones too) and notes what is not allowed. */
    private static final class Walker extends TablesNamesFinder<Void> {

        private final List<String> violations;

        Walker(List<String> violations) {
            this.violations = violations;
            init(false);
        }

        @Override
        public <S> Void visit(PlainSelect select, S context) {
            if (select.getIntoTables() != null && !select.getIntoTables().isEmpty()
                    || select.getIntoTempTable() != null) {
                violations.add("SELECT INTO");
            }
            noLocks(select);
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(WithItem<?> item, S context) {
            if (!(item.getParenthesedStatement() instanceof ParenthesedSelect)) {
                violations.add("a data-changing WITH item (" + item.getAliasName() + ")");
                return null;
            }
            return super.visit(item, context);
        }

        @Override
        public <S> Void visit(TableFunction function, S context) {
            violations.add("the table function " + function.getFunction().getName());
            return null;
        }

        @Override
        public <S> Void visit(Function function, S context) {
            allowed(function.getName());
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(AnalyticExpression expression, S context) {
            allowed(expression.getName());
            return super.visit(expression, context);
        }

        private void noLocks(Select select) {
            if (select.getForMode() != null || select.getForUpdateTable() != null) {
                violations.add("row locks (FOR " + select.getForMode() + ")");
            }
        }

        private void allowed(String name) {
            String plain = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
            if (!ALLOWED_FUNCTIONS.contains(plain)) {
                violations.add("the function " + name);
            }
        }
    }
}
