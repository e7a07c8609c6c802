package dev.gatehouse.benchmarks;

import dev.gatehouse.core.model.TokenHash;
import dev.gatehouse.core.model.VerificationToken;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Reading a link's token, as every link page does first: its format, then its SHA-256 (what is looked up). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoreBenchmark {
    private String token;

    @Setup
    public void setUp() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    @Benchmark
    public TokenHash readALinkToken() {
        return VerificationToken.parse(token).orElseThrow().hash();
    }
}
