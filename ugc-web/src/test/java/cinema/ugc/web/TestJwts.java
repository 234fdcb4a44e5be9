package cinema.ugc.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

/** Hand-made tokens for the verifier tests: RS256/ES256 signatures, unsigned tokens, PEM encoding. */
final class TestJwts {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestJwts() {}

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    static String signed(String alg, PrivateKey key, Map<String, Object> claims) throws Exception {
        String input = part(Map.of("alg", alg, "typ", "JWT")) + "." + part(claims);
        Signature s = Signature.getInstance(alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(s.sign());
    }

    static String unsigned(Map<String, Object> claims) throws Exception {
        return part(Map.of("alg", "none", "typ", "JWT")) + "." + part(claims) + ".";
    }

    static String part(Map<String, Object> json) throws Exception {
        return B64.encodeToString(new ObjectMapper().writeValueAsBytes(json));
    }

    /** Replaces the payload of a signed token, keeping header and signature. */
    static String withPayload(String token, Map<String, Object> claims) throws Exception {
        String[] parts = token.split("\\.");
        return parts[0] + "." + part(claims) + "." + parts[2];
    }
}
