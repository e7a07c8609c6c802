package dev.gatehouse.persistence;

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
import dev.gatehouse.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The PostgreSQL stores against every port contract of the core; each test starts from emptied tables and a new
 * context (so empty caches).
 */
class PostgresStoresContractTest {
    private static TestDatabase db;
    private static ApplicationContext current;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void stop() {
        if (current != null) {
            current.close();
        }
        db.close();
    }

    private static synchronized Stores freshStores() {
        if (current != null) {
            current.close();
        }
        db.truncateAll();
        current = db.startContext();
        return current.getBean(Stores.class);
    }

    @Nested
    class TenantsAndGuilds extends TenantsAndGuildsContract {
        @Override
        protected Stores newStores() {
            return freshStores();
        }
    }

    @Nested
    class Directory extends UserDirectoryContract {
        @Override
        protected Stores newStores() {
            return freshStores();
        }
    }

    @Nested
    class DirectoryImports extends DirectoryImportsContract {
        @Override
        protected Stores newStores() {
            return freshStores();
        }
    }

    @Nested
    class Links extends LinksContract {
        @Override
        protected Stores newStores() {
            return freshStores();
        }
    }

    @Nested
    class Sessions extends SessionsContract {
        @Override
        protected Stores newStores() {
            return freshStores();
        }
    }

    @Nested
    class Handoffs extends HandoffRequestsContract {
        @Override
        protected Stores newStores() {
            return freshStores();
        }
    }

    @Nested
    class SignIns extends SignInRequestsContract {
        @Override
        protected Stores newStores() {
            return freshStores();
        }
    }

    @Nested
    class WrongAnswers extends WrongAnswerLogContract {
        @Override
        protected Stores newStores() {
            return freshStores();
        }
    }

    @Nested
    class PersonsData extends PersonalDataContract {
        @Override
        protected Stores newStores() {
            return freshStores();
        }
    }

    @Nested
    class RateLimits extends RateLimitStoreContract {
        @Override
        protected Stores newStores() {
            return freshStores();
        }
    }

    @Nested
    class Outbox extends MemberUpdatesContract {
        @Override
        protected Stores newStores() {
            return freshStores();
        }
    }

    @Nested
    class Transactions extends TransactionsContract {
        @Override
        protected Stores newStores() {
            return freshStores();
        }
    }

    @Nested
    class Arrivals extends ArrivalsContract {
        @Override
        protected Stores newStores() {
            return freshStores();
        }
    }
}
