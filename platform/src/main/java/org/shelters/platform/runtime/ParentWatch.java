package org.shelters.platform.runtime;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A service started by a supervisor (the local stack) ends when the supervisor is gone, even if
 * the supervisor was killed with SIGKILL and had no chance to stop it: otherwise an orphaned
 * service keeps its port and the next start of the stack cannot bind it. Enabled by
 * {@code platform.parent-pid}; the service then shuts down gracefully within about a second of
 * the parent's death.
 */
public class ParentWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ParentWatch.class);

    private final long parentPid;
    private volatile boolean running;

    public ParentWatch(long parentPid) {
        this.parentPid = parentPid;
    }

    @Override
    public void start() {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        if (parent.isEmpty()) {
            log.warn("platform.parent-pid {} is not running; not watching it", parentPid);
            return;
        }
        running = true;
        parent.get().onExit().thenRun(() -> {
            if (running) {
                log.warn("supervisor process {} is gone: shutting down", parentPid);
                Thread exit = new Thread(() -> System.exit(0), "parent-gone");
                exit.start();
            }
        });
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
