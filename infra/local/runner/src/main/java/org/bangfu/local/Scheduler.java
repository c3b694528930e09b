package org.bangfu.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * EventBridge schedules, locally: every function with a Schedule event is invoked with the event
 * EventBridge sends (as a map) every {@code periodSeconds} (the template says hourly; a laptop demo wants sooner).
 */
public final class Scheduler implements AutoCloseable {
    public record Job(String functionId, RequestHandler<Map<String, Object>, ?> handler) {
    }

    private final List<Job> jobs;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-scheduler");
        t.setDaemon(true);
        return t;
    });

    public Scheduler(List<Job> jobs) {
        this.jobs = jobs;
    }

    public Scheduler start(long periodSeconds) {
        if (periodSeconds > 0) executor.scheduleWithFixedDelay(this::runAll, periodSeconds, periodSeconds, TimeUnit.SECONDS);
        return this;
    }

    /** Runs every scheduled function once, now (tests call this instead of waiting). */
    public synchronized void runAll() {
        for (Job job : jobs) {
            String id = UUID.randomUUID().toString();
            Map<String, Object> event = Map.of("version", "0", "id", id, "detail-type", "Scheduled Event", "source", "aws.events",
                    "time", Instant.now().toString(), "detail", Map.of());
            Gateway.CURRENT_FUNCTION.set(job.functionId());
            try {
                job.handler().handleRequest(event, new LocalContext(job.functionId(), id, 60));
            } catch (RuntimeException e) {
                System.err.println(job.functionId() + " failed: " + e);
            } finally {
                Gateway.CURRENT_FUNCTION.remove();
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
