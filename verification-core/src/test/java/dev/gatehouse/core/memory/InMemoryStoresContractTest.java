package dev.gatehouse.core.memory;

import dev.gatehouse.core.contract.ArrivalsContract;
import dev.gatehouse.core.contract.DirectoryImportsContract;
import dev.gatehouse.core.contract.HandoffRequestsContract;
import dev.gatehouse.core.contract.SignInRequestsContract;
import dev.gatehouse.core.contract.LinksContract;
import dev.gatehouse.core.contract.MemberUpdatesContract;
import dev.gatehouse.core.contract.PersonalDataContract;
import dev.gatehouse.core.contract.RateLimitStoreContract;
import dev.gatehouse.core.contract.SessionsContract;
import dev.gatehouse.core.contract.TenantsAndGuildsContract;
import dev.gatehouse.core.contract.TransactionsContract;
import dev.gatehouse.core.contract.UserDirectoryContract;
import dev.gatehouse.core.contract.WrongAnswerLogContract;
import dev.gatehouse.core.port.out.Stores;
import org.junit.jupiter.api.Nested;

/** The in-memory stores against every port contract. */
class InMemoryStoresContractTest {

    @Nested
    class TenantsAndGuilds extends TenantsAndGuildsContract {
        @Override
        protected Stores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class Directory extends UserDirectoryContract {
        @Override
        protected Stores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class DirectoryImports extends DirectoryImportsContract {
        @Override
        protected Stores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class Links extends LinksContract {
        @Override
        protected Stores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class Sessions extends SessionsContract {
        @Override
        protected Stores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class RateLimits extends RateLimitStoreContract {
        @Override
        protected Stores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class Outbox extends MemberUpdatesContract {
        @Override
        protected Stores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class Handoffs extends HandoffRequestsContract {
        @Override
        protected Stores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class SignIns extends SignInRequestsContract {
        @Override
        protected Stores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class WrongAnswers extends WrongAnswerLogContract {
        @Override
        protected Stores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class PersonsData extends PersonalDataContract {
        @Override
        protected Stores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class Transactions extends TransactionsContract {
        @Override
        protected Stores newStores() {
            return InMemoryStores.create();
        }
    }

    @Nested
    class Arrivals extends ArrivalsContract {
        @Override
        protected Stores newStores() {
            return InMemoryStores.create();
        }
    }
}
