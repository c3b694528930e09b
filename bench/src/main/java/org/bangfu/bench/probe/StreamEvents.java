package org.bangfu.bench.probe;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A DynamoDB stream event with one record, as the event source mapping delivers it. Images are
 * written in the spec as {@code new.attr=S:text}, {@code old.attr=N:12}, {@code new.flag=BOOL:true}.
 */
final class StreamEvents {
    private StreamEvents() {
    }

    static DynamodbEvent build(Properties spec) {
        StreamRecord sr = new StreamRecord();
        sr.setSequenceNumber(spec.getProperty("record.sequenceNumber", "1"));
        sr.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_AND_OLD_IMAGES);
        sr.setNewImage(image(spec, "new."));
        Map<String, AttributeValue> old = image(spec, "old.");
        if (!old.isEmpty()) sr.setOldImage(old);
        Map<String, AttributeValue> keys = new HashMap<>();
        keys.put("pk", sr.getNewImage().get("pk"));
        keys.put("sk", sr.getNewImage().get("sk"));
        sr.setKeys(keys);
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName(spec.getProperty("record.eventName", "MODIFY"));
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion("cn-north-1");
        record.setDynamodb(sr);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(record));
        return event;
    }

    private static Map<String, AttributeValue> image(Properties spec, String prefix) {
        Map<String, AttributeValue> m = new HashMap<>();
        for (String k : spec.stringPropertyNames()) {
            if (!k.startsWith(prefix)) continue;
            String v = spec.getProperty(k);
            int colon = v.indexOf(':');
            String type = v.substring(0, colon);
            String value = v.substring(colon + 1);
            AttributeValue a = new AttributeValue();
            switch (type) {
                case "S" -> a.setS(value);
                case "N" -> a.setN(value);
                case "BOOL" -> a.setBOOL(Boolean.parseBoolean(value));
                default -> throw new IllegalArgumentException("unsupported attribute type " + type + " in " + k);
            }
            m.put(k.substring(prefix.length()), a);
        }
        return m;
    }

    static String outcome(Object response) {
        int failed = ((StreamsEventResponse) response).getBatchItemFailures().size();
        return failed == 0 ? "ok" : "failed:" + failed;
    }
}
