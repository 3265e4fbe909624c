package io.opslake.sampledata;

import java.util.SplittableRandom;

/**
 * Stack traces and messages of the planted failures. Only the 404 trace runs through
 * {@code parse-query-string}; no other text the generator writes contains that name.
 */
final class Backtraces {
  static final String NOT_FOUND_MARKER = "parse-query-string";
  static final String NOT_FOUND_FRAME = "myapp.middleware$parse_query_string.invoke(middleware.clj:42)";
  static final String TOO_MANY_OPEN_FILES = "Too many open files";
  static final String UNKNOWN_HOST = "java.net.UnknownHostException: db01.internal";

  private Backtraces() {}

  static String notFoundPath(SplittableRandom random) {
    return "/page" + random.nextInt(50) + "?id=" + random.nextInt(1, 100_000) + "&ref=" + Text.hex(random.nextLong(), 6);
  }

  static String notFound(String path) {
    return "clojure.lang.ExceptionInfo: Not Found: " + path + " {:status 404, :handler \"myapp.middleware/" + NOT_FOUND_MARKER + "\"}\n"
        + "\tat " + NOT_FOUND_FRAME + "\n"
        + "\tat myapp.middleware$wrap_params$fn__2231.invoke(middleware.clj:77)\n"
        + "\tat myapp.handler$app.invoke(handler.clj:19)\n"
        + "\tat ring.adapter.jetty$proxy_handler$fn__1520.invoke(jetty.clj:27)\n"
        + "\tat org.eclipse.jetty.server.handler.HandlerWrapper.handle(HandlerWrapper.java:127)\n"
        + "\tat org.eclipse.jetty.server.Server.handle(Server.java:516)";
  }

  static String nullPointer() {
    return "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"name\" is null\n"
        + "\tat com.mysite.web.ProfileView.render(ProfileView.java:61)\n"
        + "\tat myapp.handler$profile.invoke(handler.clj:54)\n"
        + "\tat myapp.handler$app.invoke(handler.clj:19)\n"
        + "\tat org.eclipse.jetty.server.Server.handle(Server.java:516)";
  }

  static String timeout() {
    return "java.net.SocketTimeoutException: Read timed out\n"
        + "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n"
        + "\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:976)\n"
        + "\tat com.mysite.search.SearchClient.query(SearchClient.java:112)\n"
        + "\tat myapp.search$find.invoke(search.clj:33)\n"
        + "\tat myapp.handler$app.invoke(handler.clj:19)";
  }

  static String tooManyOpenFiles() {
    return "java.net.SocketException: " + TOO_MANY_OPEN_FILES + "\n"
        + "\tat java.base/sun.nio.ch.Net.socket0(Native Method)\n"
        + "\tat java.base/sun.nio.ch.Net.socket(Net.java:524)\n"
        + "\tat com.mysite.db.Pool.connect(Pool.java:88)\n"
        + "\tat com.mysite.db.Pool.borrow(Pool.java:51)\n"
        + "\tat com.mysite.web.QueryHandler.handle(QueryHandler.java:40)";
  }

  static String unknownHost() {
    return "java.sql.SQLException: Cannot open connection to db01.internal\n"
        + "\tat com.mysite.db.Pool.connect(Pool.java:91)\n"
        + "\tat com.mysite.db.Pool.borrow(Pool.java:51)\n"
        + "\tat com.mysite.web.QueryHandler.handle(QueryHandler.java:40)\n"
        + "\tat org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:197)\n"
        + "Caused by: " + UNKNOWN_HOST + "\n"
        + "\tat java.base/java.net.InetAddress$CachedAddresses.get(InetAddress.java:801)\n"
        + "\tat java.base/java.net.InetAddress.getAllByName0(InetAddress.java:1533)\n"
        + "\tat com.mysite.db.Pool.connect(Pool.java:88)\n"
        + "\t... 12 more";
  }

  /** Which of the two leak symptoms an error at this time shows; every format agrees. */
  static boolean leakErrorIsTooManyOpenFiles(long epochMillis) {
    return epochMillis % 2 == 0;
  }
}
