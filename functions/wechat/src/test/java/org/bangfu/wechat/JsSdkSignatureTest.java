package org.bangfu.wechat;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bangfu.core.DomainException;
import org.junit.jupiter.api.Test;

class JsSdkSignatureTest {
    @Test
    void signsWeChatsDocumentedExampleToItsDocumentedSignature() {
        // JS-SDK docs, 附录1 (JS-SDK使用权限签名算法): the example's four fields and the signature it gives.
        assertEquals("0f9de62fce790f9a083d5c99e95740ceb90c27ed", JsSdkSignature.sign(
                "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
                "Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com?params=value"));
    }

    @Test
    void nonceIsSixteenLettersOrDigitsAndDiffers() {
        String a = JsSdkSignature.nonce();
        assertTrue(a.matches("[A-Za-z0-9]{16}"), a);
        assertNotEquals(a, JsSdkSignature.nonce());
    }

    @Test
    void signsOnlyPagesOfTheSiteWithoutTheirFragment() {
        JsConfig c = new JsConfig("https://bangfu.example.cn", () -> "wx1", () -> "T",
                Clock.fixed(Instant.ofEpochSecond(1414587457L), ZoneOffset.UTC));
        assertEquals("https://bangfu.example.cn/need.html?id=n1", c.page("https://bangfu.example.cn/need.html?id=n1#top"));
        assertEquals("https://bangfu.example.cn:443/", c.page("https://bangfu.example.cn:443/"));
        for (String bad : new String[] {"https://evil.example.cn/need.html", "http://bangfu.example.cn/need.html",
                "https://bangfu.example.cn:8443/", "https://bangfu.example.cn.evil.cn/", "/need.html", "", "::",
                "https://bangfu.example.cn/" + "a".repeat(JsConfig.MAX_URL)}) {
            assertThrows(DomainException.Invalid.class, () -> c.page(bad), bad);
        }
        JsConfig.Answer a = c.sign("https://bangfu.example.cn/need.html?id=n1#x");
        assertEquals(1414587457L, a.timestamp());
        assertEquals(JsSdkSignature.sign("T", a.nonceStr(), a.timestamp(), "https://bangfu.example.cn/need.html?id=n1"), a.signature());
    }

    @Test
    void theSecretNamesAppIdAndSecret() {
        assertEquals(new WeChatAccount("wx1", "s"), WeChatAccount.parse("{\"appId\":\"wx1\",\"appSecret\":\"s\"}"));
        assertThrows(IllegalStateException.class, () -> WeChatAccount.parse("{\"appId\":\"wx1\"}"));
        assertThrows(IllegalStateException.class, () -> WeChatAccount.parse("nope"));
        assertFalse(new WeChatAccount("wx1", "s3cret").toString().contains("s3cret"));
    }
}
