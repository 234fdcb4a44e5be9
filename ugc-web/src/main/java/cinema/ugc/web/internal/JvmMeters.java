package cinema.ugc.web.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;

/**
 * The JVM's own meters (memory, GC pauses, threads, CPU) on the registry /metrics serves, for the dashboard's
 * process panels. Bound once per registry: a second GC listener would count every pause twice.
 */
public final class JvmMeters {
    private JvmMeters() {}

    @SuppressWarnings("resource") // the GC listener lives as long as the process, like the registry it feeds
    public static void bindOnce(MeterRegistry registry) {
        synchronized (registry) {
            if (registry.find("jvm.memory.used").meter() != null) {
                return;
            }
            new JvmMemoryMetrics().bindTo(registry);
            new JvmGcMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
        }
    }
}
