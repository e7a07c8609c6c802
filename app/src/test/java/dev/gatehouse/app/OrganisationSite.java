package dev.gatehouse.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * What an organisation's website does with a hand-off, written as its developers would from
 * {@code adapter-web/HANDOFF.md}, with Nimbus directly: check the outbound token, then sign a callback.
 */
final class OrganisationSite {
    private final byte[] secret;

    OrganisationSite(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The outbound token's claims, after checking its signature and type. */
    JWTClaimsSet receive(String outbound) throws ParseException, JOSEException {
        SignedJWT jwt = SignedJWT.parse(outbound);
        if (!jwt.verify(new MACVerifier(secret))) {
            throw new IllegalStateException("the outbound token is not signed with our secret");
        }
        if (!new JOSEObjectType("gatehouse-handoff+jwt").equals(jwt.getHeader().getType())) {
            throw new IllegalStateException("not a Gatehouse hand-off: " + jwt.getHeader().getType());
        }
        return jwt.getJWTClaimsSet();
    }

    /** A callback vouching that the person behind {@code outbound} is {@code memberId}, valid for {@code lifetime}. */
    String callback(JWTClaimsSet outbound, String memberId, Instant now, Duration lifetime) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(outbound)
                .claim("member_id", memberId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        return sign(claims, "gatehouse-callback+jwt");
    }

    String sign(JWTClaimsSet claims, String type) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType(type)).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }
}
