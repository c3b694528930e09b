package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.bangfu.core.SmsMessage;
import org.bangfu.core.SmsSender;
import org.bangfu.sms.SmsProviders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The provider code the functions use, against the local outbox that checks Tencent's request signing. */
class SmsOutboxTest {
    private static Api api;

    @BeforeAll
    static void start() {
        api = TestPlatform.api();
    }

    private static SmsSender sender(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(TestPlatform.platform.outbox().settings());
        settings.putAll(overrides);
        return SmsProviders.create(settings::get);
    }

    @Test
    void aSignedMessageIsInTheOutboxWithItsText() {
        String phone = "+861380" + String.format("%07d", (int) (Math.random() * 1e7));
        sender(Map.of()).send(new SmsMessage(phone, "signin.code", Map.of("code", "493021")));
        Api.Reply r = api.get("/api/dev/sms?phone=" + java.net.URLEncoder.encode(phone, java.nio.charset.StandardCharsets.UTF_8), null);
        assertEquals(200, r.status(), r.toString());
        assertEquals(1, r.body().path("messages").size(), r.toString());
        var m = r.body().path("messages").path(0);
        assertEquals("signin.code", m.path("template").asText());
        assertEquals("493021", m.path("params").path("code").asText());
        assertTrue(m.path("text").asText().startsWith("【帮扶认领】") && m.path("text").asText().contains("493021"), m.toString());
    }

    @Test
    void aWrongSecretIsRefusedAndNothingIsSent() {
        String phone = "+861390" + String.format("%07d", (int) (Math.random() * 1e7));
        int before = TestPlatform.platform.outbox().refused();
        SmsSender forged = sender(Map.of("TENCENTCLOUD_SECRET_KEY", "not-the-key"));
        SmsSender.Failed e = assertThrows(SmsSender.Failed.class, () -> forged.send(new SmsMessage(phone, "signin.code", Map.of("code", "1"))));
        assertTrue(e.getMessage().contains("AuthFailure.SignatureFailure"), e.getMessage());
        assertEquals(before + 1, TestPlatform.platform.outbox().refused());
        assertEquals(0, TestPlatform.platform.outbox().messages(phone).size());
    }
}
