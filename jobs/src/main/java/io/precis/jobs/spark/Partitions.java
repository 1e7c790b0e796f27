package io.precis.jobs.spark;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

  /** Threads for calls in flight, shared by every task of the JVM; idle ones end after a minute. */
  private static final ExecutorService CALLS =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          runnable -> {
            Thread thread = new Thread(runnable, "precis-call");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Applies the function to up to {@code inFlight} items at once, on threads shared by the JVM's
   * tasks, and returns the results in the order of the items: a task keeps that many LLM calls
   * going while each waits on its provider. Items are pulled as results are taken, so a partition
   * still streams through. The first function that throws fails the partition, and the work in
   * flight is cancelled.
   */
  public static <A, B> Iterator<B> mapConcurrently(
      Iterator<A> items, int inFlight, Function<A, B> function) {
    if (inFlight <= 1) {
      return map(items, function);
    }
    return new Iterator<>() {
      private final ArrayDeque<Future<B>> running = new ArrayDeque<>();

      private void fill() {
        while (running.size() < inFlight && items.hasNext()) {
          A item = items.next();
          running.add(CALLS.submit(() -> function.apply(item)));
        }
      }

      @Override
      public boolean hasNext() {
        fill();
        return !running.isEmpty();
      }

      @Override
      public B next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Future<B> head = running.poll();
        try {
          B result = head.get();
          fill();
          return result;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          cancel();
          throw new IllegalStateException("interrupted while waiting for a call", e);
        } catch (ExecutionException e) {
          cancel();
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException runtime) {
            throw runtime;
          }
          if (cause instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(cause);
        }
      }

      private void cancel() {
        running.forEach(future -> future.cancel(true));
        running.clear();
      }
    };
  }
}
