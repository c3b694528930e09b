package org.bangfu.fn.notify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.core.Change;
import org.bangfu.core.Claim;
import org.bangfu.core.Need;
import org.bangfu.core.Notice;
import org.bangfu.core.Notifications;
import java.util.function.Supplier;
import org.bangfu.core.SmsSender;
import org.bangfu.lambda.NoticeSms;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.StreamBatch;
import org.bangfu.lambda.StreamEvents;
import org.bangfu.sms.SmsProviders;
import org.bangfu.store.Inbox;
import org.bangfu.store.StreamImages;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Inboxes from the table's change stream: a need approved or rejected, claimed, reported delivered,
 * a claim released automatically, points earned, a report on a need one reviewed or in one's area as admin (claim hygiene
 * writes the due-soon reminders itself). Each notice is written once however often its record
 * comes (see {@code Inbox.write}). When a notice's own line then comes on the stream, and it asks
 * for action, its SMS is sent, held for the morning, or skipped ({@link NoticeSms}), once. Records
 * are handled in order; a failure reports the rest of the batch for retry.
 */
public final class NotifyHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, Resource {
    private final Services services;
    private final NoticeSms sms;

    public NotifyHandler() {
        this(Services.live(), SmsProviders::fromEnvironment);
    }

    public NotifyHandler(Services services, Supplier<SmsSender> sender) {
        this.services = services;
        this.sms = new NoticeSms(services, sender);
        if (!Priming.active()) Core.getGlobalContext().register(this);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("batch notified", event, context, record -> {
            Optional<Notice> line = "INSERT".equals(record.getEventName())
                    ? Inbox.notice(StreamEvents.item(record.getDynamodb().getNewImage())) : Optional.empty();
            if (line.isPresent()) {
                NoticeSms.Outcome o = sms.written(line.get());
                if (o == NoticeSms.Outcome.SENT || o == NoticeSms.Outcome.HELD) return new StreamBatch.Tally(1, 0);
                return o == NoticeSms.Outcome.ALREADY ? new StreamBatch.Tally(0, 1) : StreamBatch.Tally.NONE;
            }
            int written = 0;
            int seen = 0;
            for (Notice n : noticesFor(record)) {
                if (services.inbox().write(n)) written++;
                else seen++;
            }
            return new StreamBatch.Tally(written, seen);
        });
    }

    List<Notice> noticesFor(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, AttributeValue> next = StreamEvents.item(record.getDynamodb().getNewImage());
        Map<String, AttributeValue> before = StreamEvents.item(record.getDynamodb().getOldImage());
        List<Notice> out = new ArrayList<>();
        Optional<Need> needAfter = StreamImages.need(next);
        if (needAfter.isPresent()) {
            Need need = needAfter.get();
            // The area's admins (an index query per level) only for a change that brings a report.
            out.addAll(Notifications.needChanged(StreamImages.need(before).orElse(null), need,
                    () -> services.people().adminsOver(need.area())));
            return out;
        }
        Optional<Claim> claimAfter = StreamImages.claim(next);
        if (claimAfter.isPresent()) {
            Claim c = claimAfter.get();
            // The claim's item carries the need's title, not its poster: read the need (one GetItem).
            services.needs().need(c.needId()).ifPresent(need -> out.addAll(
                    Notifications.claimChanged(StreamImages.claim(before).orElse(null), c, need.posterId(), need.title())));
            return out;
        }
        if ("INSERT".equals(record.getEventName())) StreamImages.ledgerLine(next).map(Notifications::pointsEarned).ifPresent(out::add);
        return out;
    }

    /** SnapStart priming: a twin on the canned table tells the poster that help was reported delivered, as a stream record would bring it. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(() -> {
            Priming.World w = Priming.world(services);
            Change delivered = w.services.lifecycle().deliver(w.claimed, w.activeClaim, w.helper, "已送到", null);
            DynamodbEvent event = StreamEvents.event(List.of(StreamEvents.modify("0",
                    StreamImages.imageOf(w.activeClaim, w.claimed), StreamImages.imageOf(delivered.claim(), delivered.after()))));
            new NotifyHandler(w.services, () -> {
                throw new Priming.Failed("priming sends no SMS");
            }).handleRequest(event, null);
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
