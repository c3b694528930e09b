package org.bangfu.export;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Grant;
import org.bangfu.core.Ids;
import org.bangfu.core.Person;
import org.bangfu.core.Phone;
import org.bangfu.core.Role;
import org.bangfu.store.PeopleStore;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Ops: makes the first area admin of a pilot (there is no open endpoint for it: every later admin
 * is appointed by an admin above them, from the site). Written with the ops role's credentials,
 * audited like any appointment, granted by "ops:" + the OS user who ran it.
 *
 * <pre>
 * java -cp infra/export/target/bangfu-export.jar org.bangfu.export.FirstAdmin --table TABLE --region cn-north-1 \
 *      --phone 13800000000 --name 丹阳市民政局 --area 321181000000 [--endpoint URL]
 * </pre>
 */
public final class FirstAdmin {
    private FirstAdmin() {
    }

    /** Appoints {@code phone} admin of {@code area}; the person is made if the phone is new. */
    public static Person appoint(PeopleStore people, String phone, String name, AreaCode area, String by, Instant now) {
        Person p = people.getOrCreate(phone, Ids.person(), name, now);
        people.grant(p, new Grant(Role.ADMIN, area, by, now), "grant-role", p.grants().get(Role.ADMIN));
        return people.get(p.id()).orElseThrow();
    }

    public static void main(String[] args) {
        String table = null;
        String region = System.getenv().getOrDefault("AWS_REGION", "cn-north-1");
        String endpoint = null;
        String phone = null;
        String name = null;
        String area = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--table" -> table = args[i + 1];
                case "--region" -> region = args[i + 1];
                case "--endpoint" -> endpoint = args[i + 1];
                case "--phone" -> phone = args[i + 1];
                case "--name" -> name = args[i + 1];
                case "--area" -> area = args[i + 1];
                default -> usage("unknown option " + args[i]);
            }
        }
        Optional<String> e164 = Phone.parse(phone);
        Optional<AreaCode> code = AreaCode.parse(area).filter(AreaRegistry.bundled()::exists);
        if (table == null || e164.isEmpty() || name == null || name.isBlank() || code.isEmpty()) {
            usage("--table, --phone (a mobile number), --name and --area (an area of the pilot's tree) are required");
        }
        var builder = DynamoDbClient.builder().region(Region.of(region)).credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)));
        if (endpoint != null) builder.endpointOverride(URI.create(endpoint));
        try (DynamoDbClient db = builder.build()) {
            Person p = appoint(new PeopleStore(db, table), e164.get(), name.strip(), code.get(),
                    "ops:" + System.getProperty("user.name", "unknown"), Instant.now());
            System.out.println("admin of " + code.get().code() + ": " + p.id() + " " + p.name() + " " + p.phone()
                    + " (signs in with this phone number and an SMS code)");
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: --table NAME --phone 13800000000 --name NAME --area 12-DIGIT-CODE [--region R] [--endpoint URL]");
        System.exit(2);
    }
}
