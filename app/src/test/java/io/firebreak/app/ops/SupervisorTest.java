package io.firebreak.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> fatal = new CopyOnWriteArrayList<>();
    private Supervisor supervisor;

    @AfterEach
    void close() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    /** A service whose loop polls Kafka on its own thread until a poll throws, as a consumer does after an outage. */
    private static final class LoopService implements Managed {
        private final Thread loop;
        private volatile boolean kafkaFails;
        private volatile boolean closed;

        LoopService(AtomicInteger instances, boolean failAtStart) {
            instances.incrementAndGet();
            this.kafkaFails = failAtStart;
            this.loop = new Thread(() -> {
                while (!closed) {
                    if (kafkaFails) {
                        throw new IllegalStateException("Timeout expired while committing offsets");
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            this.loop.setDaemon(true);
            this.loop.setUncaughtExceptionHandler((t, e) -> { });
        }

        @Override
        public void start() {
            loop.start();
        }

        @Override
        public boolean alive() {
            return loop.isAlive();
        }

        @Override
        public String notReady() {
            return null;
        }

        @Override
        public void close() {
            closed = true;
            loop.interrupt();
        }
    }

    private Supervisor supervisor(Duration giveUpAfter) {
        Supervisor.Policy policy = new Supervisor.Policy(Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(100),
                Duration.ofMillis(200), giveUpAfter);
        supervisor = new Supervisor(policy, fatal::add, registry, Clock.systemUTC());
        return supervisor;
    }

    @Test
    void shouldReplaceTheServiceAndCountTheRestartWhenItsLoopsKafkaCallFails() {
        // Given a supervised service that runs
        AtomicInteger instances = new AtomicInteger();
        Supervisor.Supervised service = supervisor(Duration.ofSeconds(30)).supervise("alert", () -> new LoopService(instances, false));
        LoopService first = (LoopService) service.current();

        // When its loop's Kafka call fails and the loop ends
        first.kafkaFails = true;

        // Then a new instance replaces it and runs, the restart is counted, and the process is not given up on
        await().atMost(WAIT).until(() -> service.current() != null && service.current() != first && service.current().alive());
        assertThat(instances.get()).isEqualTo(2);
        assertThat(service.restarts()).isEqualTo(1);
        assertThat(registry.get("firebreak.service.restarts").tag("service", "alert").functionCounter().count()).isEqualTo(1);
        assertThat(supervisor.problems()).isEmpty();
        assertThat(fatal).isEmpty();
    }

    @Test
    void shouldTellTheLauncherOnceWhenTheServiceCannotRecoverInTime() {
        // Given a service whose every new instance fails at once (Kafka stays away)
        AtomicInteger instances = new AtomicInteger();
        Supervisor.Supervised service = supervisor(Duration.ofMillis(500))
                .supervise("sink", () -> new LoopService(instances, instances.get() > 0));

        // When the first instance's loop fails
        ((LoopService) service.current()).kafkaFails = true;

        // Then restarts are tried with backoff, and after 500 ms of failing the launcher is told, once
        await().atMost(WAIT).until(() -> !fatal.isEmpty());
        assertThat(fatal).hasSize(1);
        assertThat(fatal.get(0)).contains("sink").contains("did not recover");
        assertThat(service.restarts()).isGreaterThanOrEqualTo(2);
        assertThat(supervisor.problems()).singleElement().asString().startsWith("sink: not running");
    }

    @Test
    void shouldRefuseToStartWhenTheFirstStartFails() {
        Supervisor s = supervisor(Duration.ofSeconds(30));

        assertThatThrownBy(() -> s.supervise("ingest", () -> new Managed() {
            @Override
            public void start() {
                throw new IllegalStateException("cannot connect to mqtt");
            }

            @Override
            public boolean alive() {
                return false;
            }

            @Override
            public String notReady() {
                return "never started";
            }

            @Override
            public void close() {
            }
        })).hasMessage("cannot connect to mqtt");
    }
}
