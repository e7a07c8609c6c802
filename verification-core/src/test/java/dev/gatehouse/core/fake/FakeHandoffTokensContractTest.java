package dev.gatehouse.core.fake;

import dev.gatehouse.core.contract.HandoffTokensContract;
import dev.gatehouse.core.model.HandoffSecret;
import dev.gatehouse.core.port.out.HandoffTokens;
import dev.gatehouse.core.port.out.HandoffTokens.Callback;
import dev.gatehouse.core.port.out.HandoffTokens.Grant;
import java.util.Optional;

/** The fake signer that scenario, bot and store tests use keeps the same contract as the JOSE one. */
class FakeHandoffTokensContractTest extends HandoffTokensContract {
    private final FakeHandoffTokens site = new FakeHandoffTokens();

    @Override
    protected HandoffTokens newTokens() {
        return new FakeHandoffTokens();
    }

    @Override
    protected Optional<Grant> siteReadsOutbound(String token, HandoffSecret secret) {
        return site.readOutbound(token, secret);
    }

    @Override
    protected String siteSignsCallback(Callback callback, HandoffSecret secret) {
        return site.signCallback(callback, secret);
    }

    @Override
    protected String withMemberIdChangedAfterSigning(String callbackToken, String memberId) {
        return FakeHandoffTokens.withMemberId(callbackToken, memberId);
    }
}
