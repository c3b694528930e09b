package org.bangfu.store;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Counting from the stream: a transaction whose conditions say "this event is new" and the counters it moves. */
final class ExactlyOnce {
    private ExactlyOnce() {
    }

    /** @return true if written, false if the event had already been counted (nothing changes) */
    static boolean write(DynamoDbClient db, List<TransactWriteItem> writes) {
        try {
            db.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            for (CancellationReason r : e.cancellationReasons()) {
                if ("ConditionalCheckFailed".equals(r.code())) return false;
            }
            throw e;
        }
    }
}
