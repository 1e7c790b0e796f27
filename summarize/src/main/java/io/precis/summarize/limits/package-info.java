/**
 * Protects providers and the job from each other, per model and server and shared by every task of
 * a JVM: {@link io.precis.summarize.limits.RateLimiter} keeps calls within a tier's requests and
 * tokens per minute, {@link io.precis.summarize.limits.CircuitBreaker} stops calling a model that
 * keeps failing, and {@link io.precis.summarize.limits.LimitedClient} applies both to every attempt
 * of a client. {@link io.precis.summarize.limits.ModelLimits} holds the shared instances. Retries
 * stay in {@link io.precis.summarize.Retrier}.
 */
package io.precis.summarize.limits;
