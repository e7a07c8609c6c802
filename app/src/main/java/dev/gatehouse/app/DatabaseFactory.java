package dev.gatehouse.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Without {@code datasources.default.url}, the data source is an embedded PostgreSQL kept in a local folder. */
@Factory
@Requires(missingProperty = "datasources.default.url")
class DatabaseFactory {

    @Singleton
    @Bean(preDestroy = "close")
    EmbeddedDatabase embeddedDatabase(@Value("${gatehouse.embedded-database.directory:data/postgres}") String directory) {
        return EmbeddedDatabase.openOrJoin(Path.of(directory));
    }

    @Singleton
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(EmbeddedDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setMaximumPoolSize(10);
        config.setPoolName("gatehouse-embedded");
        return new HikariDataSource(config);
    }
}
