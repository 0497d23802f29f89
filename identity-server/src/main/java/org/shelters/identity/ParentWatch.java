package org.shelters.identity;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A server started by a supervisor (the local stack) ends when the supervisor is gone, even if the
 * supervisor was killed with SIGKILL and could not stop it: otherwise an orphan keeps port 9000 and
 * the next start of the stack cannot bind it. The services do the same with {@code
 * platform.parent-pid}; this module depends on no other, hence its own copy. Off unless {@code
 * identity.parent-pid} is set.
 */
class ParentWatch implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ParentWatch.class);

  private final Long parentPid;
  private volatile boolean running;

  ParentWatch(Long parentPid) {
    this.parentPid = parentPid;
  }

  @Override
  public void start() {
    running = true;
    if (parentPid == null) {
      return;
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
    if (parent.isEmpty()) {
      log.warn("identity.parent-pid {} is not running; not watching it", parentPid);
      return;
    }
    parent.get().onExit().thenRun(() -> {
      if (running) {
        log.warn("supervisor process {} is gone: shutting down", parentPid);
        new Thread(() -> System.exit(0), "parent-gone").start();
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
