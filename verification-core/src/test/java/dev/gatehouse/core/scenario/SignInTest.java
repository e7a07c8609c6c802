package dev.gatehouse.core.scenario;

import static dev.gatehouse.core.scenario.World.ALICE;
import static dev.gatehouse.core.scenario.World.CS101;
import static dev.gatehouse.core.scenario.World.LECTURES;
import static dev.gatehouse.core.scenario.World.LECTURES_ROLE;
import static dev.gatehouse.core.scenario.World.MALLORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.core.model.ClientSecret;
import dev.gatehouse.core.model.DirectoryAuthority;
import dev.gatehouse.core.model.DirectoryUserId;
import dev.gatehouse.core.model.DiscordAccount;
import dev.gatehouse.core.model.LinkOrigin;
import dev.gatehouse.core.model.MemberChange;
import dev.gatehouse.core.model.MemberUpdate;
import dev.gatehouse.core.model.OidcSettings;
import dev.gatehouse.core.model.TenantSettings;
import dev.gatehouse.core.model.VerificationMethod;
import dev.gatehouse.core.port.in.RequestVerification.RequestCommand;
import dev.gatehouse.core.port.in.RequestVerification.SignInReady;
import dev.gatehouse.core.port.in.SignInWithProvider;
import dev.gatehouse.core.port.in.SignInWithProvider.ProviderClaims;
import dev.gatehouse.core.port.in.SignInWithProvider.Refusal;
import dev.gatehouse.core.port.in.SignInWithProvider.Secrets;
import dev.gatehouse.core.port.in.SignInWithProvider.SignInBegun;
import dev.gatehouse.core.port.in.SignInWithProvider.SignInRefused;
import dev.gatehouse.core.port.in.SignInWithProvider.SignedIn;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Signing in with the tenant's identity provider: the pending request, its binding and its one use. */
class SignInTest {
    static final UnaryOperator<TenantSettings> OIDC = t -> t.withMethod(VerificationMethod.OIDC)
            .withOidc(OidcSettings.none().withIssuer(URI.create("https://idp.example.edu/realms/cs"))
                    .withClientId("gatehouse").withSecret(new ClientSecret("client-secret")));

    private final World world = new World(OIDC);
    private final SignInWithProvider signIns = world.gatehouse.signInWithProvider();

    private SignInReady verify(DiscordAccount who) {
        return assertInstanceOf(SignInReady.class, world.gatehouse.requestVerification().request(new RequestCommand(LECTURES,
                "CS 101 Lectures", who, Optional.empty(), Optional.empty())));
    }

