package org.bangfu.local.dynamodb;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/** Creates the table from template.yaml on a DynamoDB Local instance. */
public final class LocalTable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private LocalTable() {
    }

    public static void create(DynamoDbClient db, Template template, String tableName) {
        try {
            db.createTable(template.tableRequest(tableName));
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceInUseException e) {
            // On a loaded machine the SDK may time out and retry a CreateTable whose first attempt got through.
        }
        db.waiter().waitUntilTableExists(r -> r.tableName(tableName));
    }

    /** A fresh table with a unique name, so tests sharing one DynamoDB Local don't see each other's data. */
    public static String createFresh(DynamoDbClient db, String prefix) {
        String name = prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        try {
            create(db, Template.ofProject(), name);
        } catch (ResourceInUseException e) {
            // The name is ours alone: on a loaded machine the SDK retried a create that had timed out but succeeded.
            db.waiter().waitUntilTableExists(r -> r.tableName(name));
        }
        return name;
    }
}
