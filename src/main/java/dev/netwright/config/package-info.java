/**
 * Typed application settings ({@code @ConfigMapping} interfaces), read from
 * {@code application.properties}, system properties and environment variables.
 */
package dev.netwright.config;
