package dev.imagegate.bench;

import dev.imagegate.testkit.FaultProxy;

/**
 * A loopback proxy that forwards every request to a registry after a fixed delay, to compare
 * clients as if the registry were remote: {@code LatencyProxy UPSTREAM_HOST DELAY_MS}. Prints its
 * own host, then runs until killed.
 */
public final class LatencyProxy {
  private LatencyProxy() {}

  public static void main(String[] args) throws InterruptedException {
    long delay = Long.parseLong(args[1]);
    FaultProxy proxy = FaultProxy.start(args[0]);
    proxy.rule((request, upstream) -> upstream.forward(request).delayed(delay));
    System.out.println(proxy.host());
    System.out.flush();
    Thread.currentThread().join();
  }
}
