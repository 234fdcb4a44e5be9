package cinema.ugc.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/**
 * The PostgreSQL store's connections: a HikariCP pool, bounded, validated before reuse, and lazy — nothing connects
 * until the first call, so an unreachable server fails that call (retriably), not the start.
 */
final class PostgresPool {
    /**
     * The callers are the ETL's consumer threads, the erasure applier and the read API's worker threads. PostgreSQL
     * serves a few busy connections better than many (HikariCP's sizing advice: about twice the server's cores), and
     * its default {@code max_connections} of 100 must hold every process's pool; a caller beyond this waits.
     */
    static final int MAX_CONNECTIONS = 10;
    /**
     * How long a call waits for a connection — a free one, or a new one while the server is unreachable — before it
     * fails with a retriable error: bounded, and long enough for a TCP connect and login on a busy host.
     */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private PostgresPool() {}

    static HikariDataSource create(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ugc-postgres");
        config.setJdbcUrl(url);
        config.setUsername(user);
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECTION_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("ApplicationName", "ugc");
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        return new HikariDataSource(config);
    }
}
