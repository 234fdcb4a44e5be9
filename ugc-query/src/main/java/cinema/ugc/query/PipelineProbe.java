package cinema.ugc.query;

/**
 * What the dashboard's status shows of the running pipeline, read from the in-process components (the ingest
 * metrics and the ETL). The process that assembles the pipeline supplies it; a read-only API process may not know
 * either figure.
 */
public interface PipelineProbe {

    /** Events the ingest API has accepted since the process started (monotonic), or -1 when not ingesting here. */
    long acceptedEvents();

    /**
     * Records in Kafka not yet written to the store — the ETL group's lag summed over every partition of the topic,
     * whichever process holds it — or -1 when unknown.
     */
    long etlLag();

    /** A probe for a process that neither ingests nor runs the ETL. */
    PipelineProbe NONE = new PipelineProbe() {
        @Override
        public long acceptedEvents() {
            return -1;
        }

        @Override
        public long etlLag() {
            return -1;
        }
    };
}
