package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.Set;
import org.bangfu.local.dynamodb.Template;
import org.junit.jupiter.api.Test;

/**
 * The identity part of template.yaml deploys in the China regions too: no Cognito (user pools don't
 * exist there), our own issuer on the site's origin for the JWT authorizer, a KMS ECC sign key,
 * ARNs by partition and hosts by URL suffix.
 */
class IdentityTemplateTest {
    private final Template template = Template.ofProject();

    @Test
    void noCognitoAndTheAuthorizerTrustsOurIssuer() throws Exception {
        String text = Files.readString(Template.projectRoot().resolve("template.yaml"));
        assertFalse(text.contains("AWS::Cognito::"), "no Cognito resource");
        assertFalse(text.contains("amazoncognito") || text.contains("cognito-idp"), "no Cognito endpoint");
        assertFalse(text.contains("amazonaws.com"), "hosts through ${AWS::URLSuffix}, ARNs through ${AWS::Partition}");
        assertFalse(text.contains("arn:aws:"), "ARNs through ${AWS::Partition}");
        JsonNode api = template.resourcesOfType("AWS::Serverless::HttpApi").get(0).getValue().path("Properties").path("Auth");
        assertEquals("OurJwt", api.path("DefaultAuthorizer").asText());
        JsonNode jwt = api.path("Authorizers").path("OurJwt").path("JwtConfiguration");
        assertEquals("SiteUrl", jwt.path("issuer").asText(), "issuer = the site's origin");
        assertEquals("${SiteUrl}/api", jwt.path("audience").path(0).asText(), "audience = the API");
        JsonNode key = template.resourcesOfType("AWS::KMS::Key").get(0).getValue().path("Properties");
        assertEquals("ECC_NIST_P256", key.path("KeySpec").asText());
        assertEquals("SIGN_VERIFY", key.path("KeyUsage").asText());
        // The sign-in functions sign with it (SMS code, linked WeChat: both through Sessions), they alone; the issuer function only reads the public key.
        for (var fn : template.resourcesOfType("AWS::Serverless::Function")) {
            String policies = fn.getValue().path("Properties").path("Policies").toString();
            assertEquals(Set.of("TokenFunction", "WeChatSignInFunction").contains(fn.getKey()), policies.contains("kms:Sign"), fn.getKey());
            assertEquals(fn.getKey().equals("IssuerFunction"), policies.contains("kms:GetPublicKey"), fn.getKey());
        }
        // SNS sends no SMS in China: the China pilots name a Chinese provider.
        try (var pilots = Files.list(Template.projectRoot().resolve("infra/pilots"))) {
            for (var pilot : pilots.filter(Files::isDirectory).toList()) {
                String config = Files.readString(pilot.resolve("samconfig.toml"));
                boolean china = config.contains("region = \"cn-");
                boolean sns = config.contains("SmsProvider=sns");
                assertFalse(china && sns, pilot + ": SNS SMS does not exist in China");
                assertTrue(config.contains("SmsProvider="), pilot + " names its SMS provider");
            }
        }
        String hosting = Files.readString(Template.projectRoot().resolve("infra/hosting/template.yaml"));
        assertTrue(hosting.contains("PathPattern: /.well-known/*"), "CloudFront sends the issuer's metadata to the API");
    }
}
