package cinema.ugc.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with a borrowed JDBC connection. */
@FunctionalInterface
public interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
