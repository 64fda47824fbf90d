/**
 * Property-based testing for blogdb's tests, small and of its own: seeded tries (a run repeats exactly), and
 * shrinking that works through every generator because it shrinks the tries' decisions (see {@link
 * dev.blogdb.testing.property.Choices}). Why not a library: jqwik 1.10 asks AI agents, which work on blogdb,
 * not to use it; the maintained libraries with integrated shrinking (Americium 2.x, jetCheck) could not be
 * resolved by blogdb's build when this was written; and the one Americium release that could, 1.4.6 of 2022,
 * brings 35 jars and 81 MB, 55 MB of them RocksDB's native library, for one test class.
 */
package dev.blogdb.testing.property;
