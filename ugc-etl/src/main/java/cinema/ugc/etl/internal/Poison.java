package cinema.ugc.etl.internal;

/** A record that is not a valid event: it goes to the dead-letter topic unchanged, with why and where from. */
public record Poison(String topic, int partition, long offset, byte[] key, byte[] value, String error) {}
