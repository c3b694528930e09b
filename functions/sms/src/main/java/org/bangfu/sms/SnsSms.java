package org.bangfu.sms;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.bangfu.core.SmsMessage;
import org.bangfu.core.SmsSender;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** Amazon SNS (global regions): Publish to a phone number, transactional, the template's text as written. */
final class SnsSms implements SmsSender {
    private final URI endpoint;
    private final String region;
    private volatile SnsClient sns;

    SnsSms(URI endpoint, String region) {
        this.endpoint = endpoint;
        this.region = region;
    }

    private SnsClient client() {
        SnsClient c = sns;
        if (c == null) {
            synchronized (this) {
                if (sns == null) {
                    var b = SnsClient.builder().region(Region.of(region))
                            .credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                                    SystemPropertyCredentialsProvider.create()))
                            .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                                    .socketTimeout(Duration.ofSeconds(5)));
                    if (endpoint != null) b.endpointOverride(endpoint);
                    sns = b.build();
                }
                c = sns;
            }
        }
        return c;
    }

    @Override
    public void send(SmsMessage message) {
        try {
            client().publish(r -> r.phoneNumber(message.phone()).message(message.text()).messageAttributes(Map.of(
                    "AWS.SNS.SMS.SMSType", MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build())));
        } catch (SdkException e) {
            throw new Failed("Amazon SNS did not send: " + e.getMessage(), e);
        }
    }
}
