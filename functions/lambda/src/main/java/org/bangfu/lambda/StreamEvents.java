package org.bangfu.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one converter between Lambda's stream event model and the SDK's item model: stream
 * functions read images with the store's readers ({@code StreamImages}), and priming and the
 * local stream pump build the events Lambda would deliver.
 */
public final class StreamEvents {
    private StreamEvents() {
    }

    /** An image of a stream record as an SDK item (null stays null). */
    public static Map<String, AttributeValue> item(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null) return null;
        Map<String, AttributeValue> out = new HashMap<>();
        image.forEach((k, v) -> out.put(k, sdk(v)));
        return out;
    }

    /** An SDK item as a stream record's image. */
    public static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(Map<String, AttributeValue> item) {
        if (item == null) return null;
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
        item.forEach((k, v) -> out.put(k, event(v)));
        return out;
    }

    /** A MODIFY record from {@code before} to {@code after} (SDK items), as the stream carries an update. */
    public static DynamodbEvent.DynamodbStreamRecord modify(String sequenceNumber, Map<String, AttributeValue> before,
                                                             Map<String, AttributeValue> after) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("MODIFY");
        StreamRecord sr = new StreamRecord();
        sr.setSequenceNumber(sequenceNumber);
        sr.setOldImage(image(before));
        sr.setNewImage(image(after));
        record.setDynamodb(sr);
        return record;
    }

    public static DynamodbEvent event(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent e = new DynamodbEvent();
        e.setRecords(new ArrayList<>(records));
        return e;
    }

    private static AttributeValue sdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) return AttributeValue.fromS(v.getS());
        if (v.getN() != null) return AttributeValue.fromN(v.getN());
        if (v.getBOOL() != null) return AttributeValue.fromBool(v.getBOOL());
        if (v.getNULL() != null) return AttributeValue.fromNul(v.getNULL());
        if (v.getM() != null) return AttributeValue.fromM(item(v.getM()));
        if (v.getL() != null) return AttributeValue.fromL(v.getL().stream().map(StreamEvents::sdk).toList());
        if (v.getSS() != null) return AttributeValue.fromSs(v.getSS());
        if (v.getNS() != null) return AttributeValue.fromNs(v.getNS());
        if (v.getB() != null) return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        if (v.getBS() != null) return AttributeValue.fromBs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        throw new IllegalArgumentException("empty attribute value");
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue event(AttributeValue v) {
        var a = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (v.type()) {
            case S -> a.setS(v.s());
            case N -> a.setN(v.n());
            case BOOL -> a.setBOOL(v.bool());
            case NUL -> a.setNULL(v.nul());
            case M -> a.setM(image(v.m()));
            case L -> a.setL(v.l().stream().map(StreamEvents::event).toList());
            case SS -> a.setSS(v.ss());
            case NS -> a.setNS(v.ns());
            case B -> a.setB(v.b().asByteBuffer());
            case BS -> a.setBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
            default -> throw new IllegalArgumentException("unknown attribute type " + v.type());
        }
        return a;
    }
}
