import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CostModelTest {
    private final Map<String, Double> usage = new LinkedHashMap<>(CostModel.USAGE);
    private final Map<String, Double> usd = new LinkedHashMap<>(CostModel.PRICES);
    private final Map<String, Double> cny = new LinkedHashMap<>(CostModel.PRICES_CNY);

    @BeforeEach
    @AfterEach
    void restore() {
        CostModel.USAGE.putAll(usage);
        CostModel.PRICES.putAll(usd);
        CostModel.PRICES_CNY.putAll(cny);
    }

    @Test
    void theTwoTablesNameTheSamePrices() {
        assertEquals(CostModel.PRICES.keySet(), CostModel.PRICES_CNY.keySet());
    }

    @Test
    void theUsdBillIsTheOneDocsCostModelRecords() {
        // docs/cost-model.md quotes these totals; a change here must change the doc.
        assertEquals(3.80, CostModel.totalUsd(CostModel.compute()), 0.005);
        CostModel.set("useFreeTier=0");
        assertEquals(9.97, CostModel.totalUsd(CostModel.compute()), 0.005);
    }

    @Test
    void theCnyColumnIsComputedFromTheCnyTable() {
        // Give every CNY price a value of its own, with no free allowance, so each line is a known product.
        CostModel.set("useFreeTier=0");
        int i = 1;
        for (String k : CostModel.PRICES_CNY.keySet()) CostModel.set("cny." + k + "=" + (k.startsWith("free") ? 0 : i++ * 1.5));
        Map<String, Double> p = CostModel.PRICES_CNY;
        List<CostModel.Line> lines = CostModel.compute();
        CostModel.Line alarms = line(lines, "CloudWatch alarms");
        assertEquals(29 * p.get("alarmMetricMonth"), alarms.amountCny(), 1e-9);
        assertEquals(29 * CostModel.PRICES.get("alarmMetricMonth"), alarms.amountUsd(), 1e-9);
        CostModel.Line writes = line(lines, "DynamoDB writes");
        assertEquals(5000.0 / 12 * 120 / 1e6 * p.get("dynamoPerMillionWru"), writes.amountCny(), 1e-9);
        CostModel.Line cloudfront = line(lines, "CloudFront");
        assertEquals(30 * p.get("cloudfrontGb") + 100 * p.get("cloudfrontPer10kHttps"), cloudfront.amountCny(), 1e-9);

        // Moving a US$ price moves only the US$ column, and the other way round.
        double before = line(CostModel.compute(), "HTTP API").amountCny();
        CostModel.set("httpApiPerMillion=100");
        assertEquals(before, line(CostModel.compute(), "HTTP API").amountCny(), 1e-9);
        CostModel.set("cny.httpApiPerMillion=3");
        CostModel.Line api = line(CostModel.compute(), "HTTP API");
        assertEquals(57_083.33 / 1e6 * 3, api.amountCny(), 1e-4);
        assertEquals(57_083.33 / 1e6 * 100, api.amountUsd(), 1e-4);
    }

    @Test
    void aCnyPriceNotFoundIsReportedNotInvented() {
        CostModel.set("cny.lambdaGbSecond=NaN");
        List<CostModel.Line> lines = CostModel.compute();
        CostModel.Line compute = line(lines, "Lambda compute");
        assertTrue(Double.isNaN(compute.amountCny()));
        assertFalse(Double.isNaN(compute.amountUsd()));
        assertEquals("not found", CostModel.cny(compute.amountCny()));
        // Nothing billed costs nothing, price or not: the logs stay inside China's confirmed 5 GB free ingestion.
        CostModel.set("cny.logsIngestGb=NaN");
        assertEquals(0.0, line(CostModel.compute(), "CloudWatch Logs").amountCny());
        double known = lines.stream().mapToDouble(CostModel.Line::amountCny).filter(d -> !Double.isNaN(d)).sum();
        assertEquals(known, CostModel.totalCny(lines), 1e-9);
    }

    @Test
    void snapshotsMovePublicReadsFromTheApiToS3AndPayForTheirRebuilds() {
        CostModel.set("useFreeTier=0");
        CostModel.set("snapshotReadShare=0");
        List<CostModel.Line> api = CostModel.compute();
        assertEquals(0.0, line(api, "S3 snapshots").amountUsd(), "the API design writes no snapshot");
        assertTrue(line(api, "HTTP API").item().contains("257,083"));
        CostModel.set("snapshotReadShare=0.8");
        List<CostModel.Line> snap = CostModel.compute();
        assertTrue(line(snap, "HTTP API").item().contains("57,083"), "four in five public reads leave the API");
        double puts = 5000.0 / 12 * 6 * 19; // stream batches × files rebuilt per batch
        double heads = 5000.0 / 12 * 6 * 17; // the shared files' version checks before their conditional puts
        double reads = 100_000 * 2.5 * 0.8;
        assertEquals(puts / 1e3 * 0.005 + (heads + reads) / 1e3 * 0.0004, line(snap, "S3 snapshots").amountUsd(), 1e-9);
        assertTrue(line(snap, "DynamoDB reads").amountUsd() < line(api, "DynamoDB reads").amountUsd());
    }

    @Test
    void aViralNeedCallsNoFunctionFromSnapshotsAndEachEdgeFetchesItOncePerMaxAge() {
        List<CostModel.Viral> v = CostModel.viral();
        CostModel.Viral apiCached = v.get(0), snapCached = v.get(1), apiMissed = v.get(2), snapMissed = v.get(3);
        assertEquals(20 * 3600 / 15.0, apiCached.originRequests(), 1e-9);
        assertEquals(apiCached.originRequests(), apiCached.invocations(), 1e-9);
        assertEquals(100_000, apiMissed.invocations(), 1e-9);
        assertEquals(0, snapCached.invocations());
        assertEquals(0, snapMissed.invocations());
        assertEquals(0, snapMissed.peakConcurrency());
        assertEquals(100_000 / 3600.0 * 5 * 0.06, apiMissed.peakConcurrency(), 1e-9);
        assertEquals(100_000 / 1e3 * 0.0004, snapMissed.originUsd(), 1e-9);
        assertTrue(apiMissed.originUsd() > snapMissed.originUsd());
        assertEquals(apiMissed.cloudfrontUsd(), snapMissed.cloudfrontUsd(), "the page itself costs the same either way");
        CostModel.set("viralViews=1000");
        assertEquals(1000, CostModel.viral().get(0).originRequests(), 1e-9, "never more origin requests than views");
    }

    @Test
    void anUnknownNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CostModel.set("cny.needsPerYear=1"));
        assertThrows(IllegalArgumentException.class, () -> CostModel.set("lambdaGbSeconds=1"));
    }

    private static CostModel.Line line(List<CostModel.Line> lines, String prefix) {
        return lines.stream().filter(l -> l.item().startsWith(prefix)).findFirst().orElseThrow();
    }
}
