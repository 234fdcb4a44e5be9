package cinema.ugc.store;

/**
 * What a store holds in memory to recognise copies of recent events (ClickHouse's window of recent identities,
 * docs/storage.md#idempotency), as read at one moment.
 *
 * @param identities the identities (user_id, event_id) held, over every Kafka partition this process writes
 * @param bytes      the heap of the arrays that hold them and the offsets known to be stored
 */
public record DedupWindow(long identities, long bytes) {}
