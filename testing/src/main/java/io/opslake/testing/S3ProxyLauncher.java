package io.opslake.testing;

import java.io.IOException;

/**
 * Main class of the S3Proxy child JVM that {@link S3Server} starts: runs S3Proxy's own main and
 * halts as soon as standard input reaches end of file.
 *
 * <p>The parent holds the other end of that pipe, and the operating system closes it however the
 * parent ends, so a test JVM that is killed outright does not leave a server behind. This class
 * runs only in the child, whose class path is the S3Proxy jar plus the test classes; it reaches
 * S3Proxy by reflection because S3Proxy is not on the test class path.
 */
public final class S3ProxyLauncher {
  private S3ProxyLauncher() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    Thread parentWatch = new Thread(S3ProxyLauncher::haltWhenParentGone, "parent-watch");
    parentWatch.setDaemon(true);
    parentWatch.start();
    Class.forName("org.gaul.s3proxy.Main")
        .getMethod("main", String[].class)
        .invoke(null, (Object) args);
  }

  private static void haltWhenParentGone() {
    try {
      while (System.in.read() != -1) {
        // The parent never writes; anything it might send is ignored.
      }
    } catch (IOException e) {
      // A broken pipe means the parent is gone as well.
    }
    Runtime.getRuntime().halt(0);
  }
}
