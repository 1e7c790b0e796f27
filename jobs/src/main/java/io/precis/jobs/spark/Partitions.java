package io.precis.jobs.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Helpers for the functions a job runs on each partition. */
public final class Partitions {
  private Partitions() {}

  /**
   * Applies the function lazily, so that a partition streams through instead of piling up, and
   * closes the resource the function uses once the partition is done.
   */
  public static <A, B> Iterator<B> map(
      Iterator<A> items, AutoCloseable resource, Function<A, B> function) {
    return new Iterator<>() {
      private boolean closed;

      @Override
      public boolean hasNext() {
        if (items.hasNext()) {
          return true;
        }
        close();
        return false;
      }

      @Override
      public B next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return function.apply(items.next());
      }

      private void close() {
        if (!closed) {
          closed = true;
          try {
            resource.close();
          } catch (Exception e) {
            throw new IllegalStateException("cannot close " + resource, e);
          }
        }
      }
    };
  }

  /** Applies the function lazily; nothing to close. */
  public static <A, B> Iterator<B> map(Iterator<A> items, Function<A, B> function) {
    return map(items, () -> {}, function);
  }
}
