/**
 * Test support shared by every module: the LLM simulator that speaks the Ollama and OpenAI wire
 * protocols, and the sample corpus that {@code precis demo} runs on.
 */
package io.precis.testkit;
