package cinema.ugc.store.internal;

import java.util.List;

/**
 * One versioned schema step. Every statement is idempotent on its own ({@code IF NOT EXISTS}), so two instances
 * migrating at once, or a crash between a statement and the bookkeeping row, are harmless.
 */
public record Migration(int version, String description, List<String> statements) {
    public Migration {
        statements = List.copyOf(statements);
    }
}
