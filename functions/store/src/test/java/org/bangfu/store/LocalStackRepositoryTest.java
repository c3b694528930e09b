package org.bangfu.store;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Category;
import org.bangfu.core.ChineseIdNumber;
import org.bangfu.core.Ids;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.NeedState;
import org.bangfu.core.Role;
import org.bangfu.local.dynamodb.LocalTable;
import org.bangfu.local.dynamodb.Template;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The same repository against LocalStack's DynamoDB, where a Docker engine exists; reported as
 * skipped where none does (as on our CI machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackRepositoryTest {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
            .withServices(LocalStackContainer.Service.DYNAMODB);

    @Test
    void createReviewAndClaimWorkOnLocalStackToo() {
        System.setProperty("aws.accessKeyId", LOCALSTACK.getAccessKey());
        System.setProperty("aws.secretAccessKey", LOCALSTACK.getSecretKey());
        var db = Dynamo.build(LOCALSTACK.getEndpoint().toString());
        LocalTable.create(db, Template.ofProject(), "localstack-test");
        NeedStore repo = new NeedStore(db, "localstack-test");
        Lifecycle life = new Lifecycle(Clock.systemUTC(), AreaRegistry.bundled());
        AreaCode village = new AreaCode("321181001201");
        Actor poster = new Actor("p", "李书记", Set.of(Role.POSTER), village);
        var draft = StoreFixture.draft(village, Category.MEDICAL, 1, ChineseIdNumber.withCheck("32118119700101123"));
        Lifecycle.Posting p = life.post(draft, poster, Ids.need());
        repo.create(p);
        repo.apply(life.review(p.need(), new Actor("c", "c", Set.of(Role.COUNCIL), village), Role.COUNCIL, true, null));
        repo.apply(life.review(repo.need(p.need().id()).orElseThrow(), new Actor("v", "v", Set.of(Role.VOLUNTEER), village),
                Role.VOLUNTEER, true, null));
        var published = repo.need(p.need().id()).orElseThrow();
        assertEquals(NeedState.PUBLISHED, published.state());
        repo.claim(life.claim(published, new Actor("h", "h", Set.of(Role.HELPER), null), 1, Ids.claim()));
        assertEquals(NeedState.CLAIMED, repo.need(p.need().id()).orElseThrow().state());
    }
}
