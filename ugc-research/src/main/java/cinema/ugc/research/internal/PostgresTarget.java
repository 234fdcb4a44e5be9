package cinema.ugc.research.internal;

import cinema.ugc.research.StoreTarget;
import cinema.ugc.store.EventStore;
import cinema.ugc.store.EventStores;
import cinema.ugc.store.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * PostgreSQL: one database per namespace on a server given by a JDBC URL (its database is used for administration
 * only). {@code server} is a server this target started and stops on close, or null.
 */
public final class PostgresTarget implements StoreTarget {
    private final String adminUrl;
    private final String user;
    private final String password;
    private final AutoCloseable server;

    public PostgresTarget(String adminUrl, String user, String password, AutoCloseable server) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password == null ? "" : password;
        this.server = server;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public EventStore open(String namespace) {
        boolean exists = admin(adminUrl, s -> {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + namespace + "'")) {
                return rs.next();
            }
        });
        if (!exists) {
            admin(adminUrl, s -> s.execute("CREATE DATABASE " + namespace));
        }
        return EventStores.open(new StoreSettings(
                StoreSettings.Kind.POSTGRES, null, null, null, null, null, urlOf(namespace), user, password));
    }

    @Override
    public long footprintBytes(String namespace) {
        return admin(urlOf(namespace), s -> {
            try (ResultSet rs = s.executeQuery("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public String footprintMethod() {
        return "sum of pg_total_relation_size over the database's tables (heap + indexes + TOAST; the cluster-wide WAL not included)";
    }

    @Override
    public void drop(String namespace) {
        admin(adminUrl, s -> s.execute("DROP DATABASE IF EXISTS " + namespace + " WITH (FORCE)"));
    }

    @Override
    public void close() {
        Servers.stopQuietly(server);
    }

    /** The admin URL with its database replaced by {@code database}. */
    String urlOf(String database) {
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?');
        return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    private interface Work<T> {
        T apply(Statement s) throws SQLException;
    }

    private <T> T admin(String url, Work<T> work) {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection(url, props);
                Statement s = c.createStatement()) {
            return work.apply(s);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL " + url + ": " + e.getMessage(), e);
        }
    }
}
