package org.bangfu.bench.powertools;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.bangfu.fn.claimneed.ClaimNeedHandler;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * ClaimNeedFunction as it is, plus the same metrics recorded through Powertools v2 (functional
 * API, no AspectJ): the difference to ClaimNeedFunction is what Powertools would add to its cold start.
 */
public final class PowertoolsClaimNeed implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ClaimNeedHandler delegate = new ClaimNeedHandler();
    private final Metrics metrics = MetricsFactory.getMetricsInstance();

    public PowertoolsClaimNeed() {
        metrics.setNamespace("Bangfu");
        metrics.setDefaultDimensions(DimensionSet.of("Pilot", "bench"));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long t = System.nanoTime();
        APIGatewayV2HTTPResponse r = delegate.handleRequest(event, context);
        if (r.getStatusCode() == 201) metrics.addMetric("Claims", 1, MetricUnit.COUNT);
        if (r.getStatusCode() == 409) metrics.addMetric("ClaimConflicts", 1, MetricUnit.COUNT);
        metrics.addMetric("Latency", (System.nanoTime() - t) / 1e6, MetricUnit.MILLISECONDS);
        metrics.flush();
        return r;
    }
}
