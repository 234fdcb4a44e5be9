package cinema.ugc.web.internal;

import cinema.ugc.model.config.ConfigException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Tells which JWT algorithm a PEM public key is for, failing at start-up on a key we cannot use. */
public final class PemKeys {
    private PemKeys() {}

    public static String jwtAlgorithm(String pem) {
        byte[] der = der(pem);
        if (parses("RSA", der)) {
            return "RS256";
        }
        if (parses("EC", der)) {
            return "ES256";
        }
        throw new ConfigException(
                "invalid UGC_JWT_PUBLIC_KEY: not an RSA or EC public key (expected PEM 'BEGIN PUBLIC KEY')");
    }

    private static byte[] der(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid UGC_JWT_PUBLIC_KEY: the PEM body is not base64");
        }
    }

    private static boolean parses(String algorithm, byte[] der) {
        try {
            KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
