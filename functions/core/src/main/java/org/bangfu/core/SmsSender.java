package org.bangfu.core;

/**
 * Sends one text message. The provider is chosen per pilot (Tencent Cloud SMS or Alibaba Cloud SMS
 * in the China regions, Amazon SNS elsewhere: {@code org.bangfu.sms.SmsProviders}); China's
 * providers only send pre-approved templates, so a message names a template, never free text.
 */
public interface SmsSender {
    /** Sends it or throws {@link Failed}; never retries on its own (a retried code would be a second message). */
    void send(SmsMessage message);

    /** The provider refused the message or could not be reached. */
    final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Failed(String message) {
            super(message);
        }

        public Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