    private static String token(SignInReady ready) {
        String link = ready.link().toString();
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private static Secrets secrets(SignInBegun begun) {
        return new Secrets(begun.state().reveal(), begun.nonce().reveal(), begun.verifier().reveal());
    }

    private SignInBegun begin(DiscordAccount who) {
        return assertInstanceOf(SignInBegun.class, signIns.begin(token(verify(who))));
    }

    private static ProviderClaims claims(String userName) {
        return new ProviderClaims(Map.of("sub", "f81d4fae", "preferred_username", userName, "name", "Jane From Provider"));
    }

    @Test
    void verifyRepliesWithAStartPageLivingTenMinutesAndStoresNoSecret() {
        SignInReady ready = verify(ALICE);

        assertTrue(ready.link().toString().startsWith("https://verify.example.edu/sign-in/"), ready.link().toString());
        assertEquals(Duration.ofMinutes(10), ready.lifetime());
        assertTrue(world.sent.isEmpty(), "no email in the sign-in method");
        assertInstanceOf(SignInWithProvider.SignInPreview.class, signIns.preview(token(ready)));
    }

    @Test
    void aSignInLinksAndGrantsExactlyAsAConfirmedEmailDoes() {
        SignInBegun begun = begin(ALICE);
        assertInstanceOf(SignInWithProvider.AwaitingProvider.class, signIns.awaiting(secrets(begun)));

        SignedIn done = assertInstanceOf(SignedIn.class, signIns.complete(secrets(begun), claims("jdoe42")));

        assertEquals(new DirectoryUserId("jdoe42"), done.link().directoryUser());
        assertEquals(LinkOrigin.OIDC, done.link().origin());
        List<MemberChange> changes = world.deliver().stream().map(MemberUpdate::change).toList();
        assertTrue(changes.contains(new MemberChange.GrantRole(LECTURES_ROLE)), changes.toString());
        assertTrue(changes.contains(new MemberChange.SetNickname("Jane Doe")), "the directory's name wins: " + changes);
        assertEquals(new SignInRefused(Refusal.ALREADY_USED), signIns.complete(secrets(begun), claims("jdoe42")));
    }

    @Test
    void aForeignNonceOrVerifierAndAnOlderRequestAreRefusedAndChangeNothing() {
        SignInBegun begun = begin(ALICE);
        Secrets good = secrets(begun);
        Secrets wrongNonce = new Secrets(good.state(), begin(MALLORY).nonce().reveal(), good.verifier());

        assertEquals(new SignInRefused(Refusal.MISMATCH), signIns.complete(wrongNonce, claims("jdoe42")));
        SignInBegun newer = begin(ALICE);
        assertEquals(new SignInRefused(Refusal.REPLACED), signIns.complete(good, claims("jdoe42")));
        assertTrue(world.stores.links().findByDiscordUser(CS101, ALICE.id()).isEmpty());
        assertTrue(world.deliver().isEmpty());
        assertInstanceOf(SignedIn.class, signIns.complete(secrets(newer), claims("jdoe42")));
    }

    @Test
    void aSignInExpiresAfterTenMinutes() {
        SignInBegun begun = begin(ALICE);
        world.clock.advance(Duration.ofMinutes(10));

        assertEquals(new SignInRefused(Refusal.EXPIRED), signIns.complete(secrets(begun), claims("jdoe42")));
        assertTrue(world.stores.links().findByDiscordUser(CS101, ALICE.id()).isEmpty());
    }

    @Test
    void aUserMissingFromARequiredDirectoryIsRefused() {
        SignInBegun begun = begin(ALICE);

        assertEquals(new SignInRefused(Refusal.NOT_IN_DIRECTORY), signIns.complete(secrets(begun), claims("stranger")));
        assertTrue(world.stores.links().findByDiscordUser(CS101, ALICE.id()).isEmpty());
        assertTrue(world.deliver().isEmpty());
    }

    @Test
    void withTheProviderAsAuthorityTheNameComesFromItsNameClaim() {
        world.stores.tenants().save(world.stores.tenants().find(CS101).orElseThrow().withOidc(
                world.stores.tenants().find(CS101).orElseThrow().oidc().withAuthority(DirectoryAuthority.PROVIDER)));
        SignInBegun begun = begin(ALICE);

        assertInstanceOf(SignedIn.class, signIns.complete(secrets(begun), claims("stranger")));
        assertTrue(world.deliver().stream().map(MemberUpdate::change).toList()
                .contains(new MemberChange.SetNickname("Jane From Provider")));
    }

    @Test
    void aMissingClaimIsRefusedAndRememberedWithTheClaimNamesTheProviderSent() {
        SignInBegun begun = begin(ALICE);

        assertEquals(new SignInRefused(Refusal.MISSING_CLAIM), signIns.complete(secrets(begun),
                new ProviderClaims(Map.of("sub", "f81d4fae", "email", "jdoe42@example.edu"))));

        String problem = world.stores.tenants().find(CS101).orElseThrow().oidc().loginProblem().orElseThrow();
        assertTrue(problem.contains("preferred_username") && problem.contains("email, sub"), problem);
        assertTrue(world.stores.links().findByDiscordUser(CS101, ALICE.id()).isEmpty());
    }
}
