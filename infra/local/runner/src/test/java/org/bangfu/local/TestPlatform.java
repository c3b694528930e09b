package org.bangfu.local;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One platform per test JVM, as ./run.sh starts it but without demo data and on a free port,
 * over the shared in-memory DynamoDB Local. Tests keep out of each other's way by using their
 * own households and ids, never by resetting the table.
 */
final class TestPlatform {
    static LocalPlatform platform;

    private TestPlatform() {
    }

    static synchronized Api api() {
        if (platform == null) {
            try {
                // LAMBDA_PROCESSES=true (a surefire execution of its own): every function as a child process.
                boolean processes = Boolean.getBoolean("LAMBDA_PROCESSES");
                // The WeChat features on, against the fake (WeChatTest; the policy check exercises them too).
                System.setProperty("LOCAL_WECHAT", "fake");
                platform = LocalPlatform.start(new LocalPlatform.Options("127.0.0.1", 0, null, false, false, 0, processes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Api(platform.baseUrl());
    }
}
