package cinema.ugc.store.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the missing migrations in order, each with its bookkeeping row in one transaction. */
public final class JdbcMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcMigrator.class);
    static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            + "description VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)";

    private JdbcMigrator() {}

    /**
     * @param lockSql a statement serialising concurrent migrators inside the transaction, or null when the database
     *                already allows a single writer (DuckDB)
     */
    public static void apply(Connection c, List<Migration> migrations, String lockSql) throws SQLException {
        Transactions.inTransaction(c, () -> {
            try (Statement s = c.createStatement()) {
                if (lockSql != null) {
                    s.execute(lockSql);
                }
                s.execute(CREATE_TABLE);
                Set<Integer> applied = applied(s);
                for (Migration m : migrations) {
                    if (!applied.contains(m.version())) {
                        run(s, m);
                    }
                }
            }
        });
    }

    private static Set<Integer> applied(Statement s) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (ResultSet rs = s.executeQuery("SELECT version FROM schema_migrations")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    private static void run(Statement s, Migration m) throws SQLException {
        LOG.info("applying schema migration {}: {}", m.version(), m.description());
        for (String sql : m.statements()) {
            s.execute(sql);
        }
        s.execute("INSERT INTO schema_migrations (version, description) VALUES (" + m.version() + ", '"
                + m.description().replace("'", "''") + "')");
    }
}
