package dev.gatehouse.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.contract.HandoffTokensContract;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.DiscordUserId;
import dev.gatehouse.core.model.GuildId;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.model.VerificationToken;
import dev.gatehouse.core.port.out.HandoffTokens;
import dev.gatehouse.core.port.out.HandoffTokens.Callback;
import dev.gatehouse.core.port.out.HandoffTokens.Grant;
import java.text.ParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The JOSE signer against the hand-off tokens' contract, with the organisation's site written on Nimbus directly. */
class JoseHandoffTokensContractTest extends HandoffTokensContract {

    @Override
    protected HandoffTokens newTokens() {
        return new JoseHandoffTokens();
    }

    @Override
    protected Optional<Grant> siteReadsOutbound(String token, HandoffSecret secret) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(new MACVerifier(secret.keyBytes()))
                    || !new JOSEObjectType("gatehouse-handoff+jwt").equals(jwt.getHeader().getType())) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return Optional.of(new Grant(VerificationToken.of(claims.getJWTID()),
                    new DiscordAccount(new DiscordUserId(Long.parseLong(claims.getStringClaim("user_id"))), claims.getStringClaim("username")),
                    new GuildId(Long.parseLong(claims.getStringClaim("guild_id"))),
                    claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()));
        } catch (ParseException | JOSEException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected String siteSignsCallback(Callback callback, HandoffSecret secret) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(callback.jti())
                .claim("user_id", callback.discordUserId())
                .claim("guild_id", callback.guildId())
                .claim("member_id", callback.memberId())
                .issueTime(Date.from(callback.issuedAt()))
                .expirationTime(Date.from(callback.expiresAt()));
        callback.name().ifPresent(name -> claims.claim("name", name));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("gatehouse-callback+jwt")).build(),
                claims.build());
        try {
            jwt.sign(new MACSigner(secret.keyBytes()));
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
        return jwt.serialize();
    }

    @Override
    protected String withMemberIdChangedAfterSigning(String callbackToken, String memberId) {
        try {
            SignedJWT genuine = SignedJWT.parse(callbackToken);
            Map<String, Object> claims = new LinkedHashMap<>(genuine.getPayload().toJSONObject());
            claims.put("member_id", memberId);
            Base64URL[] parts = genuine.getParsedParts();
            return parts[0] + "." + Base64URL.encode(JWTClaimsSet.parse(claims).toString()) + "." + parts[2];
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
