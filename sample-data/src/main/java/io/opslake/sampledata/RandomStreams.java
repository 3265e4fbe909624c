package io.opslake.sampledata;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent random streams from the seed and a key such as {@code ("app_events",
 * "dc0-web01", day)}, so what is generated for one key never depends on what was generated
 * before it (files can be written in any order, in parallel).
 */
final class RandomStreams {
  private RandomStreams() {}

  /** A stream for the key: FNV-1a over the parts, mixed with the seed by a SplitMix64 finalizer. */
  static SplittableRandom stream(long seed, Object... keyParts) {
    long hash = 0xcbf29ce484222325L;
    for (Object part : keyParts) {
      for (byte b : String.valueOf(part).getBytes(StandardCharsets.UTF_8)) {
        hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
      }
      // A separator keeps ("ab","c") and ("a","bc") apart.
      hash = (hash ^ 0x1f) * 0x100000001b3L;
    }
    return new SplittableRandom(mix(hash ^ mix(seed)));
  }

  /** A value in [0, 1) for the key, for one-off draws (e.g. the jitter of the k-th GC). */
  static double uniform(long seed, Object... keyParts) {
    return stream(seed, keyParts).nextDouble();
  }

  static long mix(long value) {
    long z = value + 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A standard normal draw (Box–Muller; one value per call keeps streams simple). */
  static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** Poisson-distributed count (normal approximation above 30, exact below). */
  static int poisson(SplittableRandom random, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }
}
