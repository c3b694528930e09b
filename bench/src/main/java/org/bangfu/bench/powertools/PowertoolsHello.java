package org.bangfu.bench.powertools;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** Hello world that also records one metric with Powertools for AWS Lambda (Java) v2, functional API, no AspectJ. */
public final class PowertoolsHello implements RequestHandler<Map<String, Object>, String> {
    private final Metrics metrics = MetricsFactory.getMetricsInstance();

    public PowertoolsHello() {
        metrics.setNamespace("Bangfu");
        metrics.setDefaultDimensions(DimensionSet.of("Pilot", "bench"));
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        metrics.addMetric("Claims", 1, MetricUnit.COUNT);
        metrics.flush();
        return "hello " + event.get("name");
    }
}
